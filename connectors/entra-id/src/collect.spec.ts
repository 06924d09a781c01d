import {
  ENTRA_KINDS,
  entraConditionalAccessPolicySchema,
  entraDirectoryRoleAssignmentSchema,
  entraMfaRegistrationSchema,
  entraSecurityDefaultsSchema,
  entraUserSchema,
  entraUserSignInActivitySchema,
} from '@astrolabe/core';
import {
  GENERATED_CREDENTIALS,
  generateAzureScenario,
  loadAzureDemoScenario,
  startAzureEmulator,
  type AzureEmulator,
  type AzureEmulatorOptions,
  type AzureScenario,
} from '@astrolabe/emulator-azure';
import { runCollection, type CollectionResult } from '@astrolabe/evidence';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { entraIdConnector } from './index';

/** The demo scenario's app without AuditLog.Read.All and Policy.Read.All. */
const BASIC_APP = { clientId: '9a7e4c21-5b3d-4f60-8e2a-61c0f9d3b845', clientSecret: 'acme-demo-basic-secret-not-a-real-one' };

let emulator: AzureEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function start(options: Partial<AzureEmulatorOptions> = {}): Promise<AzureEmulator> {
  emulator = await startAzureEmulator({ scenario: loadAzureDemoScenario(), ...options });
  return emulator;
}

function demoWith(tenant: Partial<AzureScenario['tenant']>): AzureScenario {
  const demo = loadAzureDemoScenario();
  return { ...demo, tenant: { ...demo.tenant, ...tenant } };
}

/** The connection as a user would configure it for the emulator: its authority, Graph root and CA. */
function configFor(emu: AzureEmulator, overrides: Record<string, unknown> = {}) {
  return entraIdConnector.configSchema.parse({ tenantId: emu.tenantId, authorityHost: emu.url, graphBaseUrl: emu.url, caCertificates: emu.caCertificatePem, ...overrides });
}

function collect(emu: AzureEmulator, opts: { secret?: Record<string, unknown>; config?: Record<string, unknown> } = {}): Promise<CollectionResult> {
  return runCollection({
    connector: entraIdConnector,
    config: configFor(emu, opts.config),
    secret: entraIdConnector.secretSchema.parse(opts.secret ?? { clientId: emu.clientId, clientSecret: emu.clientSecret }),
  });
}

const dataOf = <S extends z.ZodType>(r: CollectionResult, kind: string, schema: S): z.infer<S>[] => r.items.filter((i) => i.kind === kind).map((i) => schema.parse(i.data));
const graphCalls = (emu: AzureEmulator) => emu.calls().filter((c) => c.api === 'graph');

describe('entra-id connector against the emulator', () => {
  it('collects every kind of the demo tenant over HTTPS, in the evidence contract', async () => {
    const emu = await start();
    const r = await collect(emu);
    expect(r.state).toBe('succeeded');
    expect(r.scope).toEqual({ id: `entra-id:tenant/${emu.tenantId}`, type: 'entra-id:tenant', name: 'Acme Corp' });

    const users = dataOf(r, ENTRA_KINDS.user, entraUserSchema);
    expect(users).toHaveLength(42);
    expect(users.filter((u) => u.userType === 'Guest')).toHaveLength(6);
    expect(users.filter((u) => !u.accountEnabled)).toHaveLength(4);
    expect(users.find((u) => u.userPrincipalName.startsWith('pending.invite'))?.externalUserState).toBe('PendingAcceptance');

    const signIns = dataOf(r, ENTRA_KINDS.userSignInActivity, entraUserSignInActivitySchema);
    expect(signIns).toHaveLength(42);
    const isla = users.find((u) => u.userPrincipalName.startsWith('isla.king'));
    expect(signIns.find((s) => s.userId === isla?.id)).toEqual({ userId: isla?.id, lastSignInDateTime: null, lastNonInteractiveSignInDateTime: null, lastSuccessfulSignInDateTime: null });

    const registration = dataOf(r, ENTRA_KINDS.mfaRegistration, entraMfaRegistrationSchema);
    expect(registration).toHaveLength(42);
    expect(registration.find((x) => x.userPrincipalName.startsWith('tom.becker'))).toMatchObject({ isMfaRegistered: true, isMfaCapable: false, isAdmin: true, userType: 'member' });

    const assignments = dataOf(r, ENTRA_KINDS.directoryRoleAssignment, entraDirectoryRoleAssignmentSchema);
    const globalAdmins = assignments.filter((a) => a.roleDisplayName === 'Global Administrator');
    expect(globalAdmins.map((a) => a.principal.type).sort()).toEqual(['group', 'user', 'user']);
    expect(globalAdmins.find((a) => a.principal.type === 'group')).toMatchObject({
      roleTemplateId: '62e90394-69f5-4237-9190-012177145e10',
      directoryScopeId: '/',
      principal: { displayName: 'Tier 0 Administrators', userPrincipalName: null },
      groupMembers: [{ userPrincipalName: 'lee.chen@acmecorp.onmicrosoft.com', displayName: 'Lee Chen' }],
    });
    expect(assignments.filter((a) => a.principal.type === 'servicePrincipal').map((a) => a.principal.displayName).sort()).toEqual(['HR Sync', 'Terraform Deployer']);
    expect(assignments.filter((a) => a.principal.type !== 'group').every((a) => a.groupMembers === null)).toBe(true);

    const policies = dataOf(r, ENTRA_KINDS.conditionalAccessPolicy, entraConditionalAccessPolicySchema);
    expect(policies.map((p) => p.state)).toEqual(['enabled', 'enabledForReportingButNotEnforced', 'enabled', 'enabled']);
    expect(policies[3]).toMatchObject({ applications: { includeApplications: ['MicrosoftAdminPortals'] }, grantControls: { authenticationStrength: { displayName: 'Multifactor authentication' } } });
    expect(dataOf(r, ENTRA_KINDS.securityDefaults, entraSecurityDefaultsSchema)).toEqual([{ isEnabled: false }]);

    // One token (after MSAL read the OpenID document), then Graph with $select on every list.
    expect(emu.calls().filter((c) => c.api === 'identity').map((c) => c.route)).toEqual(['GET /{tenant}/v2.0/.well-known/openid-configuration', 'POST /{tenant}/oauth2/v2.0/token']);
    expect(graphCalls(emu).every((c) => c.clientId === emu.clientId && c.status === 200)).toBe(true);
    expect(graphCalls(emu).every((c) => '$select' in c.query)).toBe(true);
    // Only the three role-holding groups are expanded.
    expect(emu.summary().byRoute['GET /v1.0/groups/{id}/transitiveMembers']).toBe(3);
    expect(r.usage).toMatchObject({ requests: 12, graphRequests: 10, identityRequests: 2, graphThrottled: 0, 'graph GET /users': 1 });
  });

  it('follows @odata.nextLink through a larger tenant: every page once, 500 users per page with sign-in activity', async () => {
    const emu = await start({ scenario: generateAzureScenario({ users: 2600, groups: 120, seed: 11 }) });
    const r = await collect(emu, { secret: { clientId: GENERATED_CREDENTIALS.clientId, clientSecret: GENERATED_CREDENTIALS.clientSecret } });
    expect(r.state).toBe('succeeded');
    expect(r.items.filter((i) => i.kind === ENTRA_KINDS.user)).toHaveLength(2600);
    expect(r.items.filter((i) => i.kind === ENTRA_KINDS.userSignInActivity)).toHaveLength(2600);
    expect(r.items.filter((i) => i.kind === ENTRA_KINDS.mfaRegistration)).toHaveLength(2600);
    const byRoute = emu.summary().byRoute;
    expect(byRoute['GET /v1.0/users']).toBe(6);
    expect(byRoute['GET /v1.0/reports/authenticationMethods/userRegistrationDetails']).toBe(3);
    // Five role-assignable groups hold roles; the 115 others are never read.
    expect(byRoute['GET /v1.0/groups/{id}/transitiveMembers']).toBe(5);
    const pages = graphCalls(emu).map((c) => `${c.path}?${JSON.stringify(c.query)}`);
    expect(new Set(pages).size).toBe(pages.length);
    expect(graphCalls(emu).filter((c) => c.path === '/v1.0/users').every((c) => c.query.$top === '999')).toBe(true);
  });

  it('honours Retry-After on 429s and still collects everything', async () => {
    const emu = await start({ faults: { throttleFirst: 2, retryAfterSeconds: 1, throttleOn: ['GET /v1.0/users'] } });
    const r = await collect(emu);
    expect(r.state).toBe('succeeded');
    const users = graphCalls(emu).filter((c) => c.route === 'GET /v1.0/users');
    expect(users.map((c) => c.status)).toEqual([429, 429, 200]);
    // The retries waited what the 429 asked for.
    expect((users[1]?.startedAt ?? 0) - (users[0]?.startedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect((users[2]?.startedAt ?? 0) - (users[1]?.startedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect(r.usage).toMatchObject({ graphThrottled: 2, 'graph GET /users': 3 });
  }, 30_000);

  it('a missing Graph permission makes only the kinds behind it unavailable, naming the permission', async () => {
    const emu = await start();
    const r = await collect(emu, { secret: BASIC_APP });
    expect(r.state).toBe('partial');
    expect(r.outcomes[ENTRA_KINDS.userSignInActivity]).toMatchObject({ status: 'failed', error: { code: 'access_denied', missingPermission: 'AuditLog.Read.All' } });
    expect(r.outcomes[ENTRA_KINDS.mfaRegistration]).toMatchObject({ status: 'failed', error: { code: 'access_denied', missingPermission: 'AuditLog.Read.All', message: expect.stringContaining('Authentication_MSGraphPermissionMissing') } });
    expect(r.outcomes[ENTRA_KINDS.conditionalAccessPolicy]).toMatchObject({ status: 'failed', error: { code: 'access_denied', missingPermission: 'Policy.Read.All' } });
    expect(r.outcomes[ENTRA_KINDS.securityDefaults]).toMatchObject({ status: 'failed', error: { missingPermission: 'Policy.Read.All' } });
    expect(r.outcomes[ENTRA_KINDS.user]).toEqual({ status: 'succeeded', items: 42 });
    expect(r.outcomes[ENTRA_KINDS.directoryRoleAssignment]).toEqual({ status: 'succeeded', items: 9 });
  });

  it('a tenant without an Entra ID P1/P2 licence: sign-in activity and MFA registration unavailable with that cause, the rest collected', async () => {
    const emu = await start({ scenario: demoWith({ licence: 'free' }) });
    const r = await collect(emu);
    expect(r.state).toBe('partial');
    for (const kind of [ENTRA_KINDS.userSignInActivity, ENTRA_KINDS.mfaRegistration]) {
      expect(r.outcomes[kind]).toMatchObject({ status: 'failed', error: { code: 'licence_required', message: expect.stringContaining('Microsoft Entra ID P1 or P2') } });
      expect(r.outcomes[kind]?.error?.missingPermission).toBeUndefined();
    }
    expect(r.outcomes[ENTRA_KINDS.userSignInActivity]?.error?.message).toContain('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    for (const kind of [ENTRA_KINDS.user, ENTRA_KINDS.directoryRoleAssignment, ENTRA_KINDS.conditionalAccessPolicy, ENTRA_KINDS.securityDefaults]) expect(r.outcomes[kind]?.status).toBe('succeeded');
    expect(r.items.filter((i) => i.kind === ENTRA_KINDS.user)).toHaveLength(42);
  });

  it('sign-in activity missing for every user is reported as unavailable, never as "nobody signed in"', async () => {
    const emu = await start({ faults: { withholdSignInActivity: true } });
    const r = await collect(emu);
    expect(r.state).toBe('partial');
    expect(r.outcomes[ENTRA_KINDS.userSignInActivity]).toMatchObject({ status: 'failed', error: { code: 'sign_in_activity_unavailable', message: expect.stringContaining('no sign-in activity for any of the 42 users') } });
    expect(r.outcomes[ENTRA_KINDS.user]?.status).toBe('succeeded');
  });

  it('a malformed page or a persistent 503 fails only the kind that read it', async () => {
    const emu = await start({ faults: { malformed: ['GET /v1.0/reports/authenticationMethods/userRegistrationDetails'], serverErrors: ['GET /v1.0/identity/conditionalAccess/policies'], retryAfterSeconds: 0 } });
    const r = await collect(emu);
    expect(r.state).toBe('partial');
    expect(r.outcomes[ENTRA_KINDS.mfaRegistration]?.error?.code).toBe('malformed_response');
    expect(r.outcomes[ENTRA_KINDS.conditionalAccessPolicy]?.error).toMatchObject({ code: 'provider_error', message: expect.stringContaining('503 serviceNotAvailable') });
    // The retry handler gave the 503 its retries before giving up.
    expect(graphCalls(emu).filter((c) => c.route === 'GET /v1.0/identity/conditionalAccess/policies')).toHaveLength(5);
    expect(r.outcomes[ENTRA_KINDS.user]?.status).toBe('succeeded');
    expect(r.outcomes[ENTRA_KINDS.securityDefaults]?.status).toBe('succeeded');
  });

  it('bad credentials, an unknown tenant and an untrusted certificate fail the run with the cause, never findings', async () => {
    const emu = await start();
    const bad = await collect(emu, { secret: { clientId: emu.clientId, clientSecret: 'wrong' } });
    expect(bad.state).toBe('failed');
    expect(bad.items).toHaveLength(0);
    expect(bad.error).toMatchObject({ code: 'credentials_invalid', message: expect.stringContaining('AADSTS7000215: Invalid client secret provided.') });
    expect(bad.error?.message).not.toMatch(/\n|Trace ID/);
    expect((await collect(emu, { secret: { clientId: '00000000-0000-4000-8000-000000000000', clientSecret: 'x' } })).error).toMatchObject({ code: 'credentials_invalid', message: expect.stringContaining('AADSTS700016') });
    const tenant = await collect(emu, { config: { tenantId: 'elsewhere.onmicrosoft.com' } });
    expect(tenant.error).toMatchObject({ code: 'tenant_not_found', message: "Tenant 'elsewhere.onmicrosoft.com' was not found at " + emu.url + ' (AADSTS90002).' });
    const untrusted = await collect(emu, { config: { caCertificates: undefined } });
    expect(untrusted.error?.code).toBe('endpoint_unreachable');
    expect(untrusted.hint).toContain('caCertificates');
    expect(graphCalls(emu)).toHaveLength(0);
  });

  it('without a secret, uses DefaultAzureCredential (here: the AZURE_* environment variables)', async () => {
    const emu = await start();
    const saved = { id: process.env.AZURE_CLIENT_ID, secret: process.env.AZURE_CLIENT_SECRET, tenant: process.env.AZURE_TENANT_ID };
    process.env.AZURE_CLIENT_ID = emu.clientId;
    process.env.AZURE_CLIENT_SECRET = emu.clientSecret;
    process.env.AZURE_TENANT_ID = emu.tenantId;
    try {
      const r = await collect(emu, { secret: {} });
      expect(r.state).toBe('succeeded');
      expect(graphCalls(emu).every((c) => c.clientId === emu.clientId)).toBe(true);
    } finally {
      for (const [key, value] of [['AZURE_CLIENT_ID', saved.id], ['AZURE_CLIENT_SECRET', saved.secret], ['AZURE_TENANT_ID', saved.tenant]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('validate names each permission the app lacks', async () => {
    const emu = await start();
    const signal = new AbortController().signal;
    const full = await entraIdConnector.validate({ config: configFor(emu), secret: { clientId: emu.clientId, clientSecret: emu.clientSecret }, signal });
    expect(full.ok).toBe(true);
    expect(full.scope?.name).toBe('Acme Corp');
    const basic = await entraIdConnector.validate({ config: configFor(emu), secret: BASIC_APP, signal });
    expect(basic.ok).toBe(false);
    expect(basic.steps.filter((s) => !s.ok).map((s) => [s.name, s.missingPermission])).toEqual([
      ['sign-in activity', 'AuditLog.Read.All'],
      ['MFA registration report', 'AuditLog.Read.All'],
      ['Conditional Access policies', 'Policy.Read.All'],
      ['security defaults', 'Policy.Read.All'],
    ]);
    const wrong = await entraIdConnector.validate({ config: configFor(emu), secret: { clientId: emu.clientId, clientSecret: 'nope' }, signal });
    expect(wrong).toMatchObject({ ok: false, steps: [{ name: 'credentials', ok: false, message: expect.stringContaining('AADSTS7000215') }] });
  });
});
