import type { KindOutcome, RunState } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CollectionRunEntity, type RunProgress, type RunTrigger, type StoredFindingCounts } from '../database/entities';

@Injectable()
export class RunRepository {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(CollectionRunEntity);
  }

  async createQueued(workspaceId: string, connectionId: string, trigger: RunTrigger): Promise<CollectionRunEntity> {
    const saved = await this.repo.save(this.repo.create({ workspaceId, connectionId, trigger, state: 'queued', attempt: 0, kinds: {} }));
    // Reload: queued_at and other defaults are set by the database.
    return (await this.repo.findOneBy({ id: saved.id })) ?? saved;
  }

  get(workspaceId: string, id: string): Promise<CollectionRunEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  findLive(workspaceId: string, connectionId: string): Promise<CollectionRunEntity | null> {
    return this.repo.findOne({ where: { workspaceId, connectionId, state: In(['queued', 'running']) }, order: { queuedAt: 'DESC' } });
  }

  listForConnection(workspaceId: string, connectionId: string, limit: number): Promise<CollectionRunEntity[]> {
    return this.repo.find({ where: { workspaceId, connectionId }, order: { queuedAt: 'DESC' }, take: limit });
  }

  /** Newest run (or newest finished run) per connection of a workspace, in one query. */
  async latestPerConnection(workspaceId: string, finishedOnly = false): Promise<Map<string, CollectionRunEntity>> {
    const qb = this.repo
      .createQueryBuilder('r')
      .distinctOn(['r.connection_id'])
      .where('r.workspace_id = :workspaceId', { workspaceId });
    if (finishedOnly) qb.andWhere(`r.state IN ('succeeded', 'partial', 'failed')`);
    const rows = await qb
      .orderBy('r.connection_id')
      .addOrderBy('r.queued_at', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.connectionId, r]));
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  async markRunning(id: string, attempt: number, now: Date): Promise<void> {
    await this.repo.update({ id }, { state: 'running', attempt, startedAt: now, heartbeatAt: now, error: null, progress: null });
  }

  async saveProgress(id: string, progress: RunProgress, now: Date): Promise<void> {
    await this.repo.update({ id, state: 'running' }, { progress, heartbeatAt: now });
  }

  async markFailed(id: string, error: string, now: Date): Promise<void> {
    await this.repo.update({ id }, { state: 'failed', error, finishedAt: now, progress: null });
  }

  async requeue(id: string, error: string): Promise<void> {
    await this.repo.update({ id }, { state: 'queued', error, progress: null });
  }

  async finish(
    manager: EntityManager,
    id: string,
    fields: { state: RunState; finishedAt: Date; kinds: Record<string, KindOutcome>; error: string | null; findingCounts: StoredFindingCounts | null },
  ): Promise<void> {
    await manager.getRepository(CollectionRunEntity).update({ id }, { ...fields, progress: null });
  }

  async listRunningIds(): Promise<string[]> {
    const rows = await this.repo.find({ select: { id: true }, where: { state: 'running' } });
    return rows.map((r) => r.id);
  }

  async failMany(ids: readonly string[], error: string, now: Date): Promise<void> {
    if (ids.length > 0) await this.repo.update({ id: In([...ids]) }, { state: 'failed', error, finishedAt: now, progress: null });
  }

  /**
   * A worker that died mid-run stops sending heartbeats; its run is marked failed so nobody
   * mistakes it for live. Nothing of it was committed (runs commit in one transaction).
   */
  async failStale(staleBefore: Date, now: Date): Promise<number> {
    const res = await this.ds.query(
      `UPDATE collection_run SET state = 'failed', finished_at = $2,
         error = 'the worker stopped before the run committed (crash or restart); nothing from this run was stored'
       WHERE state = 'running' AND heartbeat_at < $1`,
      [staleBefore, now],
    );
    return Array.isArray(res) ? Number(res[1] ?? 0) : 0;
  }
}
