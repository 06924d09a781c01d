import { defineCheck } from '@astrolabe/core';
import { readSummaryFlag } from '../../src/aws-iam/account-summary';
import { fail, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

// GetAccountSummary's AccountMFAEnabled is the live root MFA flag (the credential report can be
// up to four hours old), and it counts every device type: virtual, TOTP token and FIDO key.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const mfa = readSummaryFlag(evidence, 'AccountMFAEnabled');
  if (!mfa.ok) return [toFinding(scope, unknown(mfa.reason), mfa.evidence)];
  const verdict = mfa.value
    ? pass('The root user has an MFA device enabled (AccountMFAEnabled = 1).')
    : fail(
        'The root user has no MFA device (AccountMFAEnabled = 0), so its password alone opens the whole account. Sign in as root → Security credentials → Assign MFA device, preferably a security key.',
      );
  return [toFinding(scope, verdict, [mfa.hash])];
});
