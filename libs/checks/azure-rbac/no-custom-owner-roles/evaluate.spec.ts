import { AZURE_RBAC_KINDS, azureRoleDefinitionResourceId, type AzurePermission } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { AZURE_RBAC_SETUP, BUILT_IN_ROLES, TENANT_RESOURCE_ID, azureContext, customRole, managementGroupScope, resourceGroupScope, subscriptionScope, tenant } from '../../src/testing/azure-rbac-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const perm = (actions: string[], notActions: string[] = []): AzurePermission => ({ actions, notActions, dataActions: [], notDataActions: [] });
const evaluate = (...roles: ReturnType<typeof customRole>[]) => check.evaluate(tenant({ roleDefinitions: [...BUILT_IN_ROLES, ...roles] }).build(), azureContext());

describe('azure.no-custom-owner-roles', () => {
  it('fails a custom "*" role assignable on a subscription, on the role, citing its definition', () => {
    const role = customRole('Break Glass', { permissions: [perm(['*'])] });
    const builder = tenant({ roleDefinitions: [...BUILT_IN_ROLES, role] });
    const findings = check.evaluate(builder.build(), azureContext());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      status: 'fail',
      resource: { id: azureRoleDefinitionResourceId(role.id), type: 'azure:role-definition', name: 'Break Glass' },
      evidence: [builder.hashOf(AZURE_RBAC_KINDS.roleDefinition, azureRoleDefinitionResourceId(role.id))],
    });
    expect(findings[0]?.reason).toContain(`is assignable on ${subscriptionScope('Production')}`);
  });

  it.each([
    ['the root scope', '/'],
    ['a management group', managementGroupScope('mg-platform')],
  ])('fails it when assignable at %s', (_label, scope) => {
    expect(evaluate(customRole('Admin', { permissions: [perm(['*'], ['Microsoft.Compute/*'])], assignableScopes: [scope] }))[0]?.status).toBe('fail');
  });

  it.each([
    ['scoped actions', [perm(['Microsoft.Compute/virtualMachines/*', 'Microsoft.Network/*/read'])]],
    ['"*" without role assignment writes (a Contributor copy)', [perm(['*'], ['Microsoft.Authorization/*/Write'])]],
    ['"*/read" only', [perm(['*/read'])]],
  ])('passes a custom role with %s', (_label, permissions) => {
    expect(evaluate(customRole('Operator', { permissions }))[0]).toMatchObject({ status: 'pass', resource: { name: 'Operator' } });
  });

  it('passes a "*" role assignable only on resource groups, saying why', () => {
    const [finding] = evaluate(customRole('RG Admin', { permissions: [perm(['*'])], assignableScopes: [resourceGroupScope('Production', 'rg-web')] }));
    expect(finding?.status).toBe('pass');
    expect(finding?.reason).toContain('assignable only on resource groups');
  });

  it('ignores built-in roles (Owner is "*") and is not_applicable without custom roles', () => {
    expect(evaluate()).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
  });

  it('answers unknown on the tenant when a role definition is malformed', () => {
    const findings = check.evaluate(tenant().add(AZURE_RBAC_KINDS.roleDefinition, '/broken', { roleName: 1 }).build(), azureContext());
    expect(findings).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
  });

  describeUnavailableEvidence(check, () => tenant({ roleDefinitions: [customRole('Operator')] }), AZURE_RBAC_SETUP);
});
