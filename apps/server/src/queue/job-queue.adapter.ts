import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export const COLLECT_QUEUE = 'collect';

export interface CollectJob {
  workspaceId: string;
  connectionId: string;
  runId: string;
}

export interface CollectJobContext {
  data: CollectJob;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
}

/** A job may be retried after this long without finishing; runs time out well before it. */
export const JOB_EXPIRE_SECONDS = 45 * 60;

/**
 * pg-boss behind a small adapter: a durable PostgreSQL-backed queue with retries and backoff,
 * shared by any number of server processes. It is deliberately a plain queue: "one run per
 * connection at a time" is enforced by collection_run's unique indexes, which the worker
 * claims against, so a duplicate, expired or retried job can never run a connection twice.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    connectionString: string,
    private readonly logger: Logger,
    private readonly retry = { retryLimit: 2, retryDelay: 15, retryBackoff: true },
  ) {
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4 });
    this.boss.on('error', (err) => this.logger.error({ err: err.message }, 'queue error'));
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    await this.boss.createQueue(COLLECT_QUEUE, { name: COLLECT_QUEUE, policy: 'standard', expireInSeconds: JOB_EXPIRE_SECONDS, ...this.retry });
    this.started = true;
  }

  async enqueue(job: CollectJob, opts: { startAfterSeconds?: number } = {}): Promise<void> {
    await this.boss.send(COLLECT_QUEUE, job, { ...this.retry, ...(opts.startAfterSeconds !== undefined && { startAfter: opts.startAfterSeconds }) });
  }

  async work(handler: (job: CollectJobContext) => Promise<void>): Promise<void> {
    await this.boss.work<CollectJob>(COLLECT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async (jobs) => {
      for (const job of jobs) await handler({ data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit });
    });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 5000, wait: true });
  }
}
