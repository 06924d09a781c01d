import type { ExceptionState } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogRepository, SYSTEM_ACTOR } from '../audit/audit-log.repository';

type Db = EntityManager | DataSource;
type StoredState = 'requested' | 'approved' | 'rejected' | 'revoked';
export type ExceptionAction = 'requested' | 'approved' | 'rejected' | 'revoked' | 'expired';

export interface ExceptionRow {
  id: string;
  scope: 'finding' | 'control';
  controlId: string | null;
  checkId: string | null;
  resourceId: string | null;
  reason: string;
  requestedBy: { id: string; displayName: string };
  requestedAt: Date;
  expiresAt: Date;
  storedState: StoredState;
  decidedBy: { id: string; displayName: string } | null;
  decidedAt: Date | null;
}

export interface ExceptionEventRow {
  exceptionId: string;
  action: ExceptionAction;
  actor: { id: string; displayName: string } | null;
  note: string;
  at: Date;
}

export interface ExceptionFilter {
  state?: ExceptionState;
  controlId?: string;
  /** Finding exceptions match when their check feeds this control. */
  checkIdsOfControl?: readonly string[];
  ids?: readonly string[];
  afterRequestedAt?: { at: Date; id: string };
  limit: number;
}

/** SQL for the state a reader sees: approved turns expired by time alone. */
const EFFECTIVE_STATE = `CASE WHEN e.state = 'approved' AND e.expires_at <= $NOW::timestamptz THEN 'expired'
  WHEN e.state = 'approved' THEN 'active' ELSE e.state END`;

interface Raw {
  id: string;
  scope: 'finding' | 'control';
  control_id: string | null;
  check_id: string | null;
  resource_id: string | null;
  reason: string;
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  expires_at: Date;
  state: StoredState;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
}

const toRow = (r: Raw): ExceptionRow => ({
  id: r.id,
  scope: r.scope,
  controlId: r.control_id,
  checkId: r.check_id,
  resourceId: r.resource_id,
  reason: r.reason,
  requestedBy: { id: r.requested_by, displayName: r.requested_by_name },
  requestedAt: r.requested_at,
  expiresAt: r.expires_at,
  storedState: r.state,
  decidedBy: r.decided_by && r.decided_by_name ? { id: r.decided_by, displayName: r.decided_by_name } : null,
  decidedAt: r.decided_at,
});

const SELECT = `SELECT e.*, rq.display_name AS requested_by_name, dc.display_name AS decided_by_name
  FROM control_exception e JOIN member rq ON rq.id = e.requested_by LEFT JOIN member dc ON dc.id = e.decided_by`;

@Injectable()
export class ExceptionRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditLogRepository,
  ) {}

  async insert(
    manager: Db,
    workspaceId: string,
    e: { scope: 'finding' | 'control'; controlId: string | null; checkId: string | null; resourceId: string | null; reason: string; requestedBy: string; requestedAt: Date; expiresAt: Date },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO control_exception (workspace_id, scope, control_id, check_id, resource_id, reason, requested_by, requested_at, expires_at, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'requested') RETURNING id`,
      [workspaceId, e.scope, e.controlId, e.checkId, e.resourceId, e.reason, e.requestedBy, e.requestedAt, e.expiresAt],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('exception insert returned no id');
    return id;
  }

  /** Locks and returns one exception, so two approvers cannot both decide it. */
  async getForUpdate(manager: EntityManager, workspaceId: string, id: string): Promise<ExceptionRow | null> {
    const rows: Raw[] = await manager.query(`${SELECT} WHERE e.workspace_id = $1 AND e.id = $2 FOR UPDATE OF e`, [workspaceId, id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async decide(manager: Db, workspaceId: string, id: string, state: 'approved' | 'rejected', memberId: string, now: Date): Promise<void> {
    await manager.query('UPDATE control_exception SET state = $3, decided_by = $4, decided_at = $5 WHERE workspace_id = $1 AND id = $2', [workspaceId, id, state, memberId, now]);
  }

  async revoke(manager: Db, workspaceId: string, id: string, memberId: string, now: Date): Promise<void> {
    await manager.query("UPDATE control_exception SET state = 'revoked', revoked_by = $3, revoked_at = $4 WHERE workspace_id = $1 AND id = $2", [workspaceId, id, memberId, now]);
  }

  async addEvent(manager: Db, workspaceId: string, exceptionId: string, action: ExceptionAction, actorId: string | null, note: string, at: Date): Promise<void> {
    await manager.query('INSERT INTO exception_event (workspace_id, exception_id, action, actor_id, note, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      workspaceId,
      exceptionId,
      action,
      actorId,
      note,
      at,
    ]);
  }

  async page(workspaceId: string, filter: ExceptionFilter, now: Date): Promise<(ExceptionRow & { state: ExceptionState })[]> {
    const params: unknown[] = [workspaceId, now];
    const add = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['e.workspace_id = $1'];
    const effective = EFFECTIVE_STATE.replaceAll('$NOW', '$2');
    if (filter.state) where.push(`${effective} = ${add(filter.state)}`);
    if (filter.controlId) {
      const byFinding = filter.checkIdsOfControl && filter.checkIdsOfControl.length > 0 ? ` OR (e.scope = 'finding' AND e.check_id = ANY(${add(filter.checkIdsOfControl)}::text[]))` : '';
      where.push(`((e.scope = 'control' AND e.control_id = ${add(filter.controlId)})${byFinding})`);
    }
    if (filter.ids) where.push(`e.id = ANY(${add(filter.ids)}::uuid[])`);
    if (filter.afterRequestedAt) where.push(`(e.requested_at, e.id) < (${add(filter.afterRequestedAt.at)}::timestamptz, ${add(filter.afterRequestedAt.id)}::uuid)`);
    const rows: (Raw & { effective_state: ExceptionState })[] = await this.ds.query(
      `${SELECT.replace('SELECT e.*', `SELECT e.*, ${effective} AS effective_state`)} WHERE ${where.join(' AND ')}
       ORDER BY e.requested_at DESC, e.id DESC LIMIT ${add(filter.limit)}`,
      params,
    );
    return rows.map((r) => ({ ...toRow(r), state: r.effective_state }));
  }

  /** Exceptions per effective state, under the same control filter as `page`. */
  async stateCounts(workspaceId: string, filter: Pick<ExceptionFilter, 'controlId' | 'checkIdsOfControl'>, now: Date): Promise<Record<ExceptionState, number>> {
    const params: unknown[] = [workspaceId, now];
    const where = ['e.workspace_id = $1'];
    if (filter.controlId) {
      params.push(filter.controlId);
      let clause = `(e.scope = 'control' AND e.control_id = $${params.length})`;
      if (filter.checkIdsOfControl && filter.checkIdsOfControl.length > 0) {
        params.push(filter.checkIdsOfControl);
        clause += ` OR (e.scope = 'finding' AND e.check_id = ANY($${params.length}::text[]))`;
      }
      where.push(`(${clause})`);
    }
    const rows: { state: ExceptionState; n: string }[] = await this.ds.query(
      `SELECT ${EFFECTIVE_STATE.replaceAll('$NOW', '$2')} AS state, count(*) AS n FROM control_exception e WHERE ${where.join(' AND ')} GROUP BY 1`,
      params,
    );
    const out: Record<ExceptionState, number> = { requested: 0, active: 0, expired: 0, rejected: 0, revoked: 0 };
    for (const r of rows) out[r.state] = Number(r.n);
    return out;
  }

  async events(exceptionIds: readonly string[]): Promise<ExceptionEventRow[]> {
    if (exceptionIds.length === 0) return [];
    const rows: { exception_id: string; action: ExceptionAction; actor_id: string | null; display_name: string | null; note: string; at: Date }[] = await this.ds.query(
      `SELECT v.exception_id, v.action, v.actor_id, m.display_name, v.note, v.at FROM exception_event v LEFT JOIN member m ON m.id = v.actor_id
       WHERE v.exception_id = ANY($1::uuid[]) ORDER BY v.id`,
      [exceptionIds],
    );
    return rows.map((r) => ({
      exceptionId: r.exception_id,
      action: r.action,
      actor: r.actor_id && r.display_name ? { id: r.actor_id, displayName: r.display_name } : null,
      note: r.note,
      at: r.at,
    }));
  }

  /** Approved, unexpired control-level exceptions: control id → latest expiry. */
  async liveControlExceptions(manager: Db, workspaceId: string, now: Date): Promise<Map<string, Date>> {
    const rows: { control_id: string; expires_at: Date }[] = await manager.query(
      `SELECT control_id, max(expires_at) AS expires_at FROM control_exception
       WHERE workspace_id = $1 AND scope = 'control' AND state = 'approved' AND expires_at > $2 GROUP BY control_id`,
      [workspaceId, now],
    );
    return new Map(rows.map((r) => [r.control_id, r.expires_at]));
  }

  /**
   * Records the expiry of approved exceptions whose time has passed, once each. Expiry itself
   * needs no job (state is derived from expires_at); this only writes the trail: the exception's
   * own event and one audit log row per expiry, in the caller's transaction.
   */
  async recordExpiries(manager: EntityManager, workspaceId: string, now: Date): Promise<number> {
    const rows: { id: string; expires_at: Date; scope: 'finding' | 'control'; control_id: string | null; check_id: string | null; resource_id: string | null }[] = await manager.query(
      `WITH expired AS (
         UPDATE control_exception SET expiry_recorded = true
         WHERE workspace_id = $1 AND state = 'approved' AND expires_at <= $2 AND NOT expiry_recorded
         RETURNING id, expires_at, scope, control_id, check_id, resource_id),
       events AS (
         INSERT INTO exception_event (workspace_id, exception_id, action, actor_id, note, at)
         SELECT $1, id, 'expired', NULL, 'Expired; the finding or control is scored as before.', expires_at FROM expired)
       SELECT * FROM expired ORDER BY expires_at, id`,
      [workspaceId, now],
    );
    for (const r of rows) {
      const covered: Record<string, string | null> = r.scope === 'control' ? { controlId: r.control_id } : { checkId: r.check_id, resourceId: r.resource_id };
      await this.audit.append(manager, {
        workspaceId,
        at: now,
        actor: SYSTEM_ACTOR,
        action: 'exception.expire',
        target: { type: 'exception', id: r.id },
        sourceIp: null,
        outcome: 'success',
        statusCode: null,
        details: { scope: r.scope, ...covered, expiresAt: r.expires_at.toISOString(), state: 'expired' },
      });
    }
    return rows.length;
  }

  async countPending(workspaceId: string): Promise<number> {
    const rows: { n: string }[] = await this.ds.query("SELECT count(*) AS n FROM control_exception WHERE workspace_id = $1 AND state = 'requested'", [workspaceId]);
    return Number(rows[0]?.n ?? 0);
  }
}
