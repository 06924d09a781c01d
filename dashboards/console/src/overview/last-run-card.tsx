import type { Connection, Run } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { RunStatePill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { durationBetween, formatDuration } from '../lib/format';

export function LastRunCard({ run, connection }: { run: Run | null; connection: Connection | undefined }) {
  return (
    <section className="card" data-testid="last-run">
      <div className="card-head">
        <h2>Last collection</h2>
        {connection && (
          <Link to={`/connections/${connection.id}`} className="card-link">
            {connection.name} →
          </Link>
        )}
      </div>
      {run ? (
        <dl className="facts">
          <div>
            <dt>State</dt>
            <dd>
              <RunStatePill state={run.state} />
            </dd>
          </div>
          <div>
            <dt>Finished</dt>
            <dd>{run.finishedAt ? <TimeAgo iso={run.finishedAt} /> : <span className="muted">in progress</span>}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(durationBetween(run.startedAt, run.finishedAt))}</dd>
          </div>
          <div>
            <dt>Trigger</dt>
            <dd className="capitalize">{run.trigger}</dd>
          </div>
          {run.error && (
            <div className="facts-wide">
              <dt>Error</dt>
              <dd className={`clamp-3 ${run.state === 'failed' ? 'text-bad' : 'text-warn'}`} title={run.error}>
                {run.error}
              </dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted">No collection has run yet.</p>
      )}
    </section>
  );
}
