import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { startAzureEmulator, type AzureEmulator, type AzureEmulatorOptions } from './azure-emulator';
import { TenantModel } from './model/tenant-model';
import { loadAzureDemoScenario } from './scenario-loader';
import type { AzureScenarioInput } from './scenario-schema';

const BASIC_APP = { clientId: '9a7e4c21-5b3d-4f60-8e2a-61c0f9d3b845', clientSecret: 'acme-demo-basic-secret-not-a-real-one' };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
  text: string;
}

let emulator: AzureEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function start(options: Partial<AzureEmulatorOptions> = {}): Promise<AzureEmulator> {
  emulator = await startAzureEmulator({ scenario: loadAzureDemoScenario(), ...options });
  return emulator;
}

/** A real HTTPS request trusting the emulator's CA (or not, with `ca: null`). */
function call(emu: AzureEmulator, path: string, opts: { method?: string; token?: string; form?: Record<string, string>; ca?: string | null } = {}): Promise<Answer> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      `${emu.url}${path}`,
      {
        method: opts.method ?? (body ? 'POST' : 'GET'),
        ...(opts.ca !== null && { ca: opts.ca ?? emu.caCertificatePem }),
        headers: { ...(opts.token && { authorization: `Bearer ${opts.token}` }), ...(body && { 'content-type': 'application/x-www-form-urlencoded' }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // malformed on purpose in some tests
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const tokenForm = (emu: AzureEmulator, overrides: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_id: emu.clientId,
  client_secret: emu.clientSecret,
  scope: 'https://graph.microsoft.com/.default',
  ...overrides,
});

const graphError = (a: Answer) => (a.json.error ?? {}) as { code?: string; message?: string; innerError?: Record<string, string> };
const values = (a: Answer) => (a.json.value ?? []) as Record<string, unknown>[];

describe('identity platform', () => {
  it('issues an app token for the client credentials grant, over TLS signed by the emulator CA', async () => {
    const emu = await start();
    const ok = await call(emu, `/${emu.tenantId}/oauth2/v2.0/token`, { form: tokenForm(emu) });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    expect(ok.headers['cache-control']).toContain('no-store');
    // The initial domain names the tenant too.
    expect((await call(emu, `/${emu.tenantDomain}/oauth2/v2.0/token`, { form: tokenForm(emu) })).status).toBe(200);
    await expect(call(emu, `/${emu.tenantId}/oauth2/v2.0/token`, { form: tokenForm(emu), ca: null })).rejects.toThrow(/certificate/);
  });

  it('refuses bad requests with the AADSTS errors Entra ID sends', async () => {
    const emu = await start();
    const token = (form: Record<string, string>, tenant = emu.tenantId) => call(emu, `/${tenant}/oauth2/v2.0/token`, { form: tokenForm(emu, form) });
    const wrongSecret = await token({ client_secret: 'not-it' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.json).toMatchObject({ error: 'invalid_client', error_codes: [7000215], error_description: expect.stringMatching(/^AADSTS7000215: Invalid client secret provided\. .* Trace ID: .* Correlation ID: .* Timestamp: /) });
    expect((await token({ client_id: '11111111-2222-3333-4444-555555555555' })).json).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
    expect((await token({}, 'no-such-tenant.onmicrosoft.com')).json).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
    expect((await token({ scope: 'User.Read.All' })).json).toMatchObject({ error: 'invalid_scope', error_codes: [1002012] });
    expect((await token({ scope: 'https://vault.azure.net/.default' })).json).toMatchObject({ error: 'invalid_resource', error_codes: [500011] });
    expect((await token({ grant_type: 'password' })).json).toMatchObject({ error: 'unsupported_grant_type', error_codes: [70003] });
  });

  it('answers an expired client secret with AADSTS7000222', async () => {
    const scenario = loadAzureDemoScenario();
    const [first, ...rest] = scenario.tenant.apps;
    const emu = await start({ scenario: { ...scenario, tenant: { ...scenario.tenant, apps: [{ ...first!, secretExpires: '-1d' }, ...rest] } } });
    expect((await call(emu, `/${emu.tenantId}/oauth2/v2.0/token`, { form: tokenForm(emu) })).json).toMatchObject({ error: 'invalid_client', error_codes: [7000222] });
  });

  it('publishes the OpenID configuration MSAL reads, with endpoints and issuer on the emulator', async () => {
    const emu = await start();
    const config = await call(emu, `/${emu.tenantDomain}/v2.0/.well-known/openid-configuration`);
    expect(config.json).toMatchObject({
      token_endpoint: `${emu.url}/${emu.tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${emu.url}/${emu.tenantId}/oauth2/v2.0/authorize`,
      issuer: `${emu.url}/${emu.tenantId}/v2.0`,
      jwks_uri: `${emu.url}/${emu.tenantId}/discovery/v2.0/keys`,
    });
    expect((await call(emu, '/elsewhere.onmicrosoft.com/v2.0/.well-known/openid-configuration')).json).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
    const discovery = await call(emu, '/common/discovery/instance?api-version=1.1');
    expect(discovery.json).toMatchObject({ 'api-version': '1.1', metadata: [{ preferred_network: new URL(emu.url).host }] });
  });
});

describe('Microsoft Graph', () => {
  it('checks the bearer token: present, signed by this emulator, for Graph', async () => {
    const emu = await start();
    const missing = await call(emu, '/v1.0/users');
    expect(missing.status).toBe(401);
    expect(graphError(missing)).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.', innerError: { 'request-id': expect.any(String), date: expect.any(String) } });
    const armToken = emu.issueToken({ resource: 'https://management.azure.com' });
    expect(graphError(await call(emu, '/v1.0/users', { token: armToken }))).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token validation failure. Invalid audience.' });
    const other = await startAzureEmulator({ scenario: loadAzureDemoScenario() });
    try {
      expect((await call(emu, '/v1.0/users', { token: other.issueToken() })).status).toBe(401);
    } finally {
      await other.stop();
    }
    const expired = await startAzureEmulator({ scenario: loadAzureDemoScenario(), clock: () => Date.now() - 7_200_000 });
    try {
      const old = expired.issueToken();
      await expired.stop();
      expect(graphError(await call(emu, '/v1.0/users', { token: old })).code).toBe('InvalidAuthenticationToken');
    } finally {
      await expired.stop().catch(() => undefined);
    }
  });

  it('pages /users with $top and @odata.nextLink carrying $select and an opaque $skiptoken', async () => {
    const emu = await start();
    const token = emu.issueToken();
    const first = await call(emu, '/v1.0/users?$select=id,userPrincipalName,accountEnabled&$top=10', { token });
    expect(first.status).toBe(200);
    expect(first.json['@odata.context']).toBe(`${emu.url}/v1.0/$metadata#users(id,userPrincipalName,accountEnabled)`);
    expect(values(first)).toHaveLength(10);
    expect(Object.keys(values(first)[0] ?? {})).toEqual(['id', 'userPrincipalName', 'accountEnabled']);
    const next = String(first.json['@odata.nextLink']);
    expect(next).toMatch(new RegExp(`^${emu.url.replace(/[.]/g, '\\.')}/v1\\.0/users\\?\\$select=id,userPrincipalName,accountEnabled&\\$top=10&\\$skiptoken=[\\w-]+$`));
    const ids = new Set(values(first).map((u) => u.id));
    let link: string | undefined = next;
    let pages = 1;
    while (link) {
      const page = await call(emu, link.slice(emu.url.length), { token });
      for (const u of values(page)) ids.add(u.id);
      link = page.json['@odata.nextLink'] as string | undefined;
      pages++;
    }
    expect(pages).toBe(5);
    expect(ids.size).toBe(42);
    // Without $select: Graph's default property set.
    expect(Object.keys(values(await call(emu, '/v1.0/users?$top=1', { token }))[0] ?? {})).toContain('businessPhones');
  });

  it('validates query options as Graph does', async () => {
    const emu = await start();
    const token = emu.issueToken();
    expect(graphError(await call(emu, '/v1.0/users?$top=1000', { token }))).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive." });
    expect(graphError(await call(emu, '/v1.0/users?$select=id,shoeSize', { token }))).toMatchObject({ message: "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'." });
    expect((await call(emu, "/v1.0/users?$filter=accountEnabled eq false", { token })).status).toBe(400);
    expect(graphError(await call(emu, '/v1.0/users?$skiptoken=garbage', { token })).code).toBe('Directory_ExpiredPageToken');
    expect(graphError(await call(emu, '/v1.0/devices', { token }))).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'devices'." });
  });

  it('returns sign-in activity in pages of at most 500, and leaves it out for users who never signed in', async () => {
    const emu = await start({ signInActivityPageSize: 20 });
    const page = await call(emu, '/v1.0/users?$select=id,userPrincipalName,signInActivity&$top=999', { token: emu.issueToken() });
    expect(values(page)).toHaveLength(20);
    expect(page.json['@odata.nextLink']).toContain('$top=999');
    const dana = values(page).find((u) => String(u.userPrincipalName).startsWith('dana.okafor'));
    expect(dana?.signInActivity).toMatchObject({ lastSignInDateTime: expect.stringMatching(/Z$/), lastSuccessfulSignInDateTime: expect.any(String), lastNonInteractiveSignInDateTime: expect.any(String) });
    const all = values(await call(emu, '/v1.0/users?$select=userPrincipalName,signInActivity&$top=999', { token: emu.issueToken() }));
    const rest = values(await call(emu, String((await call(emu, '/v1.0/users?$select=userPrincipalName,signInActivity&$top=999', { token: emu.issueToken() })).json['@odata.nextLink']).slice(emu.url.length), { token: emu.issueToken() }));
    const isla = [...all, ...rest].find((u) => String(u.userPrincipalName).startsWith('isla.king'));
    expect(isla).toBeDefined();
    expect(isla).not.toHaveProperty('signInActivity');
  });

  it('refuses what the app may not read with the error each API sends', async () => {
    const emu = await start();
    const basic = emu.issueToken({ clientId: BASIC_APP.clientId });
    expect((await call(emu, '/v1.0/users?$select=id', { token: basic })).status).toBe(200);
    const signIn = await call(emu, '/v1.0/users?$select=id,signInActivity', { token: basic });
    expect(signIn.status).toBe(403);
    expect(graphError(signIn)).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    expect(graphError(await call(emu, '/v1.0/reports/authenticationMethods/userRegistrationDetails', { token: basic }))).toMatchObject({
      code: 'Authentication_MSGraphPermissionMissing',
      message: 'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
    });
    expect(graphError(await call(emu, '/v1.0/identity/conditionalAccess/policies', { token: basic })).code).toBe('AccessDenied');
    expect(graphError(await call(emu, '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy', { token: basic })).code).toBe('Authorization_RequestDenied');
  });

  it('withholds sign-in activity and the registration report from a tenant without a premium licence', async () => {
    const scenario = loadAzureDemoScenario();
    const emu = await start({ scenario: { ...scenario, tenant: { ...scenario.tenant, licence: 'free' } } });
    const token = emu.issueToken();
    for (const path of ['/v1.0/users?$select=id,signInActivity', '/v1.0/reports/authenticationMethods/userRegistrationDetails']) {
      const answer = await call(emu, path, { token });
      expect(answer.status).toBe(403);
      expect(graphError(answer)).toMatchObject({ code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Neither tenant is B2C or tenant doesn't have premium license" });
    }
    expect((await call(emu, '/v1.0/users?$select=id', { token })).status).toBe(200);
  });

  it('expands group members transitively, and lists members the app may not read with their id only', async () => {
    const scenario = loadAzureDemoScenario();
    const membersOnly = { displayName: 'Group reader', clientId: '5e0c7d2a-1b3f-4a6e-8d9c-2f4b6a8c0e13', clientSecret: 'group-reader-secret', graphPermissions: ['GroupMember.Read.All'] };
    const emu = await start({ scenario: { ...scenario, tenant: { ...scenario.tenant, apps: [...scenario.tenant.apps, membersOnly] } } });
    const engineering = new TenantModel(scenario, new Date()).groups.find((g) => g.displayName === 'Engineering');
    expect(engineering).toBeDefined();
    const token = emu.issueToken();
    const direct = values(await call(emu, `/v1.0/groups/${engineering?.id ?? ''}/members?$select=id,displayName`, { token }));
    const transitive = values(await call(emu, `/v1.0/groups/${engineering?.id ?? ''}/transitiveMembers?$select=id,displayName,userPrincipalName`, { token }));
    // 11 users and the nested Platform Team directly; transitively also Platform Team's one other member.
    expect(direct.map((m) => m['@odata.type'])).toEqual([...Array<string>(11).fill('#microsoft.graph.user'), '#microsoft.graph.group']);
    expect(transitive).toHaveLength(13);
    expect(transitive.some((m) => String(m.userPrincipalName).startsWith('olivia.brown'))).toBe(true);
    const limited = values(await call(emu, `/v1.0/groups/${engineering?.id ?? ''}/transitiveMembers`, { token: emu.issueToken({ clientId: membersOnly.clientId }) }));
    expect(limited.find((m) => m['@odata.type'] === '#microsoft.graph.user')).toEqual({ '@odata.type': '#microsoft.graph.user', id: expect.any(String) });
    expect((await call(emu, '/v1.0/groups/00000000-0000-0000-0000-000000000000/transitiveMembers', { token })).status).toBe(404);

    const assignments = values(await call(emu, '/v1.0/roleManagement/directory/roleAssignments?$expand=principal', { token }));
    expect(assignments).toHaveLength(9);
    expect(new Set(assignments.map((a) => (a.principal as Record<string, unknown>)['@odata.type']))).toEqual(
      new Set(['#microsoft.graph.user', '#microsoft.graph.group', '#microsoft.graph.servicePrincipal']),
    );
    expect(assignments[0]).toMatchObject({ roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10', directoryScopeId: '/', id: expect.stringMatching(/-1$/) });
  });

  it('injects 429s with Retry-After, server errors and malformed pages, and logs every call', async () => {
    const emu = await start({ faults: { throttleFirst: 2, retryAfterSeconds: 7 } });
    const token = emu.issueToken();
    const throttled = await call(emu, '/v1.0/users?$top=1', { token });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('7');
    expect(graphError(throttled).code).toBe('TooManyRequests');
    expect((await call(emu, '/v1.0/users?$top=1', { token })).status).toBe(429);
    expect((await call(emu, '/v1.0/users?$top=1', { token })).status).toBe(200);
    // The token endpoint is not throttled unless asked for.
    emu.setFaults({ throttleFirst: 1 });
    expect((await call(emu, `/${emu.tenantId}/oauth2/v2.0/token`, { form: tokenForm(emu) })).status).toBe(200);
    expect((await call(emu, '/v1.0/organization', { token })).status).toBe(429);

    emu.setFaults({ serverErrors: ['GET /v1.0/identity/conditionalAccess/policies'], malformed: [/\/users\?/] });
    expect((await call(emu, '/v1.0/identity/conditionalAccess/policies', { token })).status).toBe(503);
    const malformed = await call(emu, '/v1.0/users?$top=2', { token });
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();

    const calls = emu.calls();
    expect(calls.filter((c) => c.fault === 'throttled').map((c) => c.route)).toEqual(['GET /v1.0/users', 'GET /v1.0/users', 'GET /v1.0/organization']);
    expect(calls.find((c) => c.api === 'identity')).toMatchObject({ route: 'POST /{tenant}/oauth2/v2.0/token', clientId: emu.clientId, status: 200 });
    expect(emu.summary()).toMatchObject({ byApi: { graph: 6, identity: 1 }, faults: 5 });
  });

  it('leaves signInActivity out for everyone when told to withhold it', async () => {
    const emu = await start({ faults: { withholdSignInActivity: true } });
    const users = values(await call(emu, '/v1.0/users?$select=id,signInActivity&$top=999', { token: emu.issueToken() }));
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => !('signInActivity' in u))).toBe(true);
  });

  it('serves the demo policies, security defaults and registration details in Graph shapes', async () => {
    const emu = await start();
    const token = emu.issueToken();
    const policies = values(await call(emu, '/v1.0/identity/conditionalAccess/policies', { token }));
    expect(policies.map((p) => [p.displayName, p.state])).toEqual([
      ['CA001: Require MFA for administrators', 'enabled'],
      ['CA002: Require MFA for all users', 'enabledForReportingButNotEnforced'],
      ['CA003: Block legacy authentication', 'enabled'],
      ['CA004: Require MFA for Microsoft admin portals', 'enabled'],
    ]);
    expect(policies[3]).toMatchObject({
      conditions: { applications: { includeApplications: ['MicrosoftAdminPortals'] }, users: { includeUsers: ['All'], excludeUsers: [expect.stringMatching(/^[0-9a-f-]{36}$/)] } },
      grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: '00000000-0000-0000-0000-000000000002', displayName: 'Multifactor authentication' } },
    });
    const defaults = await call(emu, '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy', { token });
    expect(defaults.json).toMatchObject({ id: '00000000-0000-0000-0000-000000000005', isEnabled: false });
    const registration = values(await call(emu, '/v1.0/reports/authenticationMethods/userRegistrationDetails?$top=999', { token }));
    expect(registration).toHaveLength(42);
    const tom = registration.find((r) => String(r.userPrincipalName).startsWith('tom.becker'));
    expect(tom).toMatchObject({ isMfaRegistered: true, isMfaCapable: false, methodsRegistered: ['mobilePhone'], isAdmin: true, userType: 'member' });
  });
});

describe('scenario-level routes', () => {
  it('refuses a scenario without an app registration', async () => {
    const scenario: AzureScenarioInput = { tenant: { id: '00000000-0000-4000-8000-000000000001', displayName: 'Empty', defaultDomain: 'empty.onmicrosoft.com', apps: [] } };
    await expect(startAzureEmulator({ scenario })).rejects.toThrow(/tenant\.apps: a tenant needs at least one app registration/);
  });
});
