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

  async start(): Promise<void> {
    if (!this.config.roles.has('worker')) return;
    await this.reap();
    await this.queue.work((job) => this.executor.execute(job));
  }

  async reap(): Promise<void> {
    const now = this.clock.now();
    const reaped = await this.runs.failStale(new Date(now.getTime() - STALE_AFTER_MS), now);
    if (reaped > 0) this.logger.warn({ reaped }, 'marked runs of dead workers as failed');
  }
}
