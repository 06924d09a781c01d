import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';
import { Clock } from '../platform/clock.adapter';
import { JobQueue } from '../queue/job-queue.adapter';
import { RunExecutor } from './run-executor.service';
import { RunRepository } from './run.repository';

const STALE_AFTER_MS = 2 * 60_000;

/** Worker role: takes collection jobs from the queue and reaps runs whose worker died. */
@Injectable()
export class RunWorker {
  constructor(
    private readonly queue: JobQueue,
    private readonly executor: RunExecutor,
    private readonly runs: RunRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * `ownsDatabase`: this process started the (embedded) database, so no other worker can exist
   * and every `running` run was interrupted by our own previous exit. Failing them at once
   * (instead of waiting for heartbeats) frees each connection's run slot now; their queue jobs,
   * if ever retried, find the run no longer queued and are dropped.
   */
  async start(opts: { ownsDatabase: boolean }): Promise<void> {
    if (!this.config.roles.has('worker')) return;
    if (opts.ownsDatabase) await this.recoverInterrupted();
    await this.reap();
    await this.queue.work((job) => this.executor.execute(job));
  }

  private async recoverInterrupted(): Promise<void> {
    const ids = await this.runs.listRunningIds();
    if (ids.length === 0) return;
    await this.runs.failMany(ids, 'interrupted when the server stopped before the run committed; nothing from this run was stored', this.clock.now());
    this.logger.warn({ runs: ids.length }, 'failed runs interrupted by the previous shutdown');
  }

  async reap(): Promise<void> {
    const now = this.clock.now();
    const reaped = await this.runs.failStale(new Date(now.getTime() - STALE_AFTER_MS), now);
    if (reaped > 0) this.logger.warn({ reaped }, 'marked runs of dead workers as failed');
  }
}
