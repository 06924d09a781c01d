import {
  AZURE_BUILT_IN_ROLES,
  AZURE_RBAC_KINDS,
  azurePrincipalSchema,
  azureResourceGroupSchema,
  azureRoleAssignmentSchema,
  azureRoleDefinitionSchema,
  azureSubscriptionSchema,
} from '@astrolabe/core';
import { GENERATED_CREDENTIALS, generateAzureScenario, loadAzureDemoScenario, startAzureEmulator, type AzureEmulator, type AzureEmulatorOptions, type AzureScenario } from '@astrolabe/emulator-azure';
// The package index is the emulator's other half; the ARM generator is exported from its own module until it joins it.
import { withGeneratedArm } from '@astrolabe/emulator-azure/src/arm/arm-scenario-generator';
import { runCollection, type CollectionResult } from '@astrolabe/evidence';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { azureRbacConnector } from './index';

/** The demo tenant's app for this connector: Reader on the root scope, Directory.Read.All in Graph. */
const READER = { clientId: 'c7e2a9d4-3b1f-4a6e-8d25-9f0b7c1e4a38', clientSecret: 'acme-demo-azure-rbac-secret-not-a-real-one' };
/** The entra-id connector's narrower app: no Directory.Read.All (given Reader on the root in the tests that use it). */
const BASIC = { clientId: '9a7e4c21-5b3d-4f60-8e2a-61c0f9d3b845', clientSecret: 'acme-demo-basic-secret-not-a-real-one', displayName: 'Astrolabe collector (basic)' };
/** Relative scenario dates resolve against this, so two emulators serve the same tenant byte for byte. */
const NOW = new Date('2026-06-01T12:00:00Z');
const SUB = {
  prod: '6f3c2b1a-9d8e-4f7a-b6c5-1e2d3c4b5a01',
  staging: '6f3c2b1a-9d8e-4f7a-b6c5-1e2d3c4b5a02',
  dev: '6f3c2b1a-9d8e-4f7a-b6c5-1e2d3c4b5a03',
  shared: '6f3c2b1a-9d8e-4f7a-b6c5-1e2d3c4b5a04',
  legacy: '6f3c2b1a-9d8e-4f7a-b6c5-1e2d3c4b5a05',
};

let emulator: AzureEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

/** The demo scenario, changed by `edit` (a deep copy: the loaded scenario is shared). */
function demo(edit: (s: AzureScenario) => void = () => undefined): AzureScenario {
  const s = structuredClone(loadAzureDemoScenario());
  edit(s);
  return s;
}

async function start(options: Partial<AzureEmulatorOptions> = {}): Promise<AzureEmulator> {
  emulator = await startAzureEmulator({ scenario: demo(), now: NOW, ...options });
  return emulator;
}

function collect(emu: AzureEmulator, opts: { secret?: Record<string, unknown>; config?: Record<string, unknown> } = {}): Promise<CollectionResult> {
  return runCollection({
    connector: azureRbacConnector,
    config: azureRbacConnector.configSchema.parse({
      tenantId: emu.tenantId,
      authorityHost: emu.authorityHost,
      armEndpoint: emu.armUrl,
      graphBaseUrl: emu.graphUrl,
      caCertificates: emu.caCertificatePem,
      ...opts.config,
    }),
    secret: azureRbacConnector.secretSchema.parse(opts.secret ?? READER),
  });
}

const dataOf = <S extends z.ZodType>(r: CollectionResult, kind: string, schema: S): z.infer<S>[] => r.items.filter((i) => i.kind === kind).map((i) => schema.parse(i.data));
const hashes = (r: CollectionResult) => r.items.map((i) => `${i.kind} ${i.resourceId} ${i.hash}`).sort();

describe('azure-rbac connector against the emulator (HTTPS, real SDK clients)', () => {
  it('collects every kind of the demo tenant in the evidence contract, with one list call per scope', async () => {
    const emu = await start();
    const r = await collect(emu);
    expect(r.state).toBe('succeeded');
    expect(r.scope).toEqual({ id: `/tenants/${emu.tenantId}`, type: 'azure:tenant', name: 'Acme Corp (acmecorp.onmicrosoft.com)' });

    const subs = dataOf(r, AZURE_RBAC_KINDS.subscription, azureSubscriptionSchema);
    expect(subs.map((s) => [s.displayName, s.state, s.classification.environment]).sort()).toEqual([
      ['acme-dev', 'Enabled', 'non-production'],
      ['acme-legacy', 'Disabled', 'production'],
      ['acme-prod', 'Enabled', 'production'],
      ['acme-shared-services', 'Enabled', null],
      ['acme-staging', 'Enabled', 'non-production'],
    ]);
    expect(subs.find((s) => s.displayName === 'acme-dev')?.classification.basis).toBe('name "acme-dev" contains "dev"');
    const groups = dataOf(r, AZURE_RBAC_KINDS.resourceGroup, azureResourceGroupSchema);
    expect(groups).toHaveLength(10);
    expect(groups.filter((g) => g.subscriptionId === SUB.shared).map((g) => [g.name, g.classification.environment])).toEqual([
      ['rg-dns', 'production'],
      ['rg-test-tools', 'non-production'],
    ]);

    const assignments = dataOf(r, AZURE_RBAC_KINDS.roleAssignment, azureRoleAssignmentSchema);
    expect(assignments).toHaveLength(25);
    // Inherited assignments apply where ARM listed them: the root to every subscription, a management group to those below it.
    const breakGlass = assignments.find((a) => a.scope === '/' && a.roleDefinitionId === AZURE_BUILT_IN_ROLES.userAccessAdministrator);
    expect(breakGlass).toMatchObject({ scopeLevel: 'root', principalType: 'User', condition: null, subscriptionIds: Object.values(SUB).sort() });
    const tier0 = assignments.find((a) => a.scope.endsWith('/managementGroups/acme-production'));
    expect(tier0).toMatchObject({ scopeLevel: 'management-group', principalType: 'Group', roleDefinitionId: AZURE_BUILT_IN_ROLES.owner, subscriptionIds: [SUB.prod] });
    expect(assignments.find((a) => a.scopeLevel === 'resource-group' && a.principalType === 'Group')).toMatchObject({ subscriptionIds: [SUB.prod] });
    expect(assignments.filter((a) => a.condition !== null)).toHaveLength(1);

    const definitions = dataOf(r, AZURE_RBAC_KINDS.roleDefinition, azureRoleDefinitionSchema);
    expect(definitions.map((d) => [d.roleName, d.roleType]).sort()).toEqual([
      ['Acme Subscription Admin', 'CustomRole'],
      ['Acme VM Operator', 'CustomRole'],
      ['Contributor', 'BuiltInRole'],
      ['Owner', 'BuiltInRole'],
      ['Reader', 'BuiltInRole'],
      ['User Access Administrator', 'BuiltInRole'],
    ]);

    const principals = dataOf(r, AZURE_RBAC_KINDS.principal, azurePrincipalSchema);
    expect(principals).toHaveLength(new Set(assignments.map((a) => a.principalId)).size);
    expect(principals.find((p) => p.userPrincipalName === 'ethan.wilson@acmecorp.onmicrosoft.com')).toMatchObject({ type: 'User', accountEnabled: false, members: null });
    expect(principals.find((p) => p.id === '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a')).toMatchObject({ type: 'Unknown', displayName: null });
    expect(principals.find((p) => p.displayName === 'Terraform Deployer')).toMatchObject({ type: 'ServicePrincipal', accountEnabled: true });
    // Groups holding Owner on a subscription or above are expanded (nested groups included); others are not.
    const platform = principals.find((p) => p.displayName === 'Platform Team');
    expect(platform?.members?.map((m) => [m.userPrincipalName, m.accountEnabled]).sort()).toEqual([
      ['daniel.lopez@acmecorp.onmicrosoft.com', true],
      ['felix.wagner@acmecorp.onmicrosoft.com', true],
      ['olivia.brown@acmecorp.onmicrosoft.com', false],
    ]);
    expect(principals.find((p) => p.displayName === 'Engineering')?.members).toBeNull();

    // ARM: one subscription list, three lists per subscription, one built-in role list; Graph: one lookup, one expansion per owner group.
    const s = emu.summary();
    expect(s.byRoute).toMatchObject({
      'GET /subscriptions': 1,
      'GET /subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleAssignments': 5,
      'GET /subscriptions/{subscriptionId}/resourcegroups': 5,
      'GET /subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions': 6,
      'POST /v1.0/directoryObjects/getByIds': 1,
      'GET /v1.0/groups/{id}/transitiveMembers': 2,
    });
    expect(emu.calls().every((c) => !c.path.startsWith('//'))).toBe(true);
    expect(r.usage).toMatchObject({ armRequests: 18, graphRequests: 3, armThrottled: 0 });
  });

  it('honours Retry-After on 429: waits, retries, and collects everything', async () => {
    const emu = await start({ faults: { throttleFirst: 2, throttleOn: ['GET /subscriptions'], retryAfterSeconds: 1 } });
    const started = Date.now();
    const r = await collect(emu);
    expect(r.state).toBe('succeeded');
    expect(emu.calls().filter((c) => c.route === 'GET /subscriptions').map((c) => c.status)).toEqual([429, 429, 200]);
    // Two waits of the one second Azure asked for, one after the other.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(r.usage).toMatchObject({ armThrottled: 2 });
  });

  it('rides out transient 503s, and a Retry-After beyond two minutes fails only that kind', async () => {
    const emu = await start({ faults: { serverErrorFirst: 2, retryAfterSeconds: 0 } });
    expect((await collect(emu)).state).toBe('succeeded');
    emu.setFaults({ throttleFirst: 1, throttleOn: ['POST /v1.0/directoryObjects/getByIds'], retryAfterSeconds: 600 });
    const started = Date.now();
    const r = await collect(emu);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.state).toBe('partial');
    expect(r.outcomes[AZURE_RBAC_KINDS.principal]).toMatchObject({ status: 'failed', error: { code: 'throttled' } });
    expect(r.outcomes[AZURE_RBAC_KINDS.roleAssignment]?.status).toBe('succeeded');
  }, 30_000);

  it('a missing Azure permission fails only the kinds that need it, naming the action and the scope', async () => {
    const emu = await start({
      scenario: demo((s) => {
        const arm = s.arm;
        if (!arm) throw new Error('the demo scenario has no arm section');
        arm.customRoles.push({
          roleName: 'Subscription Lister',
          description: '',
          created: '-1d',
          permissions: [{ actions: ['Microsoft.Resources/subscriptions/read', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Authorization/roleDefinitions/read'], notActions: [], dataActions: [], notDataActions: [] }],
          assignableScopes: ['/'],
        });
        const reader = arm.roleAssignments.find((a) => a.servicePrincipal === 'Astrolabe Azure RBAC reader');
        if (reader) reader.role = 'Subscription Lister';
      }),
    });
    const r = await collect(emu);
    expect(r.state).toBe('partial');
    const denied = r.outcomes[AZURE_RBAC_KINDS.roleAssignment];
    expect(denied).toMatchObject({ status: 'failed', error: { code: 'access_denied', missingPermission: expect.stringMatching(/^Microsoft\.Authorization\/roleAssignments\/read on \/subscriptions\/[0-9a-f-]{36}$/) } });
    expect(denied?.error?.message).toMatch(/^role assignments of \/subscriptions\/[0-9a-f-]{36}: access denied \(AuthorizationFailed\): The client '/);
    // The principals are those holding roles: unknown with them. The rest is collected.
    expect(r.outcomes[AZURE_RBAC_KINDS.principal]).toMatchObject({ status: 'failed', error: { code: 'access_denied' } });
    for (const kind of [AZURE_RBAC_KINDS.subscription, AZURE_RBAC_KINDS.resourceGroup, AZURE_RBAC_KINDS.roleDefinition]) expect(r.outcomes[kind]?.status).toBe('succeeded');
    // A kind that failed is not read again for the next subscriptions.
    expect(emu.summary().byRoute['GET /subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleAssignments']).toBeLessThanOrEqual(4);
  });

  it('without Directory.Read.All only the principal kind fails, naming the Graph permission', async () => {
    const emu = await start({
      scenario: demo((s) => s.arm?.roleAssignments.push({ role: 'Reader', servicePrincipal: BASIC.displayName, scope: '/', created: '-1d' })),
    });
    const r = await collect(emu, { secret: { clientId: BASIC.clientId, clientSecret: BASIC.clientSecret } });
    expect(r.state).toBe('partial');
    expect(r.outcomes[AZURE_RBAC_KINDS.principal]).toMatchObject({
      status: 'failed',
      error: { code: 'access_denied', missingPermission: 'Microsoft Graph Directory.Read.All (application permission)', message: expect.stringContaining('Authorization_RequestDenied') },
    });
    expect(r.outcomes[AZURE_RBAC_KINDS.roleAssignment]?.status).toBe('succeeded');
  });

  it('follows nextLink paging everywhere and builds the same evidence, run after run', async () => {
    // ARM resolves relative scenario dates (createdOn) on the emulator's clock: hold it still.
    const clock = () => NOW.getTime();
    const emu = await start({ clock });
    const unpaged = await collect(emu);
    await emu.stop();
    emulator = await startAzureEmulator({ scenario: demo((s) => s.arm && (s.arm.pageSize = 2)), now: NOW, clock });
    const paged = await collect(emulator);
    expect(paged.state).toBe('succeeded');
    expect(hashes(paged)).toEqual(hashes(unpaged));
    expect(emulator.calls().filter((c) => Object.keys(c.query).some((k) => k.toLowerCase() === '$skiptoken')).length).toBeGreaterThan(10);
    expect(hashes(await collect(emulator))).toEqual(hashes(paged));
  });

  it('reads a larger estate (60 subscriptions, paged lists) with three ARM calls per subscription plus a few', async () => {
    const scenario = withGeneratedArm(generateAzureScenario({ users: 400, groups: 30, seed: 5 }), { subscriptions: 60, assignmentsPerSubscription: 25, seed: 5, pageSize: 50 });
    const emu = await start({ scenario });
    const r = await collect(emu, { secret: { clientId: GENERATED_CREDENTIALS.clientId, clientSecret: GENERATED_CREDENTIALS.clientSecret } });
    expect(r.state).toBe('succeeded');
    expect(r.outcomes[AZURE_RBAC_KINDS.subscription]?.items).toBe(60);
    expect(r.outcomes[AZURE_RBAC_KINDS.roleAssignment]?.items).toBeGreaterThan(1000);
    const s = emu.summary();
    expect(s.byRoute['GET /subscriptions/{subscriptionId}/resourcegroups']).toBe(60);
    expect(s.byRoute['POST /v1.0/directoryObjects/getByIds']).toBe(1);
    // Every page was asked for once: no page requested twice.
    const pages = emu.calls().filter((c) => c.api === 'arm').map((c) => `${c.path}?${JSON.stringify(c.query)}`);
    expect(new Set(pages).size).toBe(pages.length);
  }, 60_000);

  it('narrows to subscriptionIds; a configured subscription out of sight fails the subscription kind only', async () => {
    const emu = await start();
    const one = await collect(emu, { config: { subscriptionIds: [SUB.prod] } });
    expect(one.state).toBe('succeeded');
    expect(dataOf(one, AZURE_RBAC_KINDS.subscription, azureSubscriptionSchema).map((s) => s.displayName)).toEqual(['acme-prod']);
    const missing = '12345678-1234-4234-8234-123456789012';
    const partly = await collect(emu, { config: { subscriptionIds: `${SUB.prod}, ${missing}` } });
    expect(partly.outcomes[AZURE_RBAC_KINDS.subscription]).toMatchObject({ status: 'failed', error: { code: 'access_denied', missingPermission: `Microsoft.Resources/subscriptions/read on /subscriptions/${missing}` } });
    expect(partly.outcomes[AZURE_RBAC_KINDS.roleAssignment]?.status).toBe('succeeded');
    const none = await collect(emu, { config: { subscriptionIds: [missing] } });
    expect(none).toMatchObject({ state: 'failed', error: { code: 'no_subscriptions' } });
  });

  it('reads configured management groups at their own scope', async () => {
    const emu = await start();
    const r = await collect(emu, { config: { subscriptionIds: [SUB.dev], managementGroupIds: ['acme-production'] } });
    expect(r.state).toBe('succeeded');
    const tier0 = dataOf(r, AZURE_RBAC_KINDS.roleAssignment, azureRoleAssignmentSchema).find((a) => a.scope.endsWith('/managementGroups/acme-production'));
    // Read at the group, but no subscription in scope sits below it.
    expect(tier0).toMatchObject({ scopeLevel: 'management-group', subscriptionIds: [] });
    expect(emu.calls().some((c) => c.path === '/providers/Microsoft.Management/managementGroups/acme-production/providers/Microsoft.Authorization/roleAssignments' && c.query.$filter === 'atScope()')).toBe(true);
  });

  it('a page that does not parse fails only the kinds it feeds', async () => {
    const emu = await start({ faults: { malformed: ['GET /subscriptions/{subscriptionId}/resourcegroups'] } });
    const r = await collect(emu);
    expect(r.state).toBe('partial');
    expect(r.outcomes[AZURE_RBAC_KINDS.resourceGroup]).toMatchObject({ status: 'failed', error: { code: 'malformed_response' } });
    expect(r.outcomes[AZURE_RBAC_KINDS.roleAssignment]?.status).toBe('succeeded');
  });

  it('bad credentials, an unknown tenant or an untrusted endpoint fail the run with the cause, never findings', async () => {
    const emu = await start();
    const bad = await collect(emu, { secret: { clientId: READER.clientId, clientSecret: 'wrong-secret' } });
    expect(bad).toMatchObject({ state: 'failed', items: [], error: { code: 'credentials_invalid', message: expect.stringContaining('AADSTS7000215') } });
    expect(bad.error?.message).not.toMatch(/\n|wrong-secret/);
    const tenant = await collect(emu, { config: { tenantId: '99999999-9999-4999-8999-999999999999' } });
    expect(tenant).toMatchObject({ state: 'failed', error: { code: 'tenant_not_found', message: expect.stringContaining('AADSTS90002') } });
    const untrusted = await collect(emu, { config: { caCertificates: undefined } });
    expect(untrusted).toMatchObject({ state: 'failed', error: { code: 'endpoint_untrusted' } });
    const noTenant = await collect(emu, { config: { tenantId: undefined } });
    expect(noTenant).toMatchObject({ state: 'failed', error: { code: 'config_invalid' } });
  });

  it('without a secret, DefaultAzureCredential takes the service principal from the environment', async () => {
    const emu = await start();
    const saved = { ...process.env };
    Object.assign(process.env, { AZURE_TENANT_ID: emu.tenantId, AZURE_CLIENT_ID: READER.clientId, AZURE_CLIENT_SECRET: READER.clientSecret });
    try {
      const r = await collect(emu, { secret: {} });
      expect(r.state).toBe('succeeded');
      expect(emu.calls().filter((c) => c.api === 'identity' && c.route.startsWith('POST')).map((c) => c.clientId)).toEqual([READER.clientId]);
    } finally {
      for (const key of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('validates a connection: one cheap read per permission, naming what is missing', async () => {
    const emu = await start({
      scenario: demo((s) => s.arm?.roleAssignments.push({ role: 'Reader', servicePrincipal: BASIC.displayName, scope: '/', created: '-1d' })),
    });
    const params = (secret: Record<string, unknown>) => ({
      config: azureRbacConnector.configSchema.parse({ tenantId: emu.tenantId, authorityHost: emu.authorityHost, armEndpoint: emu.armUrl, graphBaseUrl: emu.graphUrl, caCertificates: emu.caCertificatePem }),
      secret: azureRbacConnector.secretSchema.parse(secret),
      signal: new AbortController().signal,
    });
    const ok = await azureRbacConnector.validate(params(READER));
    expect(ok.ok).toBe(true);
    expect(ok.scope).toEqual({ id: `/tenants/${emu.tenantId}`, type: 'azure:tenant', name: 'Acme Corp (acmecorp.onmicrosoft.com)' });
    expect(ok.steps.map((s) => s.name)).toEqual([
      'List subscriptions (Microsoft.Resources/subscriptions/read)',
      'Read role assignments (Microsoft.Authorization/roleAssignments/read)',
      'Read role definitions (Microsoft.Authorization/roleDefinitions/read)',
      'Read resource groups (Microsoft.Resources/subscriptions/resourceGroups/read)',
      'Look up principals in Microsoft Entra ID (Microsoft Graph Directory.Read.All (application permission))',
    ]);
    const basic = await azureRbacConnector.validate(params({ clientId: BASIC.clientId, clientSecret: BASIC.clientSecret }));
    expect(basic.ok).toBe(false);
    expect(basic.steps.filter((s) => !s.ok)).toEqual([expect.objectContaining({ name: expect.stringContaining('Look up principals'), missingPermission: 'Microsoft Graph Directory.Read.All (application permission)' })]);
    const bad = await azureRbacConnector.validate(params({ clientId: READER.clientId, clientSecret: 'nope-nope' }));
    expect(bad).toMatchObject({ ok: false, steps: [{ ok: false, message: expect.stringContaining('AADSTS7000215') }] });
  });
});
