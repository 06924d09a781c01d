import type { Connection, ConnectorInfo, Run } from '@astrolabe/api-contract';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, isTerminal } from '../api/client';
import { useResource } from '../api/use-resource';
import { ConnectionSettings } from '../connections/connection-settings';
import { ConnectorBadge } from '../connections/connector-badge';
import { PermissionsPanel } from '../connections/permissions-panel';
import { RunHistoryTable } from '../connections/run-history-table';
import { RunPanel } from '../connections/run-panel';
import { useRunPoller } from '../connections/use-run-poller';
import { ValidatePanel } from '../connections/validate-panel';
import { EmptyState, ErrorState, LoadingState, ProblemAlert } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { HealthPill } from '../components/status-pill';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

interface Selection {
  runId: string;
  seed: Run;
}

function RunNowButton({ running, pending, onClick }: { running: boolean; pending: boolean; onClick: () => void }) {
  return (
    <button type="button" className="btn btn-primary" onClick={onClick} disabled={running || pending} data-testid="run-now">
      {pending ? 'Starting…' : running ? 'Running…' : 'Run now'}
    </button>
  );
}

function ConnectionBody({ connection, connector, onChanged }: { connection: Connection; connector: ConnectorInfo | undefined; onChanged: () => void }) {
  const { workspace } = useWorkspace();
  const runs = useResource(`runs:${workspace.id}:${connection.id}`, (signal) => api.connectionRuns(workspace.id, connection.id, signal));
  const [selection, setSelection] = useState<Selection | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const mayRun = useMay('runs.start');
  const mayManage = useMay('connections.manage');

  const latest = runs.data?.items[0] ?? connection.lastRun ?? undefined;
  const shown = selection ?? (latest ? { runId: latest.id, seed: latest } : null);
  const { run, error } = useRunPoller(workspace.id, shown?.runId, shown?.seed, () => {
    // A watched run finished: history, health and scores all changed.
    runs.reload();
    onChanged();
  });
  const active = run !== undefined && !isTerminal(run.state);

  const runNow = () => {
    setStarting(true);
    setStartError(null);
    api.runNow(workspace.id, connection.id).then(
      (queued) => {
        setStarting(false);
        setSelection({ runId: queued.id, seed: queued });
        runs.reload();
      },
      (err: unknown) => {
        setStarting(false);
        setStartError(err instanceof ApiError ? err : new ApiError({ type: 'about:blank', title: 'Could not start a run', status: 0, detail: String(err) }));
      },
    );
  };

  const isLatest = run !== undefined && run.id === latest?.id;
  return (
    <>
      <PageHeader
        crumbs={[{ label: 'Connections', to: '/connections' }]}
        title={connection.name}
        meta={
          <>
            <HealthPill health={connection.health} testId="connection-health-state" />
            <ConnectorBadge connectorId={connection.connectorId} title={connector?.title} />
            {connection.scope && <span className="mono muted">{connection.scope.id}</span>}
          </>
        }
        actions={mayRun && <RunNowButton running={active} pending={starting} onClick={runNow} />}
      />
      {startError && <ProblemAlert error={startError} />}
      <div className="stack">
        {run ? (
          <RunPanel run={run} error={error} connector={connector} title={active ? 'Current run' : isLatest ? 'Last run' : 'Selected run'} />
        ) : (
          <section className="card">
            <EmptyState title="No run yet">{mayRun ? 'Press “Run now” to collect evidence for the first time.' : 'The first collection runs on the schedule.'}</EmptyState>
          </section>
        )}
        <section className="card card-flush">
          <div className="card-head card-head-padded">
            <h2>Run history</h2>
            <span className="muted small">Select a run to see what it collected</span>
          </div>
          {runs.error && (
            <div className="card-pad">
              <ProblemAlert error={runs.error} onRetry={runs.reload} />
            </div>
          )}
          {runs.data && runs.data.items.length === 0 && <EmptyState title="No run yet" />}
          {runs.data && runs.data.items.length > 0 && <RunHistoryTable
              // The watched run is fresher than the list fetched when it was queued.
              runs={runs.data.items.map((r) => (run && r.id === run.id ? run : r))}
              selectedId={run?.id}
              onSelect={(r) => setSelection({ runId: r.id, seed: r })}
            />}
          {!runs.data && !runs.error && <LoadingState label="Loading runs" />}
        </section>
        <div className="grid grid-2">
          <div className="stack">
            {mayManage && (
              <section className="card card-compact">
                <h2 className="card-title-small">Validate access</h2>
                <p className="small muted">Checks the credentials and each permission without running a collection.</p>
                <ValidatePanel workspaceId={workspace.id} connectionId={connection.id} />
              </section>
            )}
            <ConnectionSettings connection={connection} />
          </div>
          {connector && <PermissionsPanel connector={connector} />}
        </div>
      </div>
    </>
  );
}

export function ConnectionDetailPage() {
  const { connectionId = '' } = useParams();
  const { workspace } = useWorkspace();
  // The list is small and always carries health + last run, so one call serves the header too.
  const connections = useResource(`connections:${workspace.id}`, (signal) => api.connections(workspace.id, signal));
  const connectors = useResource('connectors', (signal) => api.connectors(signal));
  const connection = connections.data?.items.find((c) => c.id === connectionId);
  const connector = connectors.data?.items.find((c) => c.id === connection?.connectorId);

  return (
    <div className="page" data-testid="connection-detail-page">
      {connections.error && <ErrorState error={connections.error} onRetry={connections.reload} />}
      {!connections.data && !connections.error && <LoadingState label="Loading connection" />}
      {connections.data && !connection && <EmptyState title="Connection not found">It may have been removed, or it belongs to another workspace.</EmptyState>}
      {connection && <ConnectionBody connection={connection} connector={connector} onChanged={connections.reload} />}
    </div>
  );
}
