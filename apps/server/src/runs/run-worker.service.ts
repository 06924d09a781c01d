import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditTrail } from '../audit/audit-trail.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SystemDb } from '../database/system-db';
import { LOGGER } from '../logging/logger';
import { Clock } from '../platform/clock.adapter';
import { TenantContext } from '../platform/tenant-context';
import { JobQueue } from '../queue/job-queue.adapter';
import { RunExecutor } from './run-executor.service';
import { RunRepository, type FailedRun } from './run.repository';

const STALE_AFTER_MS = 2 * 60_000;

/** Worker role: takes collection jobs from the queue and reaps runs whose worker died. */
@Injectable()
export class RunWorker {
  constructor(
    private readonly queue: JobQueue,
    private readonly executor: RunExecutor,
    private readonly runs: RunRepository,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly system: SystemDb,
    private readonly tenant: TenantContext,
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
    // A job names its workspace: everything it reads and writes happens in that workspace's context.
    await this.queue.work((job) => this.tenant.run(job.data.workspaceId, () => this.executor.execute(job)));
  }

  private async recoverInterrupted(): Promise<void> {
    let count = 0;
    for (const workspaceId of await this.system.workspacesWithRunningRuns()) {
      count += await this.tenant.run(workspaceId, async () => {
        const ids = await this.runs.listRunningIds(workspaceId);
        const failed = await this.runs.failMany(workspaceId, ids, 'interrupted when the server stopped before the run committed; nothing from this run was stored', this.clock.now());
        await this.auditFailed(failed, 'interrupted');
        return failed.length;
      });
    }
    if (count > 0) this.logger.warn({ runs: count }, 'failed runs interrupted by the previous shutdown');
  }

  /** Runs are found through SystemDb (any workspace may have one) and failed within their own workspace. */
  async reap(): Promise<void> {
    const now = this.clock.now();
    let count = 0;
    for (const workspaceId of await this.system.workspacesWithRunningRuns()) {
      count += await this.tenant.run(workspaceId, async () => {
        const reaped = await this.runs.failStale(workspaceId, new Date(now.getTime() - STALE_AFTER_MS), now);
        await this.auditFailed(reaped, 'worker_lost');
        return reaped.length;
      });
    }
    if (count > 0) this.logger.warn({ reaped: count }, 'marked runs of dead workers as failed');
  }

  /** A run ended by the worker rather than by its own commit still finishes in the audit log. */
  private async auditFailed(runs: readonly FailedRun[], errorCode: string): Promise<void> {
    for (const run of runs) {
      await this.audit.recordSystem(undefined, {
        workspaceId: run.workspaceId,
        action: 'run.finish',
        target: { type: 'run', id: run.id },
        outcome: 'failed',
        details: { state: 'failed', connectionId: run.connectionId, attempt: run.attempt, errorCode },
      });
    }
  }
}
