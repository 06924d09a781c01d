import type { Connection } from '@astrolabe/api-contract';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { ConnectionForm } from '../connections/connection-form';
import { ConnectorPicker } from '../connections/connector-picker';
import { PermissionsPanel } from '../connections/permissions-panel';
import { ValidatePanel } from '../connections/validate-panel';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { RoleNote } from '../members/role-note';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

function Created({ workspaceId, connection }: { workspaceId: string; connection: Connection }) {
  return (
    <section className="card" data-testid="connection-created">
      <div className="card-head">
        <h2>“{connection.name}” created</h2>
      </div>
      <p className="muted small">Checking that Astrolabe can reach the source with these settings. The first collection runs on the schedule, or now from the connection page.</p>
      <ValidatePanel workspaceId={workspaceId} connectionId={connection.id} autoStart />
      <div className="form-actions">
        <Link to={`/connections/${connection.id}`} className="btn btn-primary" data-testid="open-connection">
          Open connection
        </Link>
      </div>
    </section>
  );
}

export function NewConnectionPage() {
  const { workspace } = useWorkspace();
  const connectors = useResource('connectors', (signal) => api.connectors(signal));
  const [params, setParams] = useSearchParams();
  const [created, setCreated] = useState<Connection | null>(null);
  const items = connectors.data?.items ?? [];
  const connector = items.find((c) => c.id === params.get('connector')) ?? items[0];
  const mayManage = useMay('connections.manage');

  return (
    <div className="page" data-testid="new-connection-page">
      <PageHeader crumbs={[{ label: 'Connections', to: '/connections' }]} title="Add connection" subtitle="Astrolabe only reads. Grant the listed read-only permissions, then validate." />
      {connectors.error && <ErrorState error={connectors.error} onRetry={connectors.reload} />}
      {!connectors.data && !connectors.error && <LoadingState label="Loading connectors" />}
      {connectors.data && !connector && <EmptyState title="No connector is installed on this server" />}
      <RoleNote permission="connections.manage" action="add connections" testId="new-connection-forbidden" />
      {connector && mayManage && (
        <div className="grid grid-main-side">
          <div className="stack">
            {created ? (
              <Created workspaceId={workspace.id} connection={created} />
            ) : (
              <section className="card">
                <ConnectorPicker connectors={items} value={connector.id} onChange={(id) => setParams({ connector: id }, { replace: true })} />
                {/* Keyed by connector so switching source starts from that connector's defaults. */}
                <ConnectionForm key={connector.id} workspaceId={workspace.id} connector={connector} onCreated={setCreated} />
              </section>
            )}
          </div>
          <PermissionsPanel connector={connector} />
        </div>
      )}
    </div>
  );
}
