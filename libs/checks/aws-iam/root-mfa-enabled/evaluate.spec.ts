import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ROOT_ARN, accountSummary, context } from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const withSummary = (summaryMap: Record<string, number>) => evidenceBuilder().add(AWS_IAM_KINDS.accountSummary, ROOT_ARN, accountSummary(summaryMap));

describe('aws-iam.root-mfa-enabled', () => {
  it('passes on the account root when AccountMFAEnabled is 1', () => {
    const builder = withSummary({ AccountMFAEnabled: 1 });
    const findings = check.evaluate(builder.build(), context());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'pass', resource: { id: ROOT_ARN, type: 'aws:account' }, evidence: [builder.hashOf(AWS_IAM_KINDS.accountSummary, ROOT_ARN)] });
  });

  it('fails when the root user has no MFA, telling where to assign it', () => {
    const [finding] = check.evaluate(withSummary({ AccountMFAEnabled: 0 }).build(), context());
    expect(finding).toMatchObject({ status: 'fail', resource: { id: ROOT_ARN } });
    expect(finding?.reason).toMatch(/no MFA device/);
    expect(finding?.reason).toMatch(/Assign MFA device/);
  });

  it('answers unknown when AWS did not report AccountMFAEnabled', () => {
    const builder = evidenceBuilder().add(AWS_IAM_KINDS.accountSummary, ROOT_ARN, { summaryMap: { Users: 2 } });
    const [finding] = check.evaluate(builder.build(), context());
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain('AccountMFAEnabled');
  });

  it('never answers not_applicable', () => {
    for (const enabled of [0, 1]) expect(check.evaluate(withSummary({ AccountMFAEnabled: enabled }).build(), context())[0]?.status).not.toBe('not_applicable');
  });

  describeUnavailableEvidence(check, () => withSummary({}));
});
