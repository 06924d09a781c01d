import type { AuditActorType, AuditEntry, AuditOutcome } from '@astrolabe/api-contract';
import type { AuditBatchReader } from './audit-chain';

// How an audit_log row is read back for hashing, shared by the server and the CLI so both verify
// exactly the same bytes. Queries are run by the caller (a TypeORM DataSource, a pg Client).

/**
 * The columns of audit_log as the hash sees them. `at` is formatted by PostgreSQL with all six
 * fractional digits: a JavaScript Date would silently drop the last three.
 */
export const AUDIT_ROW_COLUMNS = `workspace_id, seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor_type, actor_id,
  actor_label, action, target_type, target_id, source_ip, outcome, status_code, details, prev_hash, hash`;

export interface AuditDbRow {
  workspace_id: string | null;
  /** bigint: the pg driver returns it as text. */
  seq: string | number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  source_ip: string | null;
  outcome: string;
  status_code: number | null;
  details: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
}

export function auditEntryFromDb(r: AuditDbRow): AuditEntry {
  return {
    workspaceId: r.workspace_id,
    seq: Number(r.seq),
    at: r.at,
    // The table's CHECK constraints hold these to the contract's values.
    actorType: r.actor_type as AuditActorType,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    sourceIp: r.source_ip,
    outcome: r.outcome as AuditOutcome,
    statusCode: r.status_code,
    details: r.details ?? {},
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * One batch of a chain in seq order: `$1` = after seq, `$2` = limit, `$3` = workspace id (absent
 * for the system chain, whose rows have no workspace). Served by the (workspace_id, seq) indexes.
 */
export function auditChainBatchSql(workspaceId: string | null): string {
  const chain = workspaceId === null ? 'workspace_id IS NULL' : 'workspace_id = $3';
  return `SELECT ${AUDIT_ROW_COLUMNS} FROM audit_log WHERE ${chain} AND seq > $1 ORDER BY seq LIMIT $2`;
}

/** A batch reader over any `query(sql, params)` function returning rows. */
export function auditBatchReader(query: (sql: string, params: unknown[]) => Promise<AuditDbRow[]>, workspaceId: string | null): AuditBatchReader {
  const sql = auditChainBatchSql(workspaceId);
  return async (afterSeq, limit) => {
    const params: unknown[] = workspaceId === null ? [afterSeq, limit] : [afterSeq, limit, workspaceId];
    return (await query(sql, params)).map(auditEntryFromDb);
  };
}
