import type { Readiness } from '@astrolabe/api-contract';
import { formatPercent, percentOf } from '../lib/format';

const R = 42;
const C = 2 * Math.PI * R;

interface Segment {
  key: string;
  value: number;
  className: string;
}

export function readinessSegments(r: Readiness): Segment[] {
  return [
    { key: 'passing', value: r.passing, className: 'seg-good' },
    { key: 'excepted', value: r.excepted, className: 'seg-info' },
    { key: 'at-risk', value: r.atRisk, className: 'seg-warn' },
    { key: 'failing', value: r.failing, className: 'seg-bad' },
    { key: 'unknown', value: r.unknown, className: 'seg-unknown' },
    { key: 'not-monitored', value: r.notMonitored, className: 'seg-none' },
  ];
}

/** Donut of in-scope requirements; only the passing arc counts towards the percentage in the middle. */
export function ReadinessRing({ readiness, size = 112 }: { readiness: Readiness; size?: number }) {
  const total = Math.max(readiness.inScope, readinessSegments(readiness).reduce((sum, s) => sum + s.value, 0));
  let offset = 0;
  const arcs = readinessSegments(readiness)
    .filter((s) => s.value > 0 && total > 0)
    .map((s) => {
      const len = (s.value / total) * C;
      const arc = { ...s, len, offset };
      offset += len;
      return arc;
    });
  // The server's figure: it never rounds up to 100 unless everything passes.
  const pct = readiness.percent;
  return (
    <svg className="ring" width={size} height={size} viewBox="0 0 100 100" role="img" aria-label={`${formatPercent(pct)} ready`}>
      <circle className="ring-track" cx="50" cy="50" r={R} />
      {arcs.map((a) => (
        <circle
          key={a.key}
          className={`ring-seg ${a.className}`}
          cx="50"
          cy="50"
          r={R}
          strokeDasharray={`${Math.max(0, a.len - 0.8)} ${C}`}
          strokeDashoffset={-a.offset}
          transform="rotate(-90 50 50)"
        />
      ))}
      <text x="50" y="50" className="ring-value" textAnchor="middle" dominantBaseline="central">
        {total > 0 ? formatPercent(pct) : '—'}
      </text>
    </svg>
  );
}

/** Horizontal stacked bar of the same segments, for tight rows. */
export function StackedBar({ segments, total, label }: { segments: Segment[]; total: number; label: string }) {
  return (
    <div className="stacked" role="img" aria-label={label}>
      {total > 0 &&
        segments
          .filter((s) => s.value > 0)
          .map((s) => <span key={s.key} className={`stacked-seg ${s.className}`} style={{ width: `${percentOf(s.value, total)}%` }} />)}
    </div>
  );
}
