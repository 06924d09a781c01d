import type { Connection } from '@astrolabe/api-contract';
import { TimeAgo } from '../components/time-ago';
import { labelFromName } from './json-schema';
import { ScheduleText } from './schedule-text';

function display(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function ConnectionSettings({ connection }: { connection: Connection }) {
  const config = Object.entries(connection.config);
  return (
    <section className="card card-compact" data-testid="connection-settings">
      <h2 className="card-title-small">Settings</h2>
      <dl className="kv">
        <dt>Schedule</dt>
        <dd>
          <ScheduleText cron={connection.schedule} />
          {!connection.enabled && <span className="tag">Paused</span>}
        </dd>
        {connection.scope && (
          <>
            <dt>Scope</dt>
            <dd className="mono small break">{connection.scope.id}</dd>
          </>
        )}
        {config.map(([k, v]) => (
          <div key={k} className="kv-row">
            <dt title={k}>{labelFromName(k)}</dt>
            <dd className="mono small break">{display(v)}</dd>
          </div>
        ))}
        <dt>Credentials</dt>
        <dd>{connection.hasSecret ? 'Stored, encrypted (write-only)' : "Server's default credential chain"}</dd>
        <dt>Created</dt>
        <dd>
          <TimeAgo iso={connection.createdAt} />
        </dd>
      </dl>
    </section>
  );
}
