import { AZURE_BUILT_IN_ROLES, AZURE_RBAC_KINDS, azurePrincipalResourceId, azureSubscriptionResourceId } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import {
  AZURE_RBAC_SETUP,
  ROOT_SCOPE,
  TENANT_RESOURCE_ID,
  assignment,
  azureContext,
  deletedPrincipal,
  group,
  managementGroupScope,
  objectId,
  resourceGroupScope,
  servicePrincipal,
  subscription,
  subscriptionId,
  subscriptionScope,
  tenant,
  user,
  type TenantSpec,
} from '../../src/testing/azure-rbac-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const OWNER = AZURE_BUILT_IN_ROLES.owner;
const PROD = subscription('Production');
const people = (...names: string[]) => names.map((n) => user(n));
const owners = (...names: string[]) => names.map((n) => assignment({ role: OWNER, principal: n, scope: subscriptionScope('Production') }));
const evaluate = (spec: TenantSpec) => check.evaluate(tenant({ subscriptions: [PROD], ...spec }).build(), azureContext());

describe('azure.subscription-owner-count', () => {
  it.each([2, 3])('passes with %i owners: one finding on the subscription citing the subscription, assignments and principals', (n) => {
    const names = ['Alice', 'Bob', 'Carol'].slice(0, n);
    const builder = tenant({ subscriptions: [PROD], assignments: owners(...names), principals: people(...names) });
    const findings = check.evaluate(builder.build(), azureContext());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'pass', resource: { id: azureSubscriptionResourceId(PROD.subscriptionId), type: 'azure:subscription', name: 'Production' } });
    expect(findings[0]?.evidence).toHaveLength(1 + 2 * n);
    expect(findings[0]?.evidence).toContain(builder.hashOf(AZURE_RBAC_KINDS.principal, azurePrincipalResourceId('User', objectId('Alice'))));
    expect(findings[0]?.reason).toContain(`has ${n} owners (user Alice (alice@acme.example)`);
  });

  it('fails with a single owner, naming them', () => {
    const [finding] = evaluate({ assignments: owners('Alice'), principals: people('Alice') });
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^The subscription Production has a single owner \(user Alice \(alice@acme\.example\)\)/);
  });

  it('fails with four owners and counts owners inherited from a management group and the root scope', () => {
    const inherited = [
      assignment({ role: OWNER, principal: 'Carol', scope: managementGroupScope('mg-prod'), appliesTo: ['Production'] }),
      assignment({ role: OWNER, principal: 'Dan', scope: ROOT_SCOPE, appliesTo: ['Production'] }),
    ];
    const [finding] = evaluate({ assignments: [...owners('Alice', 'Bob'), ...inherited], principals: people('Alice', 'Bob', 'Carol', 'Dan') });
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('has 4 owners');
    expect(finding?.reason).toContain('only 2 or 3 remain');
  });

  it('expands groups: members count as owners, each person once, nested groups not counted as people', () => {
    const team = group('Platform Owners', [user('Alice'), user('Bob'), group('Nested', null)]);
    const assignments = [
      assignment({ role: OWNER, principal: 'Platform Owners', principalType: 'Group', scope: subscriptionScope('Production') }),
      ...owners('Alice'),
    ];
    const [finding] = evaluate({ assignments, principals: [team, user('Alice')] });
    expect(finding?.status).toBe('pass');
    expect(finding?.reason).toContain('has 2 owners (user Alice (alice@acme.example) and user Bob (bob@acme.example))');
  });

  it('counts service principals, but not disabled accounts or deleted principals, and says so', () => {
    const assignments = [...owners('Alice', 'Bob'), assignment({ role: OWNER, principal: 'deploy', principalType: 'ServicePrincipal', scope: subscriptionScope('Production') }), ...owners('Ghost')];
    const [finding] = evaluate({ assignments, principals: [user('Alice'), user('Bob', { accountEnabled: false }), servicePrincipal('deploy'), deletedPrincipal('Ghost')] });
    expect(finding?.status).toBe('pass');
    expect(finding?.reason).toContain('has 2 owners (service principal deploy and user Alice (alice@acme.example))');
    expect(finding?.reason).toContain('disabled account not counted: user Bob (bob@acme.example)');
    expect(finding?.reason).toContain(`Owner assignments of deleted principals to remove: deleted user ${objectId('Ghost')}`);
  });

  it('fails a subscription whose only owner is disabled: nobody can administer it', () => {
    const [finding] = evaluate({ assignments: owners('Alice'), principals: [user('Alice', { accountEnabled: false })] });
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('has no active owner');
  });

  it('does not count Owner of a resource group, other roles, or owners of other subscriptions', () => {
    const other = subscription('Staging');
    const assignments = [
      ...owners('Alice', 'Bob'),
      assignment({ role: OWNER, principal: 'Carol', scope: resourceGroupScope('Production', 'rg-web') }),
      assignment({ role: AZURE_BUILT_IN_ROLES.contributor, principal: 'Dan', scope: subscriptionScope('Production') }),
      assignment({ role: OWNER, principal: 'Erin', scope: subscriptionScope('Staging') }),
    ];
    const findings = check.evaluate(tenant({ subscriptions: [PROD, other], assignments, principals: people('Alice', 'Bob', 'Carol', 'Dan', 'Erin') }).build(), azureContext());
    expect(findings.map((f) => [f.resource.name, f.status])).toEqual([
      ['Production', 'pass'],
      ['Staging', 'fail'],
    ]);
  });

  it('answers unknown for a subscription whose owner group was not expanded or whose owner was not looked up', () => {
    const unexpanded = evaluate({
      assignments: [...owners('Alice'), assignment({ role: OWNER, principal: 'Admins', principalType: 'Group', scope: subscriptionScope('Production') })],
      principals: [user('Alice'), group('Admins', null)],
    });
    expect(unexpanded[0]?.status).toBe('unknown');
    expect(unexpanded[0]?.reason).toContain('group Admins (its members were not expanded)');
    const missing = evaluate({ assignments: owners('Alice', 'Bob'), principals: people('Alice') });
    expect(missing[0]?.status).toBe('unknown');
    expect(missing[0]?.reason).toContain(`user ${objectId('Bob')} (not looked up in the directory)`);
  });

  it('is not_applicable for a disabled subscription and when no subscription is in scope', () => {
    const disabled = check.evaluate(tenant({ subscriptions: [subscription('Old', { state: 'Disabled' })] }).build(), azureContext());
    expect(disabled).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ name: 'Old' }) })]);
    const none = check.evaluate(tenant().build(), azureContext());
    expect(none).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
  });

  it('answers unknown on the tenant when an assignment is malformed, since any count could be wrong', () => {
    const builder = tenant({ subscriptions: [PROD], assignments: owners('Alice', 'Bob'), principals: people('Alice', 'Bob') }).add(AZURE_RBAC_KINDS.roleAssignment, '/broken', { id: 1 });
    const findings = check.evaluate(builder.build(), azureContext());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'unknown', resource: { id: TENANT_RESOURCE_ID } });
    expect(findings[0]?.reason).toContain('The role assignment evidence is malformed for /broken');
  });

  it('matches subscription ids case-insensitively', () => {
    const upper = assignment({ role: OWNER, principal: 'Alice', scope: subscriptionScope('Production') });
    const [finding] = evaluate({ assignments: [{ ...upper, subscriptionIds: [subscriptionId('Production').toUpperCase()] }, ...owners('Bob')], principals: people('Alice', 'Bob') });
    expect(finding?.status).toBe('pass');
  });

  describeUnavailableEvidence(check, () => tenant({ subscriptions: [PROD], assignments: owners('Alice', 'Bob'), principals: people('Alice', 'Bob') }), AZURE_RBAC_SETUP);
});
