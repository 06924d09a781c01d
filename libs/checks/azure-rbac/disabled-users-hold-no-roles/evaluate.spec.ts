import { AZURE_BUILT_IN_ROLES, AZURE_RBAC_KINDS, azurePrincipalResourceId } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import {
  AZURE_RBAC_SETUP,
  BUILT_IN_ROLES,
  ROOT_SCOPE,
  TENANT_RESOURCE_ID,
  assignment,
  azureContext,
  customRole,
  deletedPrincipal,
  group,
  objectId,
  resourceGroupScope,
  subscription,
  subscriptionScope,
  tenant,
  user,
  type TenantSpec,
} from '../../src/testing/azure-rbac-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const { owner, contributor, reader } = AZURE_BUILT_IN_ROLES;
const evaluate = (spec: TenantSpec) => check.evaluate(tenant({ subscriptions: [subscription('Production')], ...spec }).build(), azureContext());

describe('azure.disabled-users-hold-no-roles', () => {
  it('fails a disabled user, listing each role and scope by name, citing the principal and the assignments', () => {
    const held = [
      assignment({ role: owner, principal: 'Mallory', scope: subscriptionScope('Production') }),
      assignment({ role: reader, principal: 'Mallory', scope: resourceGroupScope('Production', 'rg-web') }),
    ];
    const builder = tenant({ subscriptions: [subscription('Production')], assignments: held, principals: [user('Mallory', { accountEnabled: false })] });
    const findings = check.evaluate(builder.build(), azureContext());
    expect(findings).toHaveLength(1);
    const principalId = azurePrincipalResourceId('User', objectId('Mallory'));
    expect(findings[0]).toMatchObject({ status: 'fail', resource: { id: principalId, type: 'azure:principal', name: 'mallory@acme.example' } });
    expect(findings[0]?.evidence).toEqual([builder.hashOf(AZURE_RBAC_KINDS.principal, principalId), ...held.map((a) => builder.hashOf(AZURE_RBAC_KINDS.roleAssignment, a.id.toLowerCase()))]);
    expect(findings[0]?.reason).toBe(
      'User Mallory (mallory@acme.example) is disabled but still holds 2 role assignments: Owner on subscription ' +
        `${subscription('Production').subscriptionId} and Reader on resource group rg-web in subscription ${subscription('Production').subscriptionId}. Remove them to finish offboarding; re-enabling the account would restore that access.`,
    );
  });

  it('passes enabled users and names custom roles from their definitions', () => {
    const role = customRole('VM Operator');
    const findings = evaluate({
      assignments: [assignment({ role: contributor, principal: 'Alice', scope: subscriptionScope('Production') }), assignment({ role: role.id, principal: 'Bob', scope: ROOT_SCOPE }), assignment({ role: role.id, principal: 'Erin', scope: ROOT_SCOPE })],
      roleDefinitions: [...BUILT_IN_ROLES, role],
      principals: [user('Alice'), user('Bob'), user('Erin', { accountEnabled: false })],
    });
    expect(findings.map((f) => [f.resource.name, f.status])).toEqual([
      ['alice@acme.example', 'pass'],
      ['bob@acme.example', 'pass'],
      ['erin@acme.example', 'fail'],
    ]);
    expect(findings[2]?.reason).toContain('VM Operator on the root scope (/)');
  });

  it('fails assignments of users deleted from the directory, on the object id', () => {
    const [finding] = evaluate({ assignments: [assignment({ role: owner, principal: 'Gone', scope: subscriptionScope('Production') })], principals: [deletedPrincipal('Gone')] });
    expect(finding).toMatchObject({ status: 'fail', resource: { id: azurePrincipalResourceId('Unknown', objectId('Gone')) } });
    expect(finding?.reason).toContain('no longer exists in the directory');
  });

  it('answers unknown for a user that was not looked up, or whose enabled state Graph did not give', () => {
    const findings = evaluate({
      assignments: [assignment({ role: owner, principal: 'Alice', scope: subscriptionScope('Production') }), assignment({ role: owner, principal: 'Bob', scope: subscriptionScope('Production') })],
      principals: [user('Alice', { accountEnabled: null })],
    });
    expect(findings.map((f) => f.status)).toEqual(['unknown', 'unknown']);
    expect(findings[1]?.reason).toContain('was not looked up in the directory');
  });

  it('judges users only: groups and service principals are out of scope', () => {
    const findings = evaluate({
      assignments: [
        assignment({ role: owner, principal: 'Admins', principalType: 'Group', scope: subscriptionScope('Production') }),
        assignment({ role: owner, principal: 'deploy', principalType: 'ServicePrincipal', scope: subscriptionScope('Production') }),
      ],
      principals: [group('Admins', [user('Dora', { accountEnabled: false })])],
    });
    expect(findings).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
  });

  describeUnavailableEvidence(
    check,
    () => tenant({ assignments: [assignment({ role: reader, principal: 'Alice', scope: subscriptionScope('Production') })], principals: [user('Alice')] }),
    AZURE_RBAC_SETUP,
  );
});
