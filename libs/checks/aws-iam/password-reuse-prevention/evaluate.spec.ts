import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ROOT_ARN, context, passwordPolicy } from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const withPolicy = (data: unknown) => evidenceBuilder().add(AWS_IAM_KINDS.passwordPolicy, ROOT_ARN, data);
const evaluate = (data: unknown) => check.evaluate(withPolicy(data).build(), context());

describe('aws-iam.password-reuse-prevention', () => {
  it('passes when the policy remembers exactly 24 passwords', () => {
    const [finding] = evaluate(passwordPolicy({ minimumPasswordLength: 14, passwordReusePrevention: 24 }));
    expect(finding).toMatchObject({ status: 'pass', resource: { id: ROOT_ARN } });
  });

  it('fails when the policy remembers fewer than 24, naming the number', () => {
    const [finding] = evaluate(passwordPolicy({ passwordReusePrevention: 23 }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/only the last 23 passwords; raise password reuse prevention to 24/);
  });

  it('fails when reuse prevention is off (IAM omits the field) or there is no policy', () => {
    expect(evaluate(passwordPolicy({ minimumPasswordLength: 14 }))[0]?.reason).toMatch(/does not prevent password reuse/);
    expect(evaluate(passwordPolicy(null))[0]).toMatchObject({ status: 'fail' });
  });

  it('answers unknown on malformed evidence', () => {
    expect(evaluate({ present: true, policy: { passwordReusePrevention: '24' } })[0]?.status).toBe('unknown');
  });

  it('never answers not_applicable', () => {
    expect([passwordPolicy(null), passwordPolicy({ passwordReusePrevention: 24 })].map((p) => evaluate(p)[0]?.status)).not.toContain('not_applicable');
  });

  describeUnavailableEvidence(check, () => withPolicy(passwordPolicy({ passwordReusePrevention: 24 })));
});
