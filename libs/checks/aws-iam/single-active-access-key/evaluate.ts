import { defineCheck } from '@astrolabe/core';
import { ACCESS_KEY_SLOTS, accessKeyColumns, dateCell, evaluateReportUsers, flagCell, unreadableCell, type AccessKeySlot, type ReportRow } from '../../src/aws-iam/credential-report';
import { ageOf } from '../../src/shared/dates';
import { fail, listPhrase, notApplicable, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

// Root keys are CIS 1.3 (root-access-keys-absent, critical); evaluateReportUsers leaves root out.
export const check = defineCheck(metadata, (evidence, { now, scope }) =>
  evaluateReportUsers(evidence, scope, (row) => judge(row, now)),
);

function judge(row: ReportRow, now: Date): Verdict {
  const active: AccessKeySlot[] = [];
  for (const slot of ACCESS_KEY_SLOTS) {
    const flag = flagCell(row, accessKeyColumns(slot).active);
    if (!flag.ok) return unreadableCell(flag.problem);
    if (flag.value) active.push(slot);
  }
  if (active.length === 0) return notApplicable(`${row.user} has no active access keys.`);
  if (active.length === 1) return pass(`${row.user} has one active access key (key ${active[0]}).`);
  // Last use of each key points at the one to retire.
  const usage = listPhrase(active.map((slot) => `key ${slot} ${lastUse(row, slot, now)}`));
  return fail(`${row.user} has ${active.length} active access keys: ${usage}. Keep one, then deactivate and delete the key that is no longer in use.`);
}

function lastUse(row: ReportRow, slot: AccessKeySlot, now: Date): string {
  const cell = dateCell(row, accessKeyColumns(slot).lastUsed);
  if (!cell.ok) return 'with unknown last use';
  return cell.value ? `last used ${ageOf(cell.value, now)}` : 'never used';
}
