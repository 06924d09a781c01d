import type { AuditActorType, AuditEntry, AuditOutcome, AuditVerification } from '@astrolabe/api-contract';
import { AUDIT_ACTOR_TYPES } from '@astrolabe/api-contract';
import { AUDIT_ROW_COLUMNS, auditBatchReader, auditEntryFromDb, auditTimestamp, computeAuditHash, GENESIS_HASH, verifyAuditChain, type AuditDbRow, type AuditRowContent } from '@astrolabe/audit';
import { canonicalJson } from '@astrolabe/evidence';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SystemDb } from '../database/system-db';

/** JSON a detail may hold: safe identifiers, states, counts, field names. */
export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  label: string;
}

export interface NewAuditEntry {
  /** null: the system chain (what belongs to no workspace). */
  workspaceId: string | null;
  at: Date;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string | null } | null;
  sourceIp: string | null;
  outcome: AuditOutcome;
  statusCode: number | null;
  details: Record<string, AuditJson>;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  targetType?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
}

export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null, label: 'Astrolabe (system)' };

/**
 * First key of the two-key advisory locks that serialize appends, one lock per chain. The two-key
 * space does not overlap the one-key space other locks (scoring, pg-boss) use.
 */
const AUDIT_LOCK_CLASS = 0x41554454; // "AUDT"

// Text caps: an audit row records what happened, it is not a place to store whatever a client sent.
const MAX_TEXT = { label: 200, action: 80, type: 40, id: 512, ip: 64, detail: 512 } as const;

/**
 * PostgreSQL text and jsonb refuse NUL characters and canonical JSON refuses lone surrogates:
 * either would make an append fail, so neither is kept. Long values are cut.
 */
export function auditText(value: string, max: number): string {
  const clean = value.replace(/\u0000/g, '').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function cleanJson(value: AuditJson): AuditJson {
  if (typeof value === 'string') return auditText(value, MAX_TEXT.detail);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.slice(0, 50).map(cleanJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [auditText(k, MAX_TEXT.type), cleanJson(v)]));
  return value;
}

const nullableText = (value: string | null, max: number) => (value === null ? null : auditText(value, max));

/**
 * The audit_log table: append (one chain per workspace, serialized), filtered reads newest first,
 * an oldest-first scan for exports, and chain verification. Rows are never updated or deleted
 * (a trigger refuses it); see libs/audit for what each row's hash covers.
 */
@Injectable()
export class AuditLogRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly system: SystemDb,
  ) {}

  /**
   * Appends one row at the head of its chain. With `manager` (inside a transaction) the row
   * commits or rolls back with the caller's writes and the chain stays locked until then;
   * without, it commits on its own. Under the chain's lock the head is read and the new row
   * takes seq = head + 1 and prev_hash = head's hash, so concurrent appends never fork the chain.
   * A workspace's chain is written in that workspace's context (row-level security checks it);
   * the system chain, which no workspace may see, always commits on its own through SystemDb.
   */
  async append(manager: EntityManager | undefined, entry: NewAuditEntry): Promise<AuditEntry> {
    if (entry.workspaceId === null) return this.system.systemAuditTransaction((m) => this.appendLocked(m, entry));
    if (!manager?.queryRunner?.isTransactionActive) return this.ds.transaction((m) => this.appendLocked(m, entry));
    return this.appendLocked(manager, entry);
  }

  private async appendLocked(m: EntityManager, entry: NewAuditEntry): Promise<AuditEntry> {
    const chain = entry.workspaceId;
    await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_LOCK_CLASS, chain ?? 'system']);
    const head: { seq: string; hash: string }[] =
      chain === null
        ? await m.query('SELECT seq, hash FROM audit_log WHERE workspace_id IS NULL ORDER BY seq DESC LIMIT 1')
        : await m.query('SELECT seq, hash FROM audit_log WHERE workspace_id = $1 ORDER BY seq DESC LIMIT 1', [chain]);
    const content: AuditRowContent = {
      workspaceId: chain,
      seq: head[0] ? Number(head[0].seq) + 1 : 1,
      at: auditTimestamp(entry.at),
      actorType: entry.actor.type,
      actorId: nullableText(entry.actor.id, MAX_TEXT.id),
      actorLabel: auditText(entry.actor.label, MAX_TEXT.label),
      action: auditText(entry.action, MAX_TEXT.action),
      targetType: entry.target ? auditText(entry.target.type, MAX_TEXT.type) : null,
      targetId: entry.target ? nullableText(entry.target.id, MAX_TEXT.id) : null,
      sourceIp: nullableText(entry.sourceIp, MAX_TEXT.ip),
      outcome: entry.outcome,
      statusCode: entry.statusCode,
      details: cleanJson(entry.details) as Record<string, AuditJson>,
      prevHash: head[0]?.hash ?? GENESIS_HASH,
    };
    const hash = computeAuditHash(content);
    await m.query(
      `INSERT INTO audit_log (workspace_id, seq, at, actor_type, actor_id, actor_label, action, target_type, target_id, source_ip, outcome, status_code, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15)`,
      [
        content.workspaceId,
        content.seq,
        content.at,
        content.actorType,
        content.actorId,
        content.actorLabel,
        content.action,
        content.targetType,
        content.targetId,
        content.sourceIp,
        content.outcome,
        content.statusCode,
        canonicalJson(content.details),
        content.prevHash,
        hash,
      ],
    );
    return { ...content, hash };
  }

  /** Newest first: rows of the chain matching `filter` with seq < `beforeSeq`. */
  async page(workspaceId: string, filter: AuditFilter, beforeSeq: number | null, limit: number): Promise<AuditEntry[]> {
    const { where, params } = whereClause(workspaceId, filter);
    if (beforeSeq !== null) {
      params.push(beforeSeq);
      where.push(`seq < $${params.length}`);
    }
    params.push(limit);
    const rows: AuditDbRow[] = await this.ds.query(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${params.length}`, params);
    return rows.map(auditEntryFromDb);
  }

  /** Oldest first, `batchSize` rows per query (keyset on seq): exports of any size in bounded memory. */
  async *scan(workspaceId: string, filter: AuditFilter, batchSize = 1_000): AsyncGenerator<AuditEntry[]> {
    let after = 0;
    for (;;) {
      const { where, params } = whereClause(workspaceId, filter);
      params.push(after);
      where.push(`seq > $${params.length}`);
      params.push(batchSize);
      const rows: AuditDbRow[] = await this.ds.query(`SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`, params);
      if (rows.length === 0) return;
      const batch = rows.map(auditEntryFromDb);
      yield batch;
      if (rows.length < batchSize) return;
      after = batch.at(-1)!.seq;
    }
  }

  /** Walks a workspace's chain up to its first broken link (the system chain: `astrolabe audit verify`, as the owner). */
  verify(workspaceId: string): Promise<AuditVerification> {
    return verifyAuditChain(auditBatchReader((sql, params) => this.ds.query(sql, params), workspaceId));
  }
}

const ACTOR_TYPES: readonly string[] = AUDIT_ACTOR_TYPES;

function whereClause(workspaceId: string, f: AuditFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [workspaceId];
  const where = ['workspace_id = $1'];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  // An actor type (system, anonymous …) or the id of one actor.
  if (f.actor !== undefined) add((p) => (ACTOR_TYPES.includes(f.actor!) ? `actor_type = ${p}` : `actor_id = ${p}`), f.actor);
  if (f.action !== undefined) {
    if (f.action.endsWith('.*')) add((p) => `starts_with(action, ${p})`, f.action.slice(0, -1));
    else add((p) => `action = ${p}`, f.action);
  }
  if (f.target !== undefined) add((p) => `target_id = ${p}`, f.target);
  if (f.targetType !== undefined) add((p) => `target_type = ${p}`, f.targetType);
  if (f.outcome !== undefined) add((p) => `outcome = ${p}`, f.outcome);
  if (f.from !== undefined) add((p) => `at >= ${p}`, f.from);
  if (f.to !== undefined) add((p) => `at < ${p}`, f.to);
  return { where, params };
}
