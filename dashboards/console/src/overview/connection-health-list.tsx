import type { Connection } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { HealthPill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { ConnectorIcon } from '../connections/connector-badge';
import { useConnectorTitles } from '../connections/use-connectors';

export function ConnectionHealthList({ connections }: { connections: Connection[] }) {
  const titles = useConnectorTitles();
  return (
    <section className="card" data-testid="connection-health">
      <div className="card-head">
        <h2>Connections</h2>
        <Link to="/connections" className="card-link">
          All connections →
        </Link>
      </div>
      {connections.length === 0 ? (
        <p className="muted">
          No connection yet. <Link to="/connections/new">Add one</Link> to start collecting evidence.
        </p>
      ) : (
        <ul className="health-list">
          {connections.map((c) => (
            <li key={c.id}>
              <Link to={`/connections/${c.id}`} className="health-name">
                {c.name}
              </Link>
              <span className="muted health-meta" data-testid="health-connector" data-connector={c.connectorId}>
                <ConnectorIcon connectorId={c.connectorId} size={14} /> {titles.get(c.connectorId) ?? c.connectorId} · {c.lastRun ? <TimeAgo iso={c.lastRun.finishedAt ?? c.lastRun.queuedAt} /> : 'never run'}
              </span>
              <HealthPill health={c.health} testId={`health-${c.id}`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
