import { defineCheck } from '@astrolabe/core';
import { readSummaryFlag } from '../../src/aws-iam/account-summary';
import { fail, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

// CIS 1.3 audits this with GetAccountSummary: AccountAccessKeysPresent counts root keys whether
// active or inactive, and unlike the credential report it is never hours old.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const keys = readSummaryFlag(evidence, 'AccountAccessKeysPresent');
  if (!keys.ok) return [toFinding(scope, unknown(keys.reason), keys.evidence)];
  const verdict = keys.value
    ? fail(
        `The root user has an access key (AccountAccessKeysPresent = ${keys.count}). Root keys cannot be restricted by IAM; move whatever uses it to an IAM role, then delete the key under Security credentials while signed in as root.`,
      )
    : pass('The root user has no access keys (AccountAccessKeysPresent = 0).');
  return [toFinding(scope, verdict, [keys.hash])];
});
