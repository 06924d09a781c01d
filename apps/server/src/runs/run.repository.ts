import type { KindOutcome, RunState } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CollectionRunEntity, type RunProgress, type RunTrigger, type StoredFindingCounts } from '../database/entities';

@Injectable()
export class RunRepository {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(CollectionRunEntity);
  }

  /** Null when the connection already has a queued run (the unique index decides, race-free). */
  async createQueued(workspaceId: string, connectionId: string, trigger: RunTrigger): Promise<CollectionRunEntity | null> {
    const rows: { id: string }[] = await this.ds.query(
      `INSERT INTO collection_run (workspace_id, connection_id, state, trigger) VALUES ($1, $2, 'queued', $3)
       ON CONFLICT (connection_id) WHERE state = 'queued' DO NOTHING RETURNING id`,
      [workspaceId, connectionId, trigger],
    );
    return rows[0] ? this.repo.findOneBy({ id: rows[0].id }) : null;
  }

  /**
   * Moves a queued run to running. `busy`: another run of the connection is running (the unique
   * index refused); `gone`: the run is no longer queued (done, failed, or claimed by a duplicate job).
   */
  async claim(id: string, attempt: number, now: Date): Promise<'claimed' | 'busy' | 'gone'> {
    try {
      const res: [unknown[], number] = await this.ds.query(
        `UPDATE collection_run SET state = 'running', attempt = $2, started_at = $3, heartbeat_at = $3, error = NULL, progress = NULL
         WHERE id = $1 AND state = 'queued'`,
        [id, attempt, now],
      );
      return res[1] > 0 ? 'claimed' : 'gone';
    } catch (err) {
      if (isUniqueViolation(err)) return 'busy';
      throw err;
    }
  }

  get(workspaceId: string, id: string): Promise<CollectionRunEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  findQueued(workspaceId: string, connectionId: string): Promise<CollectionRunEntity | null> {
    return this.repo.findOneBy({ workspaceId, connectionId, state: 'queued' });
  }

  listForConnection(workspaceId: string, connectionId: string, limit: number): Promise<CollectionRunEntity[]> {
    return this.repo.find({ where: { workspaceId, connectionId }, order: { queuedAt: 'DESC' }, take: limit });
  }

  /**
   * Newest run (or newest finished run) per connection of a workspace, in one query: one probe
   * of collection_run_connection (connection_id, queued_at DESC) per connection, rather than a
   * DISTINCT ON that sorts the workspace's whole run history (4 runs a day per connection).
   */
  async latestPerConnection(workspaceId: string, finishedOnly = false): Promise<Map<string, CollectionRunEntity>> {
    const finished = finishedOnly ? `AND x.state IN ('succeeded', 'partial', 'failed')` : '';
    const rows = await this.repo
      .createQueryBuilder('r')
      .where(
        `r.workspace_id = :workspaceId AND r.id IN (SELECT l.id FROM connection c CROSS JOIN LATERAL (
           SELECT x.id FROM collection_run x WHERE x.connection_id = c.id ${finished} ORDER BY x.queued_at DESC LIMIT 1) l
         WHERE c.workspace_id = :workspaceId)`,
        { workspaceId },
      )
      .getMany();
    return new Map(rows.map((r) => [r.connectionId, r]));
  }

  async saveProgress(id: string, progress: RunProgress, now: Date): Promise<void> {
    await this.repo.update({ id, state: 'running' }, { progress, heartbeatAt: now });
  }

  async markFailed(id: string, error: string, now: Date): Promise<void> {
    await this.repo.update({ id }, { state: 'failed', error, finishedAt: now, progress: null });
  }

  /**
   * Puts a running run back in the queue for a retry. False when the connection already has a
   * newer queued run: then this one is failed as superseded instead.
   */
  async requeue(id: string, error: string, now: Date): Promise<boolean> {
    try {
      await this.repo.update({ id, state: 'running' }, { state: 'queued', error, progress: null });
      return true;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await this.markFailed(id, `${error}; not retried because a newer run of this connection is already queued`, now);
      return false;
    }
  }

  async finish(
    manager: EntityManager,
    id: string,
    fields: { state: RunState; finishedAt: Date; kinds: Record<string, KindOutcome>; error: string | null; findingCounts: StoredFindingCounts | null; usage: Record<string, number> | null },
  ): Promise<void> {
    await manager.getRepository(CollectionRunEntity).update({ id }, { ...fields, progress: null });
  }

  async listRunningIds(workspaceId: string): Promise<string[]> {
    const rows = await this.repo.find({ select: { id: true }, where: { workspaceId, state: 'running' } });
    return rows.map((r) => r.id);
  }

  async failMany(workspaceId: string, ids: readonly string[], error: string, now: Date): Promise<FailedRun[]> {
    if (ids.length === 0) return [];
    // TypeORM answers an UPDATE with [rows, affected].
    const res: [RawFailedRun[], number] = await this.ds.query(
      `UPDATE collection_run SET state = 'failed', error = $3, finished_at = $4, progress = NULL WHERE workspace_id = $1 AND id = ANY($2::uuid[])
       RETURNING id, workspace_id, connection_id, attempt`,
      [workspaceId, [...ids], error, now],
    );
    return res[0].map(toFailedRun);
  }

  /**
   * A worker that died mid-run stops sending heartbeats; its run is marked failed so nobody
   * mistakes it for live. Nothing of it was committed (runs commit in one transaction).
   */
  async failStale(workspaceId: string, staleBefore: Date, now: Date): Promise<FailedRun[]> {
    const res: [RawFailedRun[], number] = await this.ds.query(
      `UPDATE collection_run SET state = 'failed', finished_at = $3,
         error = 'the worker stopped before the run committed (crash or restart); nothing from this run was stored'
       WHERE workspace_id = $1 AND state = 'running' AND heartbeat_at < $2
       RETURNING id, workspace_id, connection_id, attempt`,
      [workspaceId, staleBefore, now],
    );
    return res[0].map(toFailedRun);
  }
}

/** A run failed by the worker itself (recovery, reaper), for the audit log. */
export interface FailedRun {
  id: string;
  workspaceId: string;
  connectionId: string;
  attempt: number;
}

interface RawFailedRun {
  id: string;
  workspace_id: string;
  connection_id: string;
  attempt: number;
}

const toFailedRun = (r: RawFailedRun): FailedRun => ({ id: r.id, workspaceId: r.workspace_id, connectionId: r.connection_id, attempt: r.attempt });

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
