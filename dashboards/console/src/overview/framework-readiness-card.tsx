import type { FrameworkView } from '@astrolabe/api-contract';
import { ReadinessRing } from '../components/readiness-ring';
import { formatPercent } from '../lib/format';

const LEGEND = [
  { key: 'passing', label: 'Passing', tone: 'good' },
  { key: 'failing', label: 'Failing', tone: 'bad' },
  { key: 'unknown', label: 'Unknown', tone: 'unknown' },
  { key: 'notMonitored', label: 'Not monitored', tone: 'none' },
] as const;

export function FrameworkReadinessCard({ framework }: { framework: FrameworkView }) {
  const r = framework.readiness;
  return (
    <article className="card readiness-card" data-testid={`readiness-${framework.id}`}>
      <ReadinessRing readiness={r} size={100} />
      <div className="readiness-body">
        <h3>
          {framework.name} <span className="muted readiness-version">{framework.version}</span>
        </h3>
        <p className="readiness-summary">
          <span data-testid="readiness-percent">{formatPercent(r.percent)}</span> ready · {r.passing} of {r.inScope} requirements passing
        </p>
        <ul className="legend">
          {LEGEND.map((l) => (
            <li key={l.key}>
              <span className={`dot dot-${l.tone}`} aria-hidden="true" />
              <span className="legend-label">{l.label}</span>
              <span className="legend-value">{r[l.key]}</span>
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}
