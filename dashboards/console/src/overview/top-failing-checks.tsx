import { Link } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { LoadingState, ProblemAlert } from '../components/page-state';
import { SeverityBadge } from '../components/severity-badge';
import { ConnectorIcon } from '../connections/connector-badge';
import { sortChecksWorstFirst } from '../checks/check-status';
import { useWorkspace } from '../workspace/workspace-context';

/** The engineer's to-do list: the worst failing checks, most severe first. */
export function TopFailingChecks({ limit = 5 }: { limit?: number }) {
  const { workspace } = useWorkspace();
  const checks = useResource(`checks:${workspace.id}`, (signal) => api.checks(workspace.id, signal));
  const failing = sortChecksWorstFirst(checks.data?.items ?? []).filter((c) => c.counts.fail > 0);
  return (
    <section className="card" data-testid="top-failing-checks">
      <div className="card-head">
        <h2>Failing checks</h2>
        <Link to="/checks?status=failing" className="card-link">
          All checks →
        </Link>
      </div>
      {checks.error && <ProblemAlert error={checks.error} onRetry={checks.reload} />}
      {!checks.data && !checks.error && <LoadingState />}
      {checks.data && failing.length === 0 && <p className="muted">No check is failing.</p>}
      {failing.length > 0 && (
        <ul className="rank-list">
          {failing.slice(0, limit).map((c) => (
            <li key={c.id}>
              <SeverityBadge severity={c.severity} />
              <Link to={`/checks/${encodeURIComponent(c.id)}`} className="rank-title" title={`${c.title} (${c.connector})`}>
                <ConnectorIcon connectorId={c.connector} size={16} />
                {c.title}
              </Link>
              <span className="rank-count text-bad">{c.counts.fail.toLocaleString('en')} failing</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
