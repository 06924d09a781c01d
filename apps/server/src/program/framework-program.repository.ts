import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

type Db = EntityManager | DataSource;

export interface ScopeEntry {
  frameworkId: string;
  requirementId: string;
  justification: string;
  setBy: { id: string; displayName: string };
  setAt: Date;
}

export interface MappingEntry {
  frameworkId: string;
  requirementId: string;
  controlId: string;
}

/** A workspace's framework choices: which are enabled, what is out of scope, its own crosswalk. */
@Injectable()
export class FrameworkProgramRepository {
  constructor(private readonly ds: DataSource) {}

  async enabled(workspaceId: string, manager: Db = this.ds): Promise<Set<string>> {
    const rows: { framework_id: string }[] = await manager.query('SELECT framework_id FROM workspace_framework WHERE workspace_id = $1', [workspaceId]);
    return new Set(rows.map((r) => r.framework_id));
  }

  async setEnabled(manager: Db, workspaceId: string, frameworkIds: readonly string[], enabled: boolean, now: Date): Promise<void> {
    if (enabled) {
      await manager.query(
        `INSERT INTO workspace_framework (workspace_id, framework_id, enabled_at) SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING`,
        [workspaceId, frameworkIds, now],
      );
    } else {
      await manager.query('DELETE FROM workspace_framework WHERE workspace_id = $1 AND framework_id = ANY($2::text[])', [workspaceId, frameworkIds]);
    }
  }

  async outOfScope(workspaceId: string, manager: Db = this.ds): Promise<ScopeEntry[]> {
    const rows: { framework_id: string; requirement_id: string; justification: string; set_by: string; display_name: string; set_at: Date }[] = await manager.query(
      `SELECT s.framework_id, s.requirement_id, s.justification, s.set_by, m.display_name, s.set_at
       FROM requirement_scope s JOIN member m ON m.id = s.set_by WHERE s.workspace_id = $1`,
      [workspaceId],
    );
    return rows.map((r) => ({
      frameworkId: r.framework_id,
      requirementId: r.requirement_id,
      justification: r.justification,
      setBy: { id: r.set_by, displayName: r.display_name },
      setAt: r.set_at,
    }));
  }

  async setOutOfScope(manager: Db, workspaceId: string, frameworkId: string, requirementId: string, justification: string, memberId: string, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO requirement_scope (workspace_id, framework_id, requirement_id, justification, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (workspace_id, framework_id, requirement_id) DO UPDATE SET justification = EXCLUDED.justification, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      [workspaceId, frameworkId, requirementId, justification, memberId, now],
    );
  }

  async setInScope(manager: Db, workspaceId: string, frameworkId: string, requirementId: string): Promise<void> {
    await manager.query('DELETE FROM requirement_scope WHERE workspace_id = $1 AND framework_id = $2 AND requirement_id = $3', [workspaceId, frameworkId, requirementId]);
  }

  async mappings(workspaceId: string, manager: Db = this.ds): Promise<MappingEntry[]> {
    const rows: { framework_id: string; requirement_id: string; control_id: string }[] = await manager.query(
      'SELECT framework_id, requirement_id, control_id FROM control_mapping WHERE workspace_id = $1 ORDER BY created_at, control_id',
      [workspaceId],
    );
    return rows.map((r) => ({ frameworkId: r.framework_id, requirementId: r.requirement_id, controlId: r.control_id }));
  }

  async addMapping(manager: Db, workspaceId: string, m: MappingEntry, memberId: string, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO control_mapping (workspace_id, framework_id, requirement_id, control_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [workspaceId, m.frameworkId, m.requirementId, m.controlId, memberId, now],
    );
  }

  async removeMapping(manager: Db, workspaceId: string, m: MappingEntry): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      // Wrapped in a SELECT: TypeORM answers a bare DELETE with [rows, count], not the rows.
      'WITH d AS (DELETE FROM control_mapping WHERE workspace_id = $1 AND framework_id = $2 AND requirement_id = $3 AND control_id = $4 RETURNING control_id) SELECT * FROM d',
      [workspaceId, m.frameworkId, m.requirementId, m.controlId],
    );
    return rows.length > 0;
  }

  async saveFrameworkDay(manager: Db, workspaceId: string, now: Date, scores: readonly { frameworkId: string; percent: number; counts: object }[]): Promise<void> {
    if (scores.length === 0) return;
    await manager.query(
      `INSERT INTO framework_status_day (workspace_id, framework_id, day, percent, counts)
       SELECT $1, t.framework_id, ($2::timestamptz AT TIME ZONE 'UTC')::date, t.percent, t.counts::jsonb
       FROM unnest($3::text[], $4::numeric[], $5::text[]) AS t(framework_id, percent, counts)
       ON CONFLICT (workspace_id, framework_id, day) DO UPDATE SET percent = EXCLUDED.percent, counts = EXCLUDED.counts`,
      [workspaceId, now, scores.map((s) => s.frameworkId), scores.map((s) => s.percent), scores.map((s) => JSON.stringify(s.counts))],
    );
  }

  async frameworkHistory(workspaceId: string, frameworkId: string, sinceDay: string, untilDay: string): Promise<{ day: string; percent: number; counts: Record<string, number> }[]> {
    const rows: { day: string; percent: string; counts: Record<string, number> }[] = await this.ds.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, percent, counts FROM framework_status_day
       WHERE workspace_id = $1 AND framework_id = $2 AND day >= $3::date AND day <= $4::date ORDER BY day`,
      [workspaceId, frameworkId, sinceDay, untilDay],
    );
    return rows.map((r) => ({ day: r.day, percent: Number(r.percent), counts: r.counts }));
  }
}
