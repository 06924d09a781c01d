import type { Connection } from '@astrolabe/api-contract';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { ConnectorBadge } from '../connections/connector-badge';
import { ScheduleText } from '../connections/schedule-text';
import { useConnectorTitles } from '../connections/use-connectors';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { HealthPill, RunStatePill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { durationBetween, formatDuration } from '../lib/format';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

function ConnectionRow({ connection: c, connectorTitle }: { connection: Connection; connectorTitle: string | undefined }) {
  const navigate = useNavigate();
  const href = `/connections/${c.id}`;
  return (
    <tr className="row-link" data-testid={`connection-row-${c.id}`} data-connector={c.connectorId} onClick={() => navigate(href)}>
      <td>
        <Link to={href} className="cell-title" onClick={(e) => e.stopPropagation()}>
          {c.name}
        </Link>
        <div className="cell-sub cell-sub-refs">
          <ConnectorBadge connectorId={c.connectorId} title={connectorTitle} />
          {c.scope && <span className="mono">{c.scope.id}</span>}
        </div>
      </td>
      <td>
        <HealthPill health={c.health} />
        {!c.enabled && <span className="tag">Paused</span>}
      </td>
      <td>
        {c.lastRun ? (
          <div className="run-cell">
            <RunStatePill state={c.lastRun.state} />
            <span className="muted small nowrap">
              <TimeAgo iso={c.lastRun.finishedAt ?? c.lastRun.startedAt ?? c.lastRun.queuedAt} />
              {c.lastRun.finishedAt && ` · ${formatDuration(durationBetween(c.lastRun.startedAt, c.lastRun.finishedAt))}`}
            </span>
          </div>
        ) : (
          <span className="muted">Never run</span>
        )}
      </td>
      <td>
        <ScheduleText cron={c.schedule} />
      </td>
    </tr>
  );
}

export function ConnectionsPage() {
  const { workspace } = useWorkspace();
  const connections = useResource(`connections:${workspace.id}`, (signal) => api.connections(workspace.id, signal));
  const items = connections.data?.items;
  const titles = useConnectorTitles();
  const mayManage = useMay('connections.manage');
  return (
    <div className="page" data-testid="connections-page">
      <PageHeader
        title="Connections"
        subtitle="Each connection collects evidence from one source on its schedule."
        actions={
          mayManage && (
            <Link to="/connections/new" className="btn btn-primary" data-testid="add-connection">
              Add connection
            </Link>
          )
        }
      />
      {connections.error && <ErrorState error={connections.error} onRetry={connections.reload} />}
      {!items && !connections.error && <LoadingState label="Loading connections" />}
      {items && items.length === 0 && (
        <EmptyState title="No connection yet">
          {mayManage ? (
            <>
              <Link to="/connections/new">Add a connection</Link> to start collecting evidence.
            </>
          ) : (
            'An owner or admin adds connections.'
          )}
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table className="table table-fixed" data-testid="connections-table">
            <thead>
              <tr>
                <th>Connection</th>
                <th style={{ width: 150 }}>Health</th>
                <th style={{ width: 290 }}>Last run</th>
                <th style={{ width: 250 }}>Schedule</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <ConnectionRow key={c.id} connection={c} connectorTitle={titles.get(c.connectorId)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
