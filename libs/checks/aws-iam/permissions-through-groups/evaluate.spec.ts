import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ADMIN_DOCUMENT, ROOT_ARN, context, iamUser, userArn } from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const withUsers = (...users: unknown[]) => {
  const builder = evidenceBuilder().collected(AWS_IAM_KINDS.user);
  for (const user of users) builder.add(AWS_IAM_KINDS.user, (user as { arn?: string }).arn ?? 'arn:aws:iam::123456789012:user/unknown', user);
  return builder;
};

describe('aws-iam.permissions-through-groups', () => {
  it('passes users whose permissions come only from groups, citing their evidence', () => {
    const builder = withUsers(iamUser('alice', { groups: ['engineers', 'oncall'] }));
    const [finding] = check.evaluate(builder.build(), context());
    expect(finding).toMatchObject({ status: 'pass', resource: { id: userArn('alice'), type: 'aws:iam:user', name: 'alice' }, evidence: [builder.hashOf(AWS_IAM_KINDS.user, userArn('alice'))] });
    expect(finding?.reason).toBe('alice gets permissions only from groups (engineers and oncall).');
  });

  it('fails a user with a directly attached managed policy', () => {
    const [finding] = check.evaluate(withUsers(iamUser('bob', { attachedManagedPolicies: [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] })).build(), context());
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toBe('bob has a policy attached directly (managed policy ReadOnlyAccess); grant these permissions through a group and remove them from the user.');
  });

  it('fails a user with an inline policy, listing every direct policy', () => {
    const user = iamUser('carol', { attachedManagedPolicies: [{ name: 'Billing', arn: 'arn:aws:iam::aws:policy/job-function/Billing' }], inlinePolicies: [{ name: 'adhoc', document: ADMIN_DOCUMENT }] });
    const [finding] = check.evaluate(withUsers(user).build(), context());
    expect(finding?.reason).toMatch(/has 2 policies attached directly \(managed policy Billing and inline policy adhoc\)/);
  });

  it('is not_applicable on the account when it has no IAM users, and never for an existing user', () => {
    expect(check.evaluate(withUsers().build(), context())).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ROOT_ARN }) })]);
    expect(check.evaluate(withUsers(iamUser('loner', { groups: [] })).build(), context())[0]?.status).toBe('pass');
  });

  it('answers unknown for a malformed user only', () => {
    const findings = check.evaluate(withUsers({ arn: userArn('broken'), userName: 'broken' }, iamUser('alice')).build(), context());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userArn('broken'), 'unknown'],
      [userArn('alice'), 'pass'],
    ]);
    expect(findings[0]?.reason).toContain('malformed');
  });

  describeUnavailableEvidence(check, () => withUsers(iamUser('alice')));
});
