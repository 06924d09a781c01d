import { AZURE_BUILT_IN_ROLES, AZURE_RBAC_KINDS, azureSubscriptionResourceId } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import {
  AZURE_RBAC_SETUP,
  BUILT_IN_ROLES,
  ROOT_SCOPE,
  TENANT_RESOURCE_ID,
  assignment,
  azureContext,
  customRole,
  managementGroupScope,
  nonProduction,
  objectId,
  production,
  resourceGroup,
  resourceGroupScope,
  subscription,
  subscriptionScope,
  tenant,
  type TenantSpec,
} from '../../src/testing/azure-rbac-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const { owner, contributor, reader, userAccessAdministrator } = AZURE_BUILT_IN_ROLES;
const PROD = subscription('Production', { classification: production() });
const DEV = subscription('Development', { classification: nonProduction('name "Development" contains "development"') });
const evaluate = (spec: TenantSpec) => check.evaluate(tenant({ subscriptions: [PROD, DEV], ...spec }).build(), azureContext());
const statusOf = (findings: ReturnType<typeof evaluate>, name: string) => findings.find((f) => f.resource.name === name)?.status;

describe('azure.environment-separation', () => {
  it('passes separate subscriptions whose writers differ; readers on both sides do not count', () => {
    const findings = evaluate({
      assignments: [
        assignment({ role: contributor, principal: 'prod-deployer', principalType: 'ServicePrincipal', scope: subscriptionScope('Production') }),
        assignment({ role: contributor, principal: 'Devs', principalType: 'Group', scope: subscriptionScope('Development') }),
        assignment({ role: reader, principal: 'Devs', principalType: 'Group', scope: subscriptionScope('Production') }),
      ],
    });
    expect(findings.map((f) => [f.resource.name, f.status])).toEqual([
      ['Production', 'pass'],
      ['Development', 'pass'],
    ]);
    expect(findings[0]?.resource).toEqual({ id: azureSubscriptionResourceId(PROD.subscriptionId), type: 'azure:subscription', name: 'Production' });
    expect(findings[0]?.reason).toContain('shares no principal with write access');
  });

  it('fails the production subscription for a principal that can change both, naming it and where else it writes, citing the assignments', () => {
    const prodWrite = assignment({ role: contributor, principal: 'deployer', principalType: 'ServicePrincipal', scope: subscriptionScope('Production') });
    const devWrite = assignment({ role: owner, principal: 'deployer', principalType: 'ServicePrincipal', scope: resourceGroupScope('Development', 'rg-app') });
    const builder = tenant({ subscriptions: [PROD, DEV], assignments: [prodWrite, devWrite] });
    const findings = check.evaluate(builder.build(), azureContext());
    expect(findings.map((f) => f.status)).toEqual(['fail', 'pass']);
    expect(findings[0]?.reason).toBe(
      `The production subscription Production (the subscription itself (tag environment=production)) can be changed by 1 principal that can also change non-production: service principal ${objectId('deployer')} (also Development). Give production changes to separate identities and remove these principals' write roles on one side.`,
    );
    expect(findings[0]?.evidence).toEqual(
      expect.arrayContaining([builder.hashOf(AZURE_RBAC_KINDS.roleAssignment, prodWrite.id.toLowerCase()), builder.hashOf(AZURE_RBAC_KINDS.roleAssignment, devWrite.id.toLowerCase())]),
    );
  });

  it('counts write access inherited from the root or a management group, and custom roles with write actions', () => {
    const operator = customRole('Restarter', { permissions: [{ actions: ['Microsoft.Compute/virtualMachines/restart/action'], notActions: [], dataActions: [], notDataActions: [] }] });
    const inherited = evaluate({
      assignments: [assignment({ role: userAccessAdministrator, principal: 'breakglass', scope: ROOT_SCOPE, appliesTo: ['Production', 'Development'] })],
    });
    expect(statusOf(inherited, 'Production')).toBe('fail');
    const custom = evaluate({
      roleDefinitions: [...BUILT_IN_ROLES, operator],
      assignments: [
        assignment({ role: operator.id, principal: 'ops', principalType: 'Group', scope: managementGroupScope('mg-all'), appliesTo: ['Production'] }),
        assignment({ role: contributor, principal: 'ops', principalType: 'Group', scope: subscriptionScope('Development') }),
      ],
    });
    expect(statusOf(custom, 'Production')).toBe('fail');
  });

  it('fails a subscription that holds production and non-production resource groups, naming both sides', () => {
    const shared = subscription('Shared');
    const findings = check.evaluate(
      tenant({
        subscriptions: [shared],
        resourceGroups: [
          resourceGroup('Shared', 'rg-dns', { classification: production('tag env=prod') }),
          resourceGroup('Shared', 'rg-test-tools', { classification: nonProduction('tag env=test') }),
          resourceGroup('Shared', 'rg-misc'),
        ],
      }).build(),
      azureContext(),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.status).toBe('fail');
    expect(findings[0]?.reason).toContain('holds production (resource group rg-dns (tag env=prod)) and non-production (resource group rg-test-tools (tag env=test)) together');
  });

  it('treats a production subscription with a dev-tagged resource group as mixed', () => {
    const findings = evaluate({ resourceGroups: [resourceGroup('Production', 'rg-sandbox', { classification: nonProduction() })] });
    expect(statusOf(findings, 'Production')).toBe('fail');
  });

  it('is not_applicable for subscriptions nothing identifies, and for disabled ones', () => {
    const findings = check.evaluate(tenant({ subscriptions: [subscription('Misc'), subscription('Old', { state: 'Disabled', classification: production() })] }).build(), azureContext());
    expect(findings.map((f) => [f.resource.name, f.status])).toEqual([
      ['Misc', 'not_applicable'],
      ['Old', 'not_applicable'],
    ]);
    expect(findings[0]?.reason).toContain('tag them (e.g. environment=production)');
  });

  it('answers unknown when write access on one side rests on a role definition that was not collected', () => {
    const findings = evaluate({
      assignments: [
        assignment({ role: contributor, principal: 'x', scope: subscriptionScope('Production') }),
        assignment({ role: '11111111-2222-4333-8444-555555555555', principal: 'x', scope: subscriptionScope('Development') }),
      ],
    });
    expect(statusOf(findings, 'Production')).toBe('unknown');
    expect(findings[0]?.reason).toContain('11111111-2222-4333-8444-555555555555');
  });

  it('is not_applicable on the tenant without subscriptions, and unknown on it for malformed evidence', () => {
    expect(check.evaluate(tenant().build(), azureContext())).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
    const broken = check.evaluate(tenant({ subscriptions: [PROD] }).add(AZURE_RBAC_KINDS.resourceGroup, '/x', { name: 3 }).build(), azureContext());
    expect(broken).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
  });

  describeUnavailableEvidence(check, () => tenant({ subscriptions: [PROD, DEV], assignments: [assignment({ role: contributor, principal: 'a', scope: subscriptionScope('Production') })] }), AZURE_RBAC_SETUP);
});
