import { defineCheck } from '@astrolabe/core';
import { readPasswordPolicy } from '../../src/aws-iam/password-policy';
import { fail, pass, toFinding, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const MIN_PASSWORD_LENGTH = 14;

export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readPasswordPolicy(evidence);
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  return [toFinding(scope, judge(read.policy?.minimumPasswordLength, read.policy !== null), [read.hash])];
});

function judge(minimum: number | undefined, hasPolicy: boolean): Verdict {
  if (!hasPolicy) {
    return fail(
      `The account has no custom IAM password policy, so IAM accepts passwords of 8 characters. Set a password policy with a minimum length of ${MIN_PASSWORD_LENGTH} or more (IAM → Account settings → Password policy).`,
    );
  }
  // GetAccountPasswordPolicy always returns the length when a policy exists; without it we cannot judge.
  if (minimum === undefined) return unknown('The IAM password policy evidence does not state a minimum password length; re-run the collection.');
  if (minimum < MIN_PASSWORD_LENGTH) {
    return fail(`The IAM password policy accepts passwords of ${minimum} characters; raise the minimum length to ${MIN_PASSWORD_LENGTH} or more.`);
  }
  return pass(`The IAM password policy requires at least ${minimum} characters (${MIN_PASSWORD_LENGTH} or more required).`);
}
