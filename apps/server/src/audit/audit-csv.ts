import type { AuditEntry } from '@astrolabe/api-contract';
import { canonicalJson } from '@astrolabe/evidence';

/** Column names are the table's, so a CSV row reads like the database row it came from. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actor_type',
  'actor_id',
  'actor_label',
  'action',
  'target_type',
  'target_id',
  'source_ip',
  'outcome',
  'status_code',
  'details',
  'prev_hash',
  'hash',
] as const;

/**
 * One RFC 4180 field: quoted (with inner quotes doubled) when it holds a quote, comma, CR or LF.
 * A value a spreadsheet would run as a formula (leading =, +, -, @, tab or CR) gets a leading
 * apostrophe first: display names and ids come from users, and auditors open exports in Excel.
 * Such cells therefore differ from the stored value; verify the chain with the API or the CLI.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CRLF = '\r\n';

export function auditCsvHeader(): string {
  return AUDIT_CSV_COLUMNS.join(',') + CRLF;
}

export function auditCsvRow(e: AuditEntry): string {
  const values: (string | number | null)[] = [
    e.seq,
    e.at,
    e.actorType,
    e.actorId,
    e.actorLabel,
    e.action,
    e.targetType,
    e.targetId,
    e.sourceIp,
    e.outcome,
    e.statusCode,
    // Canonical JSON: the exact text the row's hash covers.
    canonicalJson(e.details),
    e.prevHash,
    e.hash,
  ];
  return values.map(csvField).join(',') + CRLF;
}
