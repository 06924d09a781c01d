import type { Readiness } from '@astrolabe/api-contract';

// Every bucket of in-scope requirements, shown apart: unknown and not monitored are never folded into passing.
const LEGEND = [
  { key: 'passing', label: 'Passing', tone: 'good' },
  { key: 'atRisk', label: 'At risk', tone: 'warn' },
  { key: 'failing', label: 'Failing', tone: 'bad' },
  { key: 'excepted', label: 'Excepted', tone: 'info' },
  { key: 'unknown', label: 'Unknown', tone: 'unknown' },
  { key: 'notMonitored', label: 'Not monitored', tone: 'none' },
] as const;

export function ReadinessLegend({ readiness }: { readiness: Readiness }) {
  return (
    <ul className="legend">
      {LEGEND.map((l) => (
        <li key={l.key} data-testid={`readiness-count-${l.key}`} data-value={readiness[l.key]}>
          <span className={`dot dot-${l.tone}`} aria-hidden="true" />
          <span className="legend-label">{l.label}</span>
          <span className={`legend-value ${readiness[l.key] === 0 ? 'legend-zero' : ''}`}>{readiness[l.key]}</span>
        </li>
      ))}
    </ul>
  );
}
