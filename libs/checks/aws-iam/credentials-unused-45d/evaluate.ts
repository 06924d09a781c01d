import { defineCheck } from '@astrolabe/core';
import {
  ACCESS_KEY_SLOTS,
  accessKeyColumns,
  dateCell,
  evaluateReportUsers,
  flagCell,
  unreadableCell,
  type Cell,
  type ReportRow,
} from '../../src/aws-iam/credential-report';
import { ageOf, daysSince } from '../../src/shared/dates';
import { fail, listPhrase, notApplicable, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

/** A credential fails once more than this many whole days have passed since its last use. */
export const MAX_UNUSED_DAYS = 45;

interface CredentialUse {
  /** "console password was last used 3 days ago (2026-05-29)" */
  description: string;
  idleDays: number;
}

// The root user is CIS 1.6 (root-not-used-recently); evaluateReportUsers leaves its row out.
export const check = defineCheck(metadata, (evidence, { now, scope }) =>
  evaluateReportUsers(evidence, scope, (row) => judge(row, now)),
);

function judge(row: ReportRow, now: Date): Verdict {
  const uses: CredentialUse[] = [];

  const password = flagCell(row, 'password_enabled');
  if (!password.ok) return unreadableCell(password.problem);
  if (password.value) {
    const use = passwordUse(row, now);
    if (!use.ok) return unreadableCell(use.problem);
    uses.push(use.value);
  }

  for (const slot of ACCESS_KEY_SLOTS) {
    const active = flagCell(row, accessKeyColumns(slot).active);
    if (!active.ok) return unreadableCell(active.problem);
    // An inactive key cannot authenticate, so it is not an unused *enabled* credential.
    if (!active.value) continue;
    const use = accessKeyUse(row, slot, now);
    if (!use.ok) return unreadableCell(use.problem);
    uses.push(use.value);
  }

  if (uses.length === 0) return notApplicable(`${row.user} has no console password and no active access keys.`);
  const stale = uses.filter((u) => u.idleDays > MAX_UNUSED_DAYS);
  if (stale.length > 0) {
    return fail(
      `${row.user}: ${listPhrase(stale.map((u) => u.description))}; disable or remove credentials unused for more than ${MAX_UNUSED_DAYS} days.`,
    );
  }
  return pass(`${row.user}: ${listPhrase(uses.map((u) => u.description))}, all within ${MAX_UNUSED_DAYS} days.`);
}

/**
 * A password that was never used (`no_information`/`N/A`) is idle since it was set, so a new
 * user gets the same 45 days of grace as anyone else instead of failing on day one.
 */
function passwordUse(row: ReportRow, now: Date): Cell<CredentialUse> {
  const lastUsed = dateCell(row, 'password_last_used');
  if (!lastUsed.ok) return lastUsed;
  if (lastUsed.value) {
    return used(`console password was last used ${ageOf(lastUsed.value, now)}`, lastUsed.value, now);
  }
  const since = firstDate(row, ['password_last_changed', 'user_creation_time']);
  if (!since.ok) return since;
  return used(`console password has never been used since it was set ${ageOf(since.value, now)}`, since.value, now);
}

/** Likewise a never-used key is idle since it was created (its last_rotated date). */
function accessKeyUse(row: ReportRow, slot: 1 | 2, now: Date): Cell<CredentialUse> {
  const columns = accessKeyColumns(slot);
  const lastUsed = dateCell(row, columns.lastUsed);
  if (!lastUsed.ok) return lastUsed;
  if (lastUsed.value) return used(`access key ${slot} was last used ${ageOf(lastUsed.value, now)}`, lastUsed.value, now);
  const created = firstDate(row, [columns.lastRotated]);
  if (!created.ok) return created;
  return used(`access key ${slot} has never been used since it was created ${ageOf(created.value, now)}`, created.value, now);
}

function used(description: string, date: Date, now: Date): Cell<CredentialUse> {
  return { ok: true, value: { description, idleDays: daysSince(date, now) } };
}

/** The first of the columns that holds a date; no date at all means AWS cannot tell us the age. */
function firstDate(row: ReportRow, columns: readonly string[]): Cell<Date> {
  for (const column of columns) {
    const cell = dateCell(row, column);
    if (!cell.ok) return cell;
    if (cell.value) return { ok: true, value: cell.value };
  }
  return { ok: false, problem: `the credential report row of ${row.user} gives no date in ${columns.join(' or ')} to measure the idle time from` };
}
