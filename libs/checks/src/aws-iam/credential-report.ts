import {
  AWS_IAM_KINDS,
  ROOT_REPORT_USER,
  credentialReportRowSchema,
  type CheckFinding,
  type CredentialReportRow,
  type EvidenceItem,
  type EvidenceSet,
  type ResourceRef,
} from '@astrolabe/core';
import { parseItems } from '../shared/evidence';
import { orNotApplicable, toFinding, unknown, type Verdict } from '../shared/verdict';
import { isRootArn, userRef } from './resources';

/** One readable credential-report row: raw cells plus the identity columns every check needs. */
export interface ReportRow {
  item: EvidenceItem;
  cells: CredentialReportRow;
  user: string;
  isRoot: boolean;
  resource: ResourceRef;
}

interface UnreadableRow {
  item: EvidenceItem;
  isRoot: boolean;
  problem: string;
}

type RowRead = ({ ok: true } & ReportRow) | ({ ok: false } & UnreadableRow);

/** Cell values AWS writes when it has no date to give (never used, not applicable, before tracking began). */
const NO_DATE_CELLS = new Set(['N/A', 'no_information', 'not_supported']);

function readRows(evidence: EvidenceSet): RowRead[] {
  return parseItems(evidence, AWS_IAM_KINDS.credentialReportRow, credentialReportRowSchema).map((parsed): RowRead => {
    const { item } = parsed;
    if (!parsed.ok) return { ok: false, item, isRoot: isRootArn(item.resourceId), problem: parsed.problem };
    const { user, arn } = parsed.data;
    if (!user || !arn) {
      return { ok: false, item, isRoot: isRootArn(item.resourceId), problem: 'the row has no user or arn column' };
    }
    const isRoot = user === ROOT_REPORT_USER;
    return { ok: true, item, cells: parsed.data, user, isRoot, resource: userRef(arn, isRoot ? 'root user' : user) };
  });
}

export type RootRow = { ok: true; row: ReportRow } | { ok: false; reason: string; evidence: string[] };

/** The `<root_account>` row; AWS always includes it, so its absence makes root checks `unknown`. */
export function findRootRow(evidence: EvidenceSet): RootRow {
  const roots = readRows(evidence).filter((r) => r.isRoot);
  const [root] = roots;
  if (!root) {
    return { ok: false, reason: `The credential report has no ${ROOT_REPORT_USER} row, so root credential use cannot be judged; re-run the collection.`, evidence: [] };
  }
  if (!root.ok) {
    return { ok: false, reason: `The credential report row of the root user could not be read (${root.problem}); re-run the collection.`, evidence: [root.item.hash] };
  }
  return { ok: true, row: root };
}

/**
 * Runs a per-user judgement over every IAM user of the credential report. The root row is
 * skipped (root has its own checks, CIS 1.3–1.6); an unreadable row is `unknown` for that
 * user only, so one bad row cannot hide or fail the others.
 */
export function evaluateReportUsers(evidence: EvidenceSet, scope: ResourceRef, judge: (row: ReportRow) => Verdict): CheckFinding[] {
  const rows = readRows(evidence);
  // AWS always lists the root user, so an empty report is a broken collection, not an account without users.
  if (rows.length === 0) {
    return [toFinding(scope, unknown(`The credential report was collected without any rows (AWS always lists ${ROOT_REPORT_USER}); re-run the collection.`), [])];
  }
  const findings = rows
    .filter((r) => !r.isRoot)
    .map((r) =>
      r.ok
        ? toFinding(r.resource, judge(r), [r.item.hash])
        : toFinding(userRef(r.item.resourceId), unknown(`The credential report row for ${r.item.resourceId} could not be read (${r.problem}); re-run the collection.`), [r.item.hash]),
    );
  return orNotApplicable(findings, scope, 'The credential report lists no IAM users besides the root user.');
}

export type Cell<T> = { ok: true; value: T } | { ok: false; problem: string };

function rawCell(row: ReportRow, column: string): Cell<string> {
  const raw = row.cells[column];
  return raw === undefined ? { ok: false, problem: `the credential report row of ${row.user} has no ${column} column` } : { ok: true, value: raw };
}

/** A `true`/`false` column. Anything else means AWS did not say, which the caller turns into `unknown`. */
export function flagCell(row: ReportRow, column: string): Cell<boolean> {
  const raw = rawCell(row, column);
  if (!raw.ok) return raw;
  if (raw.value === 'true') return { ok: true, value: true };
  if (raw.value === 'false') return { ok: true, value: false };
  return { ok: false, problem: `the credential report row of ${row.user} has "${raw.value}" in ${column} instead of true/false` };
}

/** A date column; `value: null` when AWS recorded no date (`N/A`, `no_information`, `not_supported`). */
export function dateCell(row: ReportRow, column: string): Cell<Date | null> {
  const raw = rawCell(row, column);
  if (!raw.ok) return raw;
  if (NO_DATE_CELLS.has(raw.value)) return { ok: true, value: null };
  const date = new Date(raw.value);
  if (Number.isNaN(date.getTime())) {
    return { ok: false, problem: `the credential report row of ${row.user} has "${raw.value}" in ${column}, which is not a date` };
  }
  return { ok: true, value: date };
}

/** `unknown` verdict for a cell AWS did not fill in the way the report format promises. */
export function unreadableCell(problem: string): Verdict {
  return unknown(`Cannot judge: ${problem}. Re-run the collection once AWS regenerates the credential report.`);
}

export const ACCESS_KEY_SLOTS = [1, 2] as const;
export type AccessKeySlot = (typeof ACCESS_KEY_SLOTS)[number];

export const accessKeyColumns = (slot: AccessKeySlot) => ({
  active: `access_key_${slot}_active`,
  lastRotated: `access_key_${slot}_last_rotated`,
  lastUsed: `access_key_${slot}_last_used_date`,
});
