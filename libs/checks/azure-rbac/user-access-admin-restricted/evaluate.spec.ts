import { AZURE_BUILT_IN_ROLES, AZURE_RBAC_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import {
  AZURE_RBAC_SETUP,
  ROOT_SCOPE,
  TENANT_RESOURCE_ID,
  assignment,
  azureContext,
  managementGroupScope,
  objectId,
  resourceGroupScope,
  subscriptionScope,
  tenant,
  type AssignmentSpec,
} from '../../src/testing/azure-rbac-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const UAA = AZURE_BUILT_IN_ROLES.userAccessAdministrator;
const uaa = (spec: Omit<AssignmentSpec, 'role'>) => assignment({ role: UAA, ...spec });
const evaluate = (...assignments: ReturnType<typeof assignment>[]) => check.evaluate(tenant({ assignments }).build(), azureContext());

describe('azure.user-access-admin-restricted', () => {
  it('fails User Access Administrator at the root scope (left behind by elevation), on the assignment', () => {
    const a = uaa({ principal: 'Alice', scope: ROOT_SCOPE, appliesTo: ['Production'] });
    const builder = tenant({ assignments: [a] });
    const [finding, ...rest] = check.evaluate(builder.build(), azureContext());
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({
      status: 'fail',
      resource: { id: a.id.toLowerCase(), type: 'azure:role-assignment', name: `User Access Administrator for user ${objectId('Alice')} at /` },
      evidence: [builder.hashOf(AZURE_RBAC_KINDS.roleAssignment, a.id.toLowerCase())],
    });
    expect(finding?.reason).toContain('at the root scope (/)');
    expect(finding?.reason).toContain('Access management for Azure resources');
  });

  it('fails it on a management group, naming the group', () => {
    const [finding] = evaluate(uaa({ principal: 'Ops', principalType: 'Group', scope: managementGroupScope('mg-platform') }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain(`group ${objectId('Ops')} holds User Access Administrator on management group mg-platform`);
  });

  it('fails an unconditioned grant on a subscription or resource group, and passes one constrained by a condition', () => {
    const findings = evaluate(
      uaa({ principal: 'deploy', principalType: 'ServicePrincipal', scope: subscriptionScope('Production') }),
      uaa({ principal: 'Bob', scope: resourceGroupScope('Production', 'rg-web'), condition: "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})))" }),
    );
    expect(findings.map((f) => f.status)).toEqual(['fail', 'pass']);
    expect(findings[0]?.reason).toContain('without a condition');
    expect(findings[1]?.reason).toContain('constrained by a condition');
  });

  it('ignores other roles and passes on the tenant when nobody holds the role, citing the assignments read', () => {
    const owner = assignment({ role: AZURE_BUILT_IN_ROLES.owner, principal: 'Alice', scope: subscriptionScope('Production') });
    const builder = tenant({ assignments: [owner] });
    const findings = check.evaluate(builder.build(), azureContext());
    expect(findings).toEqual([
      expect.objectContaining({ status: 'pass', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }), evidence: [builder.hashOf(AZURE_RBAC_KINDS.roleAssignment, owner.id.toLowerCase())] }),
    ]);
  });

  it('answers unknown on the tenant when an assignment is malformed', () => {
    const findings = check.evaluate(tenant().add(AZURE_RBAC_KINDS.roleAssignment, '/broken', { scope: 7 }).build(), azureContext());
    expect(findings).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
  });

  it('never answers not_applicable', () => {
    for (const scope of [ROOT_SCOPE, subscriptionScope('Production')]) expect(evaluate(uaa({ principal: 'x', scope }))[0]?.status).not.toBe('not_applicable');
    expect(evaluate()[0]?.status).toBe('pass');
  });

  describeUnavailableEvidence(check, () => tenant({ assignments: [uaa({ principal: 'Alice', scope: ROOT_SCOPE })] }), AZURE_RBAC_SETUP);
});
