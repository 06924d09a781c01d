import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ROOT_ARN, accountSummary, context } from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const withSummary = (summaryMap: Record<string, number>) => evidenceBuilder().add(AWS_IAM_KINDS.accountSummary, ROOT_ARN, accountSummary(summaryMap));

describe('aws-iam.root-access-keys-absent', () => {
  it('passes on the account when the root user has no access keys', () => {
    const builder = withSummary({ AccountAccessKeysPresent: 0 });
    const findings = check.evaluate(builder.build(), context());
    expect(findings).toEqual([
      expect.objectContaining({ status: 'pass', resource: expect.objectContaining({ id: ROOT_ARN, type: 'aws:account' }), evidence: [builder.hashOf(AWS_IAM_KINDS.accountSummary, ROOT_ARN)] }),
    ]);
  });

  it('fails when the root user has an access key, saying how to remove it', () => {
    const [finding] = check.evaluate(withSummary({ AccountAccessKeysPresent: 1 }).build(), context());
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/root user has an access key/);
    expect(finding?.reason).toMatch(/delete the key/);
  });

  it('answers unknown (not pass) when the summary lacks AccountAccessKeysPresent', () => {
    const builder = evidenceBuilder().add(AWS_IAM_KINDS.accountSummary, ROOT_ARN, { summaryMap: { Users: 3 } });
    const [finding] = check.evaluate(builder.build(), context());
    expect(finding).toMatchObject({ status: 'unknown', resource: { id: ROOT_ARN } });
    expect(finding?.reason).toContain('AccountAccessKeysPresent');
  });

  it('answers unknown when the account summary is malformed or missing', () => {
    const malformed = evidenceBuilder().add(AWS_IAM_KINDS.accountSummary, ROOT_ARN, { summaryMap: { AccountAccessKeysPresent: 'yes' } });
    expect(check.evaluate(malformed.build(), context())[0]).toMatchObject({ status: 'unknown' });
    expect(check.evaluate(evidenceBuilder().collected(AWS_IAM_KINDS.accountSummary).build(), context())[0]).toMatchObject({ status: 'unknown' });
  });

  it('never answers not_applicable: every account has a root user', () => {
    for (const present of [0, 1]) {
      expect(check.evaluate(withSummary({ AccountAccessKeysPresent: present }).build(), context())[0]?.status).not.toBe('not_applicable');
    }
  });

  describeUnavailableEvidence(check, () => withSummary({}));
});
