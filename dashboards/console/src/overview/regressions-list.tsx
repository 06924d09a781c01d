import type { RegressionView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { ControlStatusPill } from '../components/status-pill';
import { formatDay } from '../lib/days';

/** Controls whose status is worse than yesterday's: what a compliance lead looks at first. */
export function RegressionsList({ regressions }: { regressions: RegressionView[] }) {
  return (
    <section className="card" data-testid="regressions" data-count={regressions.length}>
      <div className="card-head">
        <h2>Regressed since yesterday</h2>
        <Link to="/controls?status=failing" className="card-link">
          Failing controls →
        </Link>
      </div>
      {regressions.length === 0 ? (
        <p className="muted">No control got worse since yesterday.</p>
      ) : (
        <ul className="work-list work-list-wide">
          {regressions.map((r) => (
            <li key={r.controlId} data-testid={`regression-${r.controlId}`} data-from={r.from} data-to={r.to}>
              <div className="min-w-0">
                <Link to={`/controls/${encodeURIComponent(r.controlId)}`} className="work-title">
                  {r.title}
                </Link>
                <div className="cell-sub">
                  since {formatDay(r.since)} · {r.owner ? r.owner.displayName : <span className="text-warn">no owner</span>}
                </div>
              </div>
              <span className="regression-change">
                <ControlStatusPill status={r.from} />
                <span aria-label="to" className="muted">
                  →
                </span>
                <ControlStatusPill status={r.to} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
