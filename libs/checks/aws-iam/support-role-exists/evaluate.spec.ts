import { AWS_IAM_KINDS, SUPPORT_ACCESS_POLICY_ARN } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ROOT_ARN, context, supportAccessEntities } from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const withEntities = (data: unknown) => evidenceBuilder().add(AWS_IAM_KINDS.supportAccessEntities, SUPPORT_ACCESS_POLICY_ARN, data);
const evaluate = (data: unknown) => check.evaluate(withEntities(data).build(), context());

describe('aws-iam.support-role-exists', () => {
  it('passes on the account when a role has AWSSupportAccess, naming it', () => {
    const builder = withEntities(supportAccessEntities({ roles: [{ name: 'aws-support', id: 'AROA1' }] }));
    const findings = check.evaluate(builder.build(), context());
    expect(findings).toEqual([
      expect.objectContaining({ status: 'pass', resource: expect.objectContaining({ id: ROOT_ARN }), evidence: [builder.hashOf(AWS_IAM_KINDS.supportAccessEntities, SUPPORT_ACCESS_POLICY_ARN)] }),
    ]);
    expect(findings[0]?.reason).toBe('AWSSupportAccess is attached to role aws-support.');
  });

  it('fails when no role has it, and says who has it instead', () => {
    const [finding] = evaluate(supportAccessEntities({ users: [{ name: 'alice', id: 'AIDA1' }] }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('No IAM role has the AWSSupportAccess policy');
    expect(finding?.reason).toContain('attached to user alice');
  });

  it('fails when the policy is attached to nothing', () => {
    expect(evaluate(supportAccessEntities())[0]?.status).toBe('fail');
  });

  it('answers unknown on malformed or absent evidence', () => {
    expect(evaluate({ roles: 'none' })[0]?.status).toBe('unknown');
    expect(check.evaluate(evidenceBuilder().collected(AWS_IAM_KINDS.supportAccessEntities).build(), context())[0]?.status).toBe('unknown');
  });

  it('never answers not_applicable', () => {
    expect([supportAccessEntities(), supportAccessEntities({ roles: [{ name: 'r', id: 'i' }] })].map((d) => evaluate(d)[0]?.status)).not.toContain('not_applicable');
  });

  describeUnavailableEvidence(check, () => withEntities(supportAccessEntities({ roles: [{ name: 'aws-support', id: 'AROA1' }] })));
});
