import { defineCheck } from '@astrolabe/core';
import { readPasswordPolicy } from '../../src/aws-iam/password-policy';
import { fail, pass, toFinding, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const REMEMBERED_PASSWORDS = 24;

export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readPasswordPolicy(evidence);
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  return [toFinding(scope, judge(read.policy?.passwordReusePrevention, read.policy !== null), [read.hash])];
});

function judge(remembered: number | undefined, hasPolicy: boolean): Verdict {
  if (!hasPolicy) {
    return fail(
      `The account has no custom IAM password policy, so users may reuse old passwords. Set a password policy that prevents reuse of the last ${REMEMBERED_PASSWORDS} passwords (IAM → Account settings → Password policy).`,
    );
  }
  // IAM omits PasswordReusePrevention when "Prevent password reuse" is off.
  if (remembered === undefined) {
    return fail(`The IAM password policy does not prevent password reuse; turn on "Prevent password reuse" and remember ${REMEMBERED_PASSWORDS} passwords.`);
  }
  if (remembered < REMEMBERED_PASSWORDS) {
    return fail(`The IAM password policy remembers only the last ${remembered} passwords; raise password reuse prevention to ${REMEMBERED_PASSWORDS}.`);
  }
  return pass(`The IAM password policy prevents reuse of the last ${remembered} passwords (${REMEMBERED_PASSWORDS} required).`);
}
