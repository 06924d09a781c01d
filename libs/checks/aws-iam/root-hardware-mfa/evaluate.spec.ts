import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_ID, ROOT_ARN, accountSummary, context, userArn } from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const ROOT_DEVICE = `arn:aws:iam::${ACCOUNT_ID}:mfa/root-account-mfa-device`;
const ALICE_DEVICE = `arn:aws:iam::${ACCOUNT_ID}:mfa/alice`;

function evidence(mfaEnabled: number, devices: { serialNumber: string; userArn: string | null }[] = []) {
  const builder = evidenceBuilder().add(AWS_IAM_KINDS.accountSummary, ROOT_ARN, accountSummary({ AccountMFAEnabled: mfaEnabled })).collected(AWS_IAM_KINDS.virtualMfaDevice);
  for (const d of devices) builder.add(AWS_IAM_KINDS.virtualMfaDevice, d.serialNumber, { ...d, enableDate: '2025-01-01T00:00:00Z' });
  return builder;
}

describe('aws-iam.root-hardware-mfa', () => {
  it('passes when root MFA is on and no virtual device belongs to root (users may have virtual devices)', () => {
    const [finding, ...rest] = check.evaluate(evidence(1, [{ serialNumber: ALICE_DEVICE, userArn: userArn('alice') }]).build(), context());
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ status: 'pass', resource: { id: ROOT_ARN } });
  });

  it('fails when the root MFA is a virtual device, naming its serial and citing the device evidence', () => {
    const builder = evidence(1, [{ serialNumber: ROOT_DEVICE, userArn: ROOT_ARN }]);
    const [finding] = check.evaluate(builder.build(), context());
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain(ROOT_DEVICE);
    expect(finding?.evidence).toContain(builder.hashOf(AWS_IAM_KINDS.virtualMfaDevice, ROOT_DEVICE));
  });

  it('fails when root has no MFA at all', () => {
    const [finding] = check.evaluate(evidence(0).build(), context());
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/no MFA device at all/);
  });

  it('ignores unassigned virtual devices', () => {
    expect(check.evaluate(evidence(1, [{ serialNumber: ROOT_DEVICE, userArn: null }]).build(), context())[0]?.status).toBe('pass');
  });

  it('answers unknown when a virtual device cannot be read, since it could be the root one', () => {
    const builder = evidence(1).add(AWS_IAM_KINDS.virtualMfaDevice, ROOT_DEVICE, { serialNumber: 42 });
    const [finding] = check.evaluate(builder.build(), context());
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain(ROOT_DEVICE);
  });

  it('never answers not_applicable', () => {
    const statuses = [evidence(0), evidence(1), evidence(1, [{ serialNumber: ROOT_DEVICE, userArn: ROOT_ARN }])].map((b) => check.evaluate(b.build(), context())[0]?.status);
    expect(statuses).not.toContain('not_applicable');
  });

  describeUnavailableEvidence(check, () => evidence(1));
});
