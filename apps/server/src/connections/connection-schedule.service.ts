import { Inject, Injectable, forwardRef } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ConnectionEntity } from '../database/entities';
import { SystemDb } from '../database/system-db';
import { LOGGER } from '../logging/logger';
import { TenantContext } from '../platform/tenant-context';
import { RunsService } from '../runs/runs.service';
import { SchedulerAdapter } from '../scheduler/scheduler.adapter';

const cronName = (connectionId: string) => `connection:${connectionId}`;

/** Keeps one cron per enabled connection in this process (scheduler role only). */
@Injectable()
export class ConnectionScheduleService {
  /** cron name → expression currently registered, so unchanged schedules are left running. */
  private readonly registered = new Map<string, string>();

  constructor(
    private readonly scheduler: SchedulerAdapter,
    private readonly system: SystemDb,
    private readonly tenant: TenantContext,
    @Inject(forwardRef(() => RunsService)) private readonly runs: RunsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get active(): boolean {
    return this.config.roles.has('scheduler');
  }

  sync(c: Pick<ConnectionEntity, 'id' | 'workspaceId' | 'schedule' | 'enabled'>): void {
    if (!this.active) return;
    const name = cronName(c.id);
    if (!c.enabled) {
      this.scheduler.remove(name);
      this.registered.delete(name);
      return;
    }
    if (this.registered.get(name) === c.schedule) return;
    this.registered.set(name, c.schedule);
    this.scheduler.upsert(name, c.schedule, async () => {
      try {
        // A tick belongs to no request: it works in the connection's workspace, explicitly (not in
        // whatever context happened to register the cron).
        await this.tenant.run(c.workspaceId, () => this.runs.request(c.workspaceId, c.id, 'schedule'));
      } catch (err) {
        this.logger.error({ err, connectionId: c.id }, 'scheduled run could not be queued');
      }
    });
  }

  /**
   * Reconciles crons with the database. Runs at start-up and every minute, so a schedule
   * changed through another server process reaches this one too. Every workspace's connections:
   * read through SystemDb.
   */
  async syncAll(): Promise<void> {
    if (!this.active) return;
    const enabled = await this.system.enabledConnections();
    const wanted = new Set(enabled.map((c) => cronName(c.id)));
    for (const name of this.scheduler.names()) if (name.startsWith('connection:') && !wanted.has(name)) {
        this.scheduler.remove(name);
        this.registered.delete(name);
      }
    for (const c of enabled) this.sync(c);
  }
}
