import type { ControlDetail } from '@astrolabe/api-contract';
import type { ControlStatus } from '../api/client';
import { CONTROL_STATUS_LABEL, CONTROL_STATUS_ORDER } from '../components/status-pill';
import { formatDay, lastDays } from '../lib/days';

const CELL = 10;
const GAP = 2;
const HEIGHT = 28;

/** 90 days, one cell per day coloured by that day's status; days before monitoring began are hollow. */
export function StatusHistoryStrip({ history, days = 90 }: { history: ControlDetail['history']; days?: number }) {
  const axis = lastDays(days);
  const byDay = new Map(history.map((h) => [h.day, h.status]));
  const width = days * (CELL + GAP) - GAP;
  const seen = new Set<ControlStatus>(axis.flatMap((d) => byDay.get(d) ?? []));
  return (
    <figure className="status-strip" data-testid="status-history">
      <svg width="100%" viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={`Control status, one cell per day for ${days} days`} height={HEIGHT}>
        {axis.map((day, i) => {
          const status = byDay.get(day);
          return (
            <rect
              key={day}
              x={i * (CELL + GAP)}
              y={0}
              width={CELL}
              height={HEIGHT}
              rx={2}
              className={`strip-cell strip-${status ?? 'nodata'}`}
              data-testid="status-history-day"
              data-day={day}
              data-status={status ?? 'no_data'}
            >
              <title>{`${formatDay(day)}: ${status ? CONTROL_STATUS_LABEL[status] : 'no score yet'}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="status-strip-caption">
        <span>{formatDay(axis[0]!)}</span>
        <ul className="strip-legend">
          {CONTROL_STATUS_ORDER.filter((s) => seen.has(s)).map((s) => (
            <li key={s}>
              <span className={`strip-swatch strip-${s}`} aria-hidden="true" />
              {CONTROL_STATUS_LABEL[s]}
            </li>
          ))}
          {axis.some((d) => !byDay.has(d)) && (
            <li>
              <span className="strip-swatch strip-nodata" aria-hidden="true" />
              No score
            </li>
          )}
        </ul>
        <span>Today</span>
      </figcaption>
    </figure>
  );
}
