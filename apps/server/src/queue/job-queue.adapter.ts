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

/**
 * pg-boss behind a small adapter: a PostgreSQL-backed queue so any number of server
 * processes can share work. The `stately` policy keyed by connection allows one queued and
 * one active job per connection — never two overlapping runs of the same connection.
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
    await this.boss.createQueue(COLLECT_QUEUE, { name: COLLECT_QUEUE, policy: 'stately', expireInSeconds: 15 * 60, ...this.retry });
    this.started = true;
  }

  /** Returns false when this connection already has a queued job (the caller reuses that run). */
  async enqueue(job: CollectJob): Promise<boolean> {
    const id = await this.boss.send(COLLECT_QUEUE, job, { id: job.runId, singletonKey: job.connectionId, ...this.retry });
    return id !== null;
  }

  async work(handler: (job: CollectJobContext) => Promise<void>): Promise<void> {
    await this.boss.work<CollectJob>(COLLECT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async (jobs) => {
      for (const job of jobs) await handler({ data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit });
    });
  }

  /** Cancels jobs (by run id) whose worker is known to be gone, freeing their connection's slot. */
  async cancel(runIds: readonly string[]): Promise<void> {
    if (runIds.length > 0) await this.boss.cancel(COLLECT_QUEUE, [...runIds]);
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 5000, wait: true });
  }
}
