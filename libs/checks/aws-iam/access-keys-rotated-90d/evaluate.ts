import { defineCheck } from '@astrolabe/core';
import { ACCESS_KEY_SLOTS, accessKeyColumns, dateCell, evaluateReportUsers, flagCell, unreadableCell, type ReportRow } from '../../src/aws-iam/credential-report';
import { ageOf, daysSince } from '../../src/shared/dates';
import { capitalize, fail, listPhrase, notApplicable, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

/** An active key fails once more than this many whole days have passed since it was created. */
export const MAX_KEY_AGE_DAYS = 90;

// Root keys must not exist at all (root-access-keys-absent); evaluateReportUsers leaves root out.
export const check = defineCheck(metadata, (evidence, { now, scope }) =>
  evaluateReportUsers(evidence, scope, (row) => judge(row, now)),
);

function judge(row: ReportRow, now: Date): Verdict {
  const keys: { description: string; ageDays: number }[] = [];
  for (const slot of ACCESS_KEY_SLOTS) {
    const columns = accessKeyColumns(slot);
    const active = flagCell(row, columns.active);
    if (!active.ok) return unreadableCell(active.problem);
    // Inactive keys cannot sign requests; CIS 1.13 is about the keys in use.
    if (!active.value) continue;
    const rotated = dateCell(row, columns.lastRotated);
    if (!rotated.ok) return unreadableCell(rotated.problem);
    if (!rotated.value) return unreadableCell(`access key ${slot} of ${row.user} is active but the report gives no ${columns.lastRotated} date`);
    keys.push({ description: `access key ${slot} (active) was last rotated ${ageOf(rotated.value, now)}`, ageDays: daysSince(rotated.value, now) });
  }

  if (keys.length === 0) return notApplicable(`${row.user} has no active access keys.`);
  const overdue = keys.filter((k) => k.ageDays > MAX_KEY_AGE_DAYS);
  if (overdue.length > 0) {
    return fail(`${capitalize(listPhrase(overdue.map((k) => k.description)))}; rotate keys within ${MAX_KEY_AGE_DAYS} days.`);
  }
  return pass(`${capitalize(listPhrase(keys.map((k) => k.description)))}, within ${MAX_KEY_AGE_DAYS} days.`);
}
