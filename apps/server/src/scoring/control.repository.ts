import type { ControlStatus } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ControlEntity, ControlStatusDayEntity, type StoredFindingCounts } from '../database/entities';

export interface CatalogControlRow {
  id: string;
  title: string;
  description: string;
  category: string;
  checkIds: readonly string[];
}

export interface ControlStatusUpdate {
  id: string;
  status: ControlStatus;
  reason: string;
  counts: StoredFindingCounts;
}

@Injectable()
export class ControlRepository {
  constructor(private readonly ds: DataSource) {}

  /** Built-in controls follow the catalog: new ones appear, changed texts and check lists update. */
  async syncCatalog(workspaceId: string, controls: readonly CatalogControlRow[]): Promise<void> {
    if (controls.length === 0) return;
    await this.ds.query(
      `INSERT INTO control (workspace_id, id, title, description, category, check_ids)
       SELECT $1, t.id, t.title, t.description, t.category, ARRAY(SELECT jsonb_array_elements_text(t.check_ids::jsonb))
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, title, description, category, check_ids)
       ON CONFLICT (workspace_id, id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
         category = EXCLUDED.category, check_ids = EXCLUDED.check_ids`,
      [
        workspaceId,
        controls.map((c) => c.id),
        controls.map((c) => c.title),
        controls.map((c) => c.description),
        controls.map((c) => c.category),
        controls.map((c) => JSON.stringify(c.checkIds)),
      ],
    );
  }

  list(workspaceId: string, manager: EntityManager | DataSource = this.ds): Promise<ControlEntity[]> {
    return manager.getRepository(ControlEntity).find({ where: { workspaceId }, order: { id: 'ASC' } });
  }

  get(workspaceId: string, id: string): Promise<ControlEntity | null> {
    return this.ds.getRepository(ControlEntity).findOneBy({ workspaceId, id });
  }

  /** Writes current statuses and today's row of the daily history (last write of the day wins). */
  async saveStatuses(manager: EntityManager, workspaceId: string, updates: readonly ControlStatusUpdate[], now: Date): Promise<void> {
    if (updates.length === 0) return;
    const ids = updates.map((u) => u.id);
    const statuses = updates.map((u) => u.status);
    await manager.query(
      `UPDATE control c SET
         status_since = CASE WHEN c.status <> t.status OR c.status_since IS NULL THEN $2 ELSE c.status_since END,
         status = t.status, status_reason = t.reason, counts = t.counts::jsonb, updated_at = $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, status, reason, counts)
       WHERE c.workspace_id = $1 AND c.id = t.id`,
      [workspaceId, now, ids, statuses, updates.map((u) => u.reason), updates.map((u) => JSON.stringify(u.counts))],
    );
    await manager.query(
      `INSERT INTO control_status_day (workspace_id, control_id, day, status)
       SELECT $1, t.id, ($2::timestamptz AT TIME ZONE 'UTC')::date, t.status FROM unnest($3::text[], $4::text[]) AS t(id, status)
       ON CONFLICT (workspace_id, control_id, day) DO UPDATE SET status = EXCLUDED.status`,
      [workspaceId, now, ids, statuses],
    );
  }

  history(workspaceId: string, controlId: string, sinceDay: string): Promise<ControlStatusDayEntity[]> {
    return this.ds
      .getRepository(ControlStatusDayEntity)
      .createQueryBuilder('d')
      .where('d.workspace_id = :workspaceId AND d.control_id = :controlId', { workspaceId, controlId })
      .andWhere('d.day >= :sinceDay::date', { sinceDay })
      .orderBy('d.day', 'ASC')
      .getMany();
  }
}
