import type { FrameworkView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { ReadinessLegend } from '../components/readiness-legend';
import { ReadinessRing } from '../components/readiness-ring';
import { formatPercent } from '../lib/format';

export function FrameworkReadinessCard({ framework }: { framework: FrameworkView }) {
  const r = framework.readiness;
  return (
    <article className="card readiness-card" data-testid={`readiness-${framework.id}`}>
      <ReadinessRing readiness={r} size={100} />
      <div className="readiness-body">
        <h3>
          <Link to={`/frameworks/${encodeURIComponent(framework.id)}`} className="readiness-title">
            {framework.name}
          </Link>{' '}
          <span className="muted readiness-version">{framework.version}</span>
        </h3>
        <p className="readiness-summary">
          <span data-testid="readiness-percent">{formatPercent(r.percent)}</span> ready · {r.passing} of {r.inScope} requirements passing
        </p>
        <ReadinessLegend readiness={r} />
      </div>
    </article>
  );
}
