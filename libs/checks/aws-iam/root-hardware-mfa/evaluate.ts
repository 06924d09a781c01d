import { AWS_IAM_KINDS, defineCheck, virtualMfaDeviceSchema } from '@astrolabe/core';
import { readSummaryFlag } from '../../src/aws-iam/account-summary';
import { isRootArn } from '../../src/aws-iam/resources';
import { parseItems } from '../../src/shared/evidence';
import { fail, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

// CIS 1.5: root MFA must be on (account summary) and must not be one of the account's virtual
// MFA devices. ListVirtualMFADevices names the root user by its ARN (`arn:aws:iam::<id>:root`).
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const mfa = readSummaryFlag(evidence, 'AccountMFAEnabled');
  if (!mfa.ok) return [toFinding(scope, unknown(mfa.reason), mfa.evidence)];
  if (!mfa.value) {
    return [
      toFinding(
        scope,
        fail('The root user has no MFA device at all (AccountMFAEnabled = 0). Sign in as root → Security credentials → Assign MFA device and choose a security key or hardware TOTP token.'),
        [mfa.hash],
      ),
    ];
  }

  const devices = parseItems(evidence, AWS_IAM_KINDS.virtualMfaDevice, virtualMfaDeviceSchema);
  const rootVirtual = devices.flatMap((d) => (d.ok && d.data.userArn !== null && isRootArn(d.data.userArn) ? [d] : []));
  if (rootVirtual.length > 0) {
    const serials = rootVirtual.map((d) => d.data.serialNumber).join(', ');
    return [
      toFinding(
        scope,
        fail(`The root user's MFA is a virtual device (${serials}) held in an authenticator app. Register a security key or hardware TOTP token for root, then remove the virtual device.`),
        [mfa.hash, ...rootVirtual.map((d) => d.item.hash)],
      ),
    ];
  }

  // A device we could not read might be the root's, so we cannot claim the MFA is hardware.
  const unreadable = devices.filter((d) => !d.ok);
  if (unreadable.length > 0) {
    const ids = unreadable.map((d) => d.item.resourceId).join(', ');
    return [toFinding(scope, unknown(`Virtual MFA device evidence could not be read (${ids}), so it is unknown whether root uses one; re-run the collection.`), [mfa.hash, ...unreadable.map((d) => d.item.hash)])];
  }

  // Absence is proven by the whole virtual-MFA snapshot of this run; citing every device's hash
  // would bloat the finding, so it cites the summary that shows MFA is on.
  return [toFinding(scope, pass('The root user has MFA enabled and it is not a virtual MFA device (hardware TOTP token or security key).'), [mfa.hash])];
});
