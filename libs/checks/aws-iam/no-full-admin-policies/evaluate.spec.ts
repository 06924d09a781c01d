import { AWS_IAM_KINDS, type PolicyDocument } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_DOCUMENT,
  READ_ONLY_DOCUMENT,
  ROOT_ARN,
  context,
  iamGroup,
  iamRole,
  iamUser,
  managedPolicy,
  policyArn,
  roleArn,
  userArn,
} from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder, type EvidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const KINDS = [AWS_IAM_KINDS.managedPolicy, AWS_IAM_KINDS.user, AWS_IAM_KINDS.group, AWS_IAM_KINDS.role];

/** Collected-but-empty authorization details, to which each spec adds what it needs. */
function details(): EvidenceBuilder {
  const builder = evidenceBuilder();
  for (const kind of KINDS) builder.collected(kind);
  return builder;
}
const statement = (s: Record<string, unknown>): PolicyDocument => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...s }] });
const evaluate = (builder: EvidenceBuilder) => check.evaluate(builder.build(), context());

describe('aws-iam.no-full-admin-policies', () => {
  it('fails an attached customer managed "*" policy, naming the statement and who holds it, citing their evidence', () => {
    const builder = details()
      .add(AWS_IAM_KINDS.managedPolicy, policyArn('FullAdmin'), managedPolicy('FullAdmin', { document: ADMIN_DOCUMENT, attachmentCount: 2 }))
      .add(AWS_IAM_KINDS.user, userArn('alice'), iamUser('alice', { attachedManagedPolicies: [{ name: 'FullAdmin', arn: policyArn('FullAdmin') }] }))
      .add(AWS_IAM_KINDS.role, roleArn('deploy'), iamRole('deploy', { attachedManagedPolicies: [{ name: 'FullAdmin', arn: policyArn('FullAdmin') }] }));
    const [finding, ...rest] = evaluate(builder);
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ status: 'fail', resource: { id: policyArn('FullAdmin'), type: 'aws:iam:policy', name: 'FullAdmin' } });
    expect(finding?.reason).toBe(
      'Customer managed policy FullAdmin allows Action "*" on Resource "*" (statement "FullAccess") and is attached to user alice and role deploy; replace "*" with the actions and resources they need, or detach it.',
    );
    expect(finding?.evidence).toEqual([
      builder.hashOf(AWS_IAM_KINDS.managedPolicy, policyArn('FullAdmin')),
      builder.hashOf(AWS_IAM_KINDS.user, userArn('alice')),
      builder.hashOf(AWS_IAM_KINDS.role, roleArn('deploy')),
    ]);
  });

  it('fails the attached AWS managed AdministratorAccess policy and skips unattached AWS managed ones', () => {
    const builder = details()
      .add(AWS_IAM_KINDS.managedPolicy, ADMIN_ARN, managedPolicy('AdministratorAccess', { arn: ADMIN_ARN, awsManaged: true, attachmentCount: 1, document: ADMIN_DOCUMENT }))
      .add(AWS_IAM_KINDS.managedPolicy, 'arn:aws:iam::aws:policy/PowerUserAccess', managedPolicy('PowerUserAccess', { arn: 'arn:aws:iam::aws:policy/PowerUserAccess', awsManaged: true, attachmentCount: 0 }));
    const findings = evaluate(builder);
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([[ADMIN_ARN, 'fail']]);
    // The holder evidence was not collected with names here, so the count stands in.
    expect(findings[0]?.reason).toContain('AWS managed policy AdministratorAccess allows Action "*" on Resource "*" (statement "FullAccess") and is attached to 1 entity');
  });

  it('recognises "*:*", list forms and unnamed statements', () => {
    const builder = details().add(
      AWS_IAM_KINDS.managedPolicy,
      policyArn('Sneaky'),
      managedPolicy('Sneaky', { document: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: ['ec2:*', '*:*'], Resource: ['arn:aws:s3:::x', '*'] }] } }),
    );
    const [finding] = evaluate(builder);
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('(statement #2)');
  });

  it.each([
    ['a scoped action', statement({ Action: 's3:GetObject', Resource: '*' })],
    ['"*" on one resource', statement({ Action: '*', Resource: 'arn:aws:s3:::bucket/*' })],
    ['a Deny of everything', { Statement: { Effect: 'Deny', Action: '*', Resource: '*' } }],
    ['NotAction (not a "*" grant)', statement({ NotAction: 'iam:*', Resource: '*' })],
  ])('passes a policy with %s', (_label, document) => {
    const [finding] = evaluate(details().add(AWS_IAM_KINDS.managedPolicy, policyArn('Scoped'), managedPolicy('Scoped', { document: document as PolicyDocument })));
    expect(finding).toMatchObject({ status: 'pass', resource: { id: policyArn('Scoped') } });
  });

  it('is not_applicable for an unattached customer policy, but warns when it grants "*"', () => {
    const findings = evaluate(
      details()
        .add(AWS_IAM_KINDS.managedPolicy, policyArn('Spare'), managedPolicy('Spare', { attachmentCount: 0 }))
        .add(AWS_IAM_KINDS.managedPolicy, policyArn('Dormant'), managedPolicy('Dormant', { attachmentCount: 0, document: ADMIN_DOCUMENT })),
    );
    expect(findings.map((f) => f.status)).toEqual(['not_applicable', 'not_applicable']);
    expect(findings[1]?.reason).toContain('delete it or scope it before attaching it');
  });

  it('judges inline policies on the user, group or role that holds them', () => {
    const builder = details()
      .add(AWS_IAM_KINDS.role, roleArn('ops'), iamRole('ops', { inlinePolicies: [{ name: 'AllowAll', document: ADMIN_DOCUMENT }, { name: 'Logs', document: READ_ONLY_DOCUMENT }] }))
      .add(AWS_IAM_KINDS.group, 'arn:aws:iam::123456789012:group/readers', iamGroup('readers', { inlinePolicies: [{ name: 'Read', document: READ_ONLY_DOCUMENT }] }))
      .add(AWS_IAM_KINDS.user, userArn('plain'), iamUser('plain'));
    const findings = evaluate(builder);
    // Users, then groups, then roles; a user without inline policies has nothing to judge here.
    expect(findings.map((f) => [f.resource.type, f.resource.name, f.status])).toEqual([
      ['aws:iam:group', 'readers', 'pass'],
      ['aws:iam:role', 'ops', 'fail'],
    ]);
    expect(findings[1]?.reason).toBe('Inline policy AllowAll (statement "FullAccess") of role ops allows Action "*" on Resource "*"; replace "*" with the actions and resources it needs, or remove the policy.');
    expect(findings[1]?.evidence).toEqual([builder.hashOf(AWS_IAM_KINDS.role, roleArn('ops'))]);
  });

  it('is not_applicable on the account when there is nothing to check', () => {
    expect(evaluate(details().add(AWS_IAM_KINDS.user, userArn('plain'), iamUser('plain')))).toEqual([
      expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ROOT_ARN }) }),
    ]);
  });

  it('answers unknown for a policy without a document and for a principal it cannot read', () => {
    const findings = evaluate(
      details()
        .add(AWS_IAM_KINDS.managedPolicy, policyArn('Blank'), managedPolicy('Blank', { document: null, defaultVersionId: 'v3' }))
        .add(AWS_IAM_KINDS.role, roleArn('weird'), { roleName: 'weird', inlinePolicies: 'lots' }),
    );
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [policyArn('Blank'), 'unknown'],
      [roleArn('weird'), 'unknown'],
    ]);
    expect(findings[0]?.reason).toContain('(v3)');
  });

  describeUnavailableEvidence(check, () => details().add(AWS_IAM_KINDS.managedPolicy, policyArn('Scoped'), managedPolicy('Scoped')));
});
