import type { ControlStatus } from '@astrolabe/core';
import type { Control, ManualEvidenceRequirement, TrustLabel } from '@astrolabe/frameworks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ControlEntity, ControlStatusDayEntity, type StoredEvidenceState, type StoredFindingCounts } from '../database/entities';

export interface ControlStatusUpdate {
  id: string;
  status: ControlStatus;
  reason: string;
  counts: StoredFindingCounts;
  evidence: StoredEvidenceState[];
}

export interface NewCustomControl {
  id: string;
  title: string;
  description: string;
  category: string;
  automation: 'automated' | 'manual' | 'hybrid';
  checkIds: readonly string[];
  manualEvidence: readonly ManualEvidenceRequirement[];
  publicTitle: string;
  ownerMemberId: string | null;
}

type Db = EntityManager | DataSource;

@Injectable()
export class ControlRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Built-in controls follow the catalog: new ones appear, changed texts, checks and evidence
   * requirements update. The workspace's own choices (owner, trust label) are never touched.
   */
  async syncCatalog(workspaceId: string, controls: readonly Control[]): Promise<void> {
    if (controls.length === 0) return;
    await this.ds.query(
      `INSERT INTO control (workspace_id, id, title, description, category, check_ids, source, automation, manual_evidence, public_title, default_owner_role)
       SELECT $1, t.id, t.title, t.description, t.category, ARRAY(SELECT jsonb_array_elements_text(t.check_ids::jsonb)),
              'catalog', t.automation, t.manual_evidence::jsonb, t.public_title, t.default_owner_role
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
            AS t(id, title, description, category, check_ids, automation, manual_evidence, public_title, default_owner_role)
       ON CONFLICT (workspace_id, id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
         category = EXCLUDED.category, check_ids = EXCLUDED.check_ids, automation = EXCLUDED.automation,
         manual_evidence = EXCLUDED.manual_evidence, public_title = EXCLUDED.public_title,
         default_owner_role = EXCLUDED.default_owner_role
       WHERE control.source = 'catalog'`,
      [
        workspaceId,
        controls.map((c) => c.id),
        controls.map((c) => c.title),
        controls.map((c) => c.description),
        controls.map((c) => c.category),
        controls.map((c) => JSON.stringify(c.checkIds)),
        controls.map((c) => c.automation),
        controls.map((c) => JSON.stringify(c.manualEvidence)),
        controls.map((c) => c.publicTitle),
        controls.map((c) => c.defaultOwnerRole),
      ],
    );
  }

  /** Inserts a workspace's own control; false when the id is taken. */
  async createCustom(manager: Db, workspaceId: string, c: NewCustomControl): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO control (workspace_id, id, title, description, category, check_ids, source, automation, manual_evidence, public_title, owner_member_id)
       VALUES ($1, $2, $3, $4, $5, $6::text[], 'custom', $7, $8::jsonb, $9, $10)
       ON CONFLICT (workspace_id, id) DO NOTHING RETURNING id`,
      [workspaceId, c.id, c.title, c.description, c.category, c.checkIds, c.automation, JSON.stringify(c.manualEvidence), c.publicTitle, c.ownerMemberId],
    );
    return rows.length === 1;
  }

  list(workspaceId: string, manager: Db = this.ds): Promise<ControlEntity[]> {
    return manager.getRepository(ControlEntity).find({ where: { workspaceId }, order: { id: 'ASC' } });
  }

  get(workspaceId: string, id: string, manager: Db = this.ds): Promise<ControlEntity | null> {
    return manager.getRepository(ControlEntity).findOneBy({ workspaceId, id });
  }

  async setOwner(manager: Db, workspaceId: string, id: string, ownerMemberId: string | null): Promise<void> {
    await manager.query('UPDATE control SET owner_member_id = $3 WHERE workspace_id = $1 AND id = $2', [workspaceId, id, ownerMemberId]);
  }

  async setTrustLabel(manager: Db, workspaceId: string, id: string, label: TrustLabel | null): Promise<void> {
    await manager.query('UPDATE control SET trust_label = $3 WHERE workspace_id = $1 AND id = $2', [workspaceId, id, label]);
  }

  /** Writes current statuses and today's row of the daily history (last write of the day wins). */
  async saveStatuses(manager: EntityManager, workspaceId: string, updates: readonly ControlStatusUpdate[], now: Date): Promise<void> {
    if (updates.length === 0) return;
    const ids = updates.map((u) => u.id);
    const statuses = updates.map((u) => u.status);
    await manager.query(
      `UPDATE control c SET
         status_since = CASE WHEN c.status <> t.status OR c.status_since IS NULL THEN $2 ELSE c.status_since END,
         status = t.status, status_reason = t.reason, counts = t.counts::jsonb, evidence_state = t.evidence::jsonb, updated_at = $2
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(id, status, reason, counts, evidence)
       WHERE c.workspace_id = $1 AND c.id = t.id`,
      [workspaceId, now, ids, statuses, updates.map((u) => u.reason), updates.map((u) => JSON.stringify(u.counts)), updates.map((u) => JSON.stringify(u.evidence))],
    );
    await manager.query(
      `INSERT INTO control_status_day (workspace_id, control_id, day, status)
       SELECT $1, t.id, ($2::timestamptz AT TIME ZONE 'UTC')::date, t.status FROM unnest($3::text[], $4::text[]) AS t(id, status)
       ON CONFLICT (workspace_id, control_id, day) DO UPDATE SET status = EXCLUDED.status`,
      [workspaceId, now, ids, statuses],
    );
  }

  /** Daily statuses from `sinceDay` up to `untilDay` (inclusive: today, so a rewound clock shows no "future"). */
  history(workspaceId: string, controlId: string, sinceDay: string, untilDay: string): Promise<ControlStatusDayEntity[]> {
    return this.ds
      .getRepository(ControlStatusDayEntity)
      .createQueryBuilder('d')
      .where('d.workspace_id = :workspaceId AND d.control_id = :controlId', { workspaceId, controlId })
      .andWhere('d.day >= :sinceDay::date AND d.day <= :untilDay::date', { sinceDay, untilDay })
      .orderBy('d.day', 'ASC')
      .getMany();
  }

  /**
   * Controls whose status today is worse than on `sinceDay`, with the first day of the current
   * status run (when it regressed). `rank` orders statuses, worse is higher.
   */
  async regressions(
    workspaceId: string,
    sinceDay: string,
    rank: Readonly<Record<ControlStatus, number>>,
  ): Promise<{ controlId: string; from: ControlStatus; to: ControlStatus; since: string }[]> {
    const statuses = Object.keys(rank);
    const rows: { control_id: string; from_status: ControlStatus; to_status: ControlStatus; since: string }[] = await this.ds.query(
      `WITH r AS (SELECT * FROM unnest($3::text[], $4::int[]) AS t(status, rank)),
       base AS (
         SELECT c.id AS control_id, c.status AS to_status, d.status AS from_status
         FROM control c JOIN control_status_day d ON d.workspace_id = c.workspace_id AND d.control_id = c.id AND d.day = $2::date
         WHERE c.workspace_id = $1
       )
       SELECT b.control_id, b.from_status, b.to_status,
              to_char(COALESCE((SELECT min(h.day) FROM control_status_day h
                       WHERE h.workspace_id = $1 AND h.control_id = b.control_id AND h.day > $2::date
                         AND NOT EXISTS (SELECT 1 FROM control_status_day k WHERE k.workspace_id = $1 AND k.control_id = b.control_id
                                           AND k.day > h.day AND k.status <> b.to_status)
                         AND h.status = b.to_status), $2::date + 1), 'YYYY-MM-DD') AS since
       FROM base b JOIN r rf ON rf.status = b.from_status JOIN r rt ON rt.status = b.to_status
       WHERE rt.rank > rf.rank
       ORDER BY rt.rank DESC, b.control_id`,
      [workspaceId, sinceDay, statuses, statuses.map((s) => rank[s as ControlStatus])],
    );
    return rows.map((r) => ({ controlId: r.control_id, from: r.from_status, to: r.to_status, since: r.since }));
  }
}
