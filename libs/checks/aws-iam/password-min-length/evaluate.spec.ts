import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ROOT_ARN, context, passwordPolicy } from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const withPolicy = (data: unknown) => evidenceBuilder().add(AWS_IAM_KINDS.passwordPolicy, ROOT_ARN, data);
const evaluate = (data: unknown) => check.evaluate(withPolicy(data).build(), context());

describe('aws-iam.password-min-length', () => {
  it('passes at exactly 14 characters, on the account, citing the policy', () => {
    const builder = withPolicy(passwordPolicy({ minimumPasswordLength: 14 }));
    const findings = check.evaluate(builder.build(), context());
    expect(findings).toEqual([
      expect.objectContaining({ status: 'pass', resource: expect.objectContaining({ id: ROOT_ARN }), evidence: [builder.hashOf(AWS_IAM_KINDS.passwordPolicy, ROOT_ARN)] }),
    ]);
    expect(findings[0]?.reason).toContain('at least 14 characters');
  });

  it('fails at 13 characters, naming the current length', () => {
    const [finding] = evaluate(passwordPolicy({ minimumPasswordLength: 13 }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/accepts passwords of 13 characters; raise the minimum length to 14/);
  });

  it('fails when the account has no custom password policy (NoSuchEntity is a valid observation)', () => {
    const [finding] = evaluate(passwordPolicy(null));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/no custom IAM password policy/);
  });

  it('answers unknown when the policy does not state a length or the evidence is malformed', () => {
    expect(evaluate(passwordPolicy({ requireSymbols: true }))[0]?.status).toBe('unknown');
    expect(evaluate({ present: true, policy: null })[0]?.status).toBe('unknown');
    expect(evaluate({ present: 'yes' })[0]).toMatchObject({ status: 'unknown', resource: { id: ROOT_ARN } });
  });

  it('never answers not_applicable', () => {
    expect([passwordPolicy(null), passwordPolicy({ minimumPasswordLength: 20 })].map((p) => evaluate(p)[0]?.status)).not.toContain('not_applicable');
  });

  describeUnavailableEvidence(check, () => withPolicy(passwordPolicy({ minimumPasswordLength: 14 })));
});
