import type { ConnectorInfo, Run } from '@astrolabe/api-contract';
import { isTerminal, type ApiError } from '../api/client';
import { ProblemAlert } from '../components/page-state';
import { ProgressBar } from '../components/progress-bar';
import { RunStatePill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { durationBetween, formatDuration } from '../lib/format';
import { FindingCountSummary } from './finding-count-summary';
import { RunKindsTable } from './run-kinds-table';
import { RunUsage } from './run-usage';

function LiveProgress({ run }: { run: Run }) {
  const p = run.progress;
  const message = p?.message ? p.message.charAt(0).toUpperCase() + p.message.slice(1) : 'Collecting…';
  const label = run.state === 'queued' ? 'Waiting for a worker…' : message;
  return (
    <div className="live-progress" data-testid="run-live">
      <div className="live-progress-head">
        <span data-testid="run-progress-message">{label}</span>
        {p && p.total > 0 && (
          <span className="muted small">
            {p.done} / {p.total}
          </span>
        )}
      </div>
      <ProgressBar done={p?.done ?? 0} total={run.state === 'queued' ? 0 : (p?.total ?? 0)} label="Collection progress" testId="run-progress" />
    </div>
  );
}

/** The run being watched: live while it runs, then what was collected, what failed and why. */
export function RunPanel({ run, error, connector, title }: { run: Run; error: ApiError | undefined; connector: ConnectorInfo | undefined; title: string }) {
  const done = isTerminal(run.state);
  const end = run.finishedAt ?? (done ? null : new Date().toISOString());
  return (
    <section className="card" data-testid="run-panel" data-run-id={run.id}>
      <div className="card-head">
        <h2>{title}</h2>
        <RunStatePill state={run.state} testId="run-state" />
      </div>
      <dl className="facts facts-4">
        <div>
          <dt>Trigger</dt>
          <dd className="capitalize">{run.trigger}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{run.startedAt ? <TimeAgo iso={run.startedAt} /> : <span className="muted">not yet</span>}</dd>
        </div>
        <div>
          <dt>{done ? 'Duration' : 'Running for'}</dt>
          <dd>{formatDuration(durationBetween(run.startedAt, end))}</dd>
        </div>
        <div>
          <dt>Findings</dt>
          <dd>
            <FindingCountSummary counts={run.findingCounts} />
          </dd>
        </div>
      </dl>
      {error && <ProblemAlert error={error} />}
      {!done && <LiveProgress run={run} />}
      {run.error && (
        <div className={`alert ${run.state === 'failed' ? 'alert-error' : 'alert-warn'}`} data-testid="run-error">
          <div>
            <strong>{run.state === 'failed' ? 'Run failed' : 'Last error'}</strong>
            <p>{run.error}</p>
          </div>
        </div>
      )}
      {done && run.state === 'partial' && (
        <p className="small muted">Some evidence could not be collected. Checks that read it answer unknown for this connection until a run collects it — grant the missing permissions below, then run again.</p>
      )}
      {/* While running, list only kinds already reported: a wall of "pending" says nothing. */}
      {(done || Object.keys(run.kinds).length > 0) && <RunKindsTable run={run} connector={connector} onlyReported={!done} />}
      <RunUsage usage={run.usage} />
    </section>
  );
}
