import type { AuditEntry } from '@astrolabe/api-contract';
import { canonicalJson, sha256Hex } from '@astrolabe/evidence';

/** prev_hash of the first row of every chain: there is no previous row. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything of a row but its hash. */
export type AuditRowContent = Omit<AuditEntry, 'hash'>;

/**
 * What a row's hash covers: every column of audit_log except `id` (a storage detail: identity
 * values are not part of what happened) and `hash` itself, under the column names, so an
 * auditor can recompute it from a database export without reading this code:
 *
 *   content = { workspace_id, seq, at, actor_type, actor_id, actor_label, action, target_type,
 *               target_id, source_ip, outcome, status_code, details, prev_hash }
 *   hash    = lower-hex sha256( UTF-8( prev_hash || canonicalJson(content) ) )
 *
 * canonicalJson is RFC 8785 (JCS). `at` is UTC with exactly six fractional digits
 * (2025-01-31T09:30:00.123000Z), PostgreSQL's full timestamptz precision, so a change of even
 * a microsecond is seen. `seq` is inside the content: moving a row to another position breaks it.
 */
export function auditHashContent(row: AuditRowContent): Record<string, unknown> {
  return {
    workspace_id: row.workspaceId,
    seq: row.seq,
    at: row.at,
    actor_type: row.actorType,
    actor_id: row.actorId,
    actor_label: row.actorLabel,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    source_ip: row.sourceIp,
    outcome: row.outcome,
    status_code: row.statusCode,
    details: row.details,
    prev_hash: row.prevHash,
  };
}

export function computeAuditHash(row: AuditRowContent): string {
  return sha256Hex(row.prevHash + canonicalJson(auditHashContent(row)));
}

/**
 * The `at` text of a row written at `date`. JavaScript dates stop at milliseconds, so the last
 * three digits are zero for rows Astrolabe writes; the format still carries PostgreSQL's six.
 */
export function auditTimestamp(date: Date): string {
  const iso = date.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) throw new RangeError(`audit timestamps must fall in years 0000–9999, got ${iso}`);
  return `${iso.slice(0, -1)}000Z`;
}
