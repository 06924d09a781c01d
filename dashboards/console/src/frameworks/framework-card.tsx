import type { FrameworkView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { ReadinessLegend } from '../components/readiness-legend';
import { ReadinessRing } from '../components/readiness-ring';
import { formatPercent } from '../lib/format';
import { FrameworkToggle } from './framework-toggle';

export function FrameworkCard({ framework, onChanged }: { framework: FrameworkView; onChanged: () => void }) {
  const r = framework.readiness;
  const href = `/frameworks/${encodeURIComponent(framework.id)}`;
  return (
    <article className={`card framework-card ${framework.enabled ? '' : 'framework-card-disabled'}`} data-testid={`framework-card-${framework.id}`} data-enabled={framework.enabled}>
      <div className="framework-card-head">
        <div className="min-w-0">
          <h3>
            <Link to={href} className="readiness-title" data-testid={`framework-open-${framework.id}`}>
              {framework.name}
            </Link>
          </h3>
          <p className="muted small framework-meta">
            {framework.version} · {framework.publisher}
          </p>
        </div>
        <FrameworkToggle framework={framework} onChanged={onChanged} />
      </div>
      <div className="readiness-card">
        <ReadinessRing readiness={r} size={104} />
        <div className="readiness-body">
          <p className="readiness-summary">
            <span data-testid="readiness-percent">{formatPercent(r.percent)}</span> ready · {r.passing} of {r.inScope} in-scope requirements passing
          </p>
          <ReadinessLegend readiness={r} />
        </div>
      </div>
      <div className="framework-card-foot">
        <Link to={href} className="card-link">
          Requirements →
        </Link>
      </div>
    </article>
  );
}
