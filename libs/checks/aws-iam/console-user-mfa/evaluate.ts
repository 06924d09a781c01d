import { defineCheck } from '@astrolabe/core';
import { dateCell, evaluateReportUsers, flagCell, unreadableCell, type ReportRow } from '../../src/aws-iam/credential-report';
import { ageOf } from '../../src/shared/dates';
import { fail, notApplicable, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

// Root MFA is CIS 1.4 (root-mfa-enabled); evaluateReportUsers leaves the root row out.
export const check = defineCheck(metadata, (evidence, { now, scope }) =>
  evaluateReportUsers(evidence, scope, (row) => judge(row, now)),
);

function judge(row: ReportRow, now: Date): Verdict {
  const password = flagCell(row, 'password_enabled');
  if (!password.ok) return unreadableCell(password.problem);
  if (!password.value) return notApplicable(`${row.user} has no console password, so console MFA does not apply.`);

  const mfa = flagCell(row, 'mfa_active');
  if (!mfa.ok) return unreadableCell(mfa.problem);
  if (mfa.value) return pass(`${row.user} has a console password and an active MFA device.`);

  // Last use tells the engineer whether to enrol MFA (active user) or just remove the password.
  const lastUsed = dateCell(row, 'password_last_used');
  const usage = lastUsed.ok && lastUsed.value ? `last used ${ageOf(lastUsed.value, now)}` : 'never used so far';
  return fail(
    `${row.user} can sign in to the console with a password, ${usage}, but has no MFA device; assign an MFA device, or remove the console password if the user does not need the console.`,
  );
}
