import type { FrameworkHistory } from '@astrolabe/api-contract';
import { formatDay, lastDays } from '../lib/days';
import { formatPercent, plural } from '../lib/format';

const W = 300;
const H = 64;
const PAD = 4;

/** 90 days of readiness, one point per scored day; days without a score are left as gaps, not guessed. */
export function ReadinessSparkline({ history, days = 90 }: { history: FrameworkHistory['items']; days?: number }) {
  const axis = lastDays(days);
  const byDay = new Map(history.map((h) => [h.day, h.percent]));
  const x = (i: number) => PAD + (i / Math.max(1, days - 1)) * (W - 2 * PAD);
  const y = (pct: number) => H - PAD - (Math.min(100, Math.max(0, pct)) / 100) * (H - 2 * PAD);

  // Consecutive scored days form one run; a missing day breaks the line.
  const runs: { i: number; pct: number }[][] = [];
  let run: { i: number; pct: number }[] = [];
  axis.forEach((day, i) => {
    const pct = byDay.get(day);
    if (pct === undefined) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ i, pct });
  });
  if (run.length) runs.push(run);

  const scored = history.filter((h) => axis.includes(h.day));
  const latest = scored[scored.length - 1];
  const first = scored[0];
  const label = latest ? `Readiness over ${days} days: ${formatPercent(latest.percent)} today` : `No readiness scored in the last ${days} days`;

  return (
    <figure className="sparkline" data-testid="readiness-sparkline" data-points={scored.length}>
      <svg width="100%" height={H} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label}>
        <line className="sparkline-grid" x1={PAD} x2={W - PAD} y1={y(100)} y2={y(100)} />
        <line className="sparkline-grid" x1={PAD} x2={W - PAD} y1={y(50)} y2={y(50)} />
        <line className="sparkline-base" x1={PAD} x2={W - PAD} y1={y(0)} y2={y(0)} />
        {runs.map((r) =>
          r.length === 1 ? (
            // A lone day: a zero-length round-capped line stays a round dot however the SVG is stretched.
            <line key={r[0]!.i} className="sparkline-dot" x1={x(r[0]!.i)} x2={x(r[0]!.i)} y1={y(r[0]!.pct)} y2={y(r[0]!.pct)} />
          ) : (
            <polyline key={r[0]!.i} className="sparkline-line" points={r.map((p) => `${x(p.i)},${y(p.pct)}`).join(' ')} />
          ),
        )}
      </svg>
      <figcaption className="sparkline-caption">
        <span>{formatDay(axis[0]!)}</span>
        <span>
          {first && latest && first !== latest
            ? `${formatPercent(first.percent)} → ${formatPercent(latest.percent)}`
            : latest
              ? `${formatPercent(latest.percent)} · ${plural(scored.length, 'day')} scored`
              : 'No history yet'}
        </span>
        <span>Today</span>
      </figcaption>
    </figure>
  );
}
