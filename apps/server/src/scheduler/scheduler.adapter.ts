import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { isFiveFieldCron } from './cron-expression';

/**
 * The one wrapper around @nestjs/schedule's registry: schedules are data (one cron per
 * connection), so they are added, replaced and removed at runtime by name.
 */
@Injectable()
export class SchedulerAdapter {
  constructor(private readonly registry: SchedulerRegistry) {}

  static isValid(expression: string): boolean {
    return isFiveFieldCron(expression);
  }

  upsert(name: string, expression: string, onTick: () => Promise<void> | void): void {
    this.remove(name);
    const job = CronJob.from({ cronTime: expression, onTick: () => void onTick(), start: true, timeZone: 'UTC' });
    this.registry.addCronJob(name, job);
  }

  remove(name: string): void {
    if (!this.registry.doesExist('cron', name)) return;
    this.registry.deleteCronJob(name);
  }

  names(): string[] {
    return [...this.registry.getCronJobs().keys()];
  }

  stopAll(): void {
    for (const name of this.names()) this.remove(name);
  }
}
