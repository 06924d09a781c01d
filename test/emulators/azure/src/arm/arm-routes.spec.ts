import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { startAzureEmulator, type AzureEmulator } from '../azure-emulator';
import type { AzureScenarioInput } from '../scenario-schema';
import { armPrincipalProblems, ArmModel } from './arm-model';
import { armScenarioSchema, type ArmScenarioInput } from './arm-scenario';
import { withGeneratedArm } from './arm-scenario-generator';
import { generateAzureScenario } from '../scenario-generator';
import { TenantModel } from '../model/tenant-model';
import { parseAzureScenario } from '../scenario-loader';

const TENANT_ID = '11111111-2222-4333-8444-555555555555';
const READER_APP = { displayName: 'Reader app', clientId: 'aaaaaaaa-0000-4000-8000-000000000001', clientSecret: 'reader-app-secret', graphPermissions: ['Directory.Read.All'] };
const NARROW_APP = { displayName: 'Narrow app', clientId: 'aaaaaaaa-0000-4000-8000-000000000002', clientSecret: 'narrow-app-secret', graphPermissions: ['User.Read.All'] };
const PROD_ID = '0a0a0a0a-1111-4222-8333-444444444444';

function scenario(arm: ArmScenarioInput = {}): AzureScenarioInput {
  return {
    tenant: {
      id: TENANT_ID,
      displayName: 'Contoso',
      defaultDomain: 'contoso.onmicrosoft.com',
      users: [
        { userPrincipalName: 'ann@contoso.onmicrosoft.com' },
        { userPrincipalName: 'bob@contoso.onmicrosoft.com', accountEnabled: false },
      ],
      groups: [{ displayName: 'Cloud Admins', members: ['ann@contoso.onmicrosoft.com', 'bob@contoso.onmicrosoft.com'] }],
      servicePrincipals: [{ displayName: 'Deployer' }],
      apps: [READER_APP, NARROW_APP],
    },
    arm: {
      managementGroups: [{ id: 'mg-prod', displayName: 'Production' }],
      subscriptions: [
        { displayName: 'Production', id: PROD_ID, managementGroup: 'mg-prod', tags: { environment: 'production' }, resourceGroups: [{ name: 'rg-web', tags: { env: 'prod' } }, { name: 'rg-data' }] },
        { displayName: 'Development', resourceGroups: [{ name: 'rg-dev' }] },
      ],
      customRoles: [{ roleName: 'Break Glass', permissions: [{ actions: ['*'] }], assignableScopes: [{ subscription: 'Production' }] }],
      roleAssignments: [
        { role: 'Reader', servicePrincipal: 'Reader app', scope: '/' },
        { role: 'Reader', servicePrincipal: 'Narrow app', scope: { subscription: 'Development' } },
        { role: 'Owner', group: 'Cloud Admins', scope: { managementGroup: 'mg-prod' } },
        { role: 'Owner', user: 'ann@contoso.onmicrosoft.com', scope: { subscription: 'Production' } },
        { role: 'Contributor', servicePrincipal: 'Deployer', scope: { subscription: 'Production', resourceGroup: 'rg-web' } },
        { role: 'User Access Administrator', user: 'ann@contoso.onmicrosoft.com', scope: '/' },
        { role: 'Break Glass', user: 'bob@contoso.onmicrosoft.com', scope: { subscription: 'Production' } },
        { role: 'Reader', deletedPrincipal: { id: '99999999-8888-4777-8666-555555555555' }, scope: { subscription: 'Development' } },
      ],
      ...arm,
    },
  };
}

let emulator: AzureEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function start(arm?: ArmScenarioInput): Promise<AzureEmulator> {
  emulator = await startAzureEmulator({ scenario: scenario(arm) });
  return emulator;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

function call(emu: AzureEmulator, method: 'GET' | 'POST', path: string, opts: { clientId?: string; body?: unknown; token?: string | null } = {}): Promise<Answer> {
  const token = opts.token === undefined ? emu.issueToken({ clientId: opts.clientId ?? READER_APP.clientId }) : opts.token;
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${emu.url}${path}`,
      { method, ca: emu.caCertificatePem, headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body && { 'content-type': 'application/json' }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) as Record<string, unknown> });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const values = (a: Answer): Record<string, unknown>[] => a.json.value as Record<string, unknown>[];
const ASSIGNMENTS = (scope: string) => `${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01`;

describe('Azure Resource Manager emulator', () => {
  it('lists the subscriptions the caller holds a role on, in ARM JSON with tags and the count', async () => {
    const emu = await start();
    const all = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01');
    expect(all.status).toBe(200);
    expect(all.headers['x-ms-request-id']).toBeDefined();
    expect(values(all).map((s) => s.displayName)).toEqual(['Production', 'Development']);
    expect(values(all)[0]).toMatchObject({ id: `/subscriptions/${PROD_ID}`, subscriptionId: PROD_ID, tenantId: TENANT_ID, state: 'Enabled', tags: { environment: 'production' }, authorizationSource: 'RoleBased' });
    expect(values(all)[1]).not.toHaveProperty('tags');
    expect(all.json.count).toEqual({ type: 'Total', value: 2 });
    const narrow = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01', { clientId: NARROW_APP.clientId });
    expect(values(narrow).map((s) => s.displayName)).toEqual(['Development']);
  });

  it('pages with nextLink (api-version and skip token included) that clients follow verbatim', async () => {
    const emu = await start({ pageSize: 1 });
    const first = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01');
    expect(values(first)).toHaveLength(1);
    const next = String(first.json.nextLink);
    expect(next).toMatch(new RegExp(`^${emu.url}/subscriptions\\?api-version=2022-12-01&%24skiptoken=`));
    const second = await call(emu, 'GET', next.slice(emu.url.length));
    expect(values(second).map((s) => s.displayName)).toEqual(['Development']);
    expect(second.json.nextLink).toBeUndefined();
    const bad = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01&$skiptoken=garbage');
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'InvalidSkipToken' } } });
  });

  it('lists role assignments at, above and below a subscription; atScope() drops those below', async () => {
    const emu = await start();
    const all = await call(emu, 'GET', ASSIGNMENTS(`/subscriptions/${PROD_ID}`));
    expect(all.status).toBe(200);
    const scopes = values(all).map((a) => (a.properties as Record<string, unknown>).scope);
    expect(scopes).toEqual(['/', '/providers/Microsoft.Management/managementGroups/mg-prod', `/subscriptions/${PROD_ID}`, `/subscriptions/${PROD_ID}/resourceGroups/rg-web`, '/', `/subscriptions/${PROD_ID}`]);
    const ownerGroup = values(all)[1];
    expect(ownerGroup).toMatchObject({
      type: 'Microsoft.Authorization/roleAssignments',
      id: expect.stringMatching(/^\/providers\/Microsoft\.Management\/managementGroups\/mg-prod\/providers\/Microsoft\.Authorization\/roleAssignments\/[0-9a-f-]{36}$/),
      properties: { principalType: 'Group', roleDefinitionId: `/subscriptions/${PROD_ID}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`, condition: null },
    });
    const atScope = await call(emu, 'GET', `${ASSIGNMENTS(`/subscriptions/${PROD_ID}`)}&$filter=atScope()`);
    expect(values(atScope).map((a) => (a.properties as Record<string, unknown>).scope)).not.toContain(`/subscriptions/${PROD_ID}/resourceGroups/rg-web`);
    const rootOnly = await call(emu, 'GET', `${ASSIGNMENTS('/providers/Microsoft.Management/managementGroups/' + TENANT_ID)}&$filter=atScope()`);
    expect(values(rootOnly).map((a) => (a.properties as Record<string, unknown>).scope)).toEqual(['/', '/']);
    expect(values(rootOnly)[1]?.id).toMatch(/^\/providers\/Microsoft\.Authorization\/roleAssignments\//);
    const unsupported = await call(emu, 'GET', `${ASSIGNMENTS(`/subscriptions/${PROD_ID}`)}&$filter=roleName eq 'Owner'`);
    expect(unsupported).toMatchObject({ status: 400, json: { error: { code: 'UnsupportedQuery' } } });
  });

  it('refuses a caller without roleAssignments/read on the scope with AuthorizationFailed naming action and scope', async () => {
    const emu = await start();
    const denied = await call(emu, 'GET', ASSIGNMENTS(`/subscriptions/${PROD_ID}`), { clientId: NARROW_APP.clientId });
    expect(denied.status).toBe(403);
    const error = denied.json.error as { code: string; message: string };
    expect(error.code).toBe('AuthorizationFailed');
    expect(error.message).toMatch(
      new RegExp(
        `^The client '${NARROW_APP.clientId}' with object id '[0-9a-f-]{36}' does not have authorization to perform action 'Microsoft\\.Authorization/roleAssignments/read' over scope '/subscriptions/${PROD_ID}' or the scope is invalid\\. If access was recently granted, please refresh your credentials\\.$`,
      ),
    );
    const groups = await call(emu, 'GET', `/subscriptions/${PROD_ID}/resourcegroups?api-version=2021-04-01`, { clientId: NARROW_APP.clientId });
    expect(groups.json.error).toMatchObject({ code: 'AuthorizationFailed', message: expect.stringContaining("'Microsoft.Resources/subscriptions/resourceGroups/read'") });
  });

  it('lists built-in and custom role definitions with subscription-scoped ids and type filters', async () => {
    const emu = await start();
    const custom = await call(emu, 'GET', `/subscriptions/${PROD_ID}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=type eq 'CustomRole'`);
    expect(values(custom)).toEqual([
      expect.objectContaining({
        type: 'Microsoft.Authorization/roleDefinitions',
        properties: expect.objectContaining({ roleName: 'Break Glass', type: 'CustomRole', assignableScopes: [`/subscriptions/${PROD_ID}`], permissions: [{ actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }] }),
      }),
    ]);
    const builtIn = await call(emu, 'GET', `/subscriptions/${PROD_ID}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=type eq 'BuiltInRole'`);
    const owner = values(builtIn).find((d) => d.name === '8e3af657-a8ff-443c-a75c-2fe8c4bcb635');
    expect(owner).toMatchObject({ id: `/subscriptions/${PROD_ID}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`, properties: { roleName: 'Owner', assignableScopes: ['/'] } });
    const dev = await call(emu, 'GET', `/subscriptions/${String(values(await call(emu, 'GET', '/subscriptions?api-version=2022-12-01'))[1]?.subscriptionId)}/providers/Microsoft.Authorization/roleDefinitions?api-version=2022-04-01&$filter=type eq 'CustomRole'`);
    expect(values(dev)).toEqual([]);
  });

  it('lists resource groups with tags, and answers ARM errors for a missing api-version, an unknown subscription or no token', async () => {
    const emu = await start();
    const groups = await call(emu, 'GET', `/subscriptions/${PROD_ID}/resourcegroups?api-version=2021-04-01`);
    expect(values(groups)).toEqual([
      { id: `/subscriptions/${PROD_ID}/resourceGroups/rg-web`, name: 'rg-web', type: 'Microsoft.Resources/resourceGroups', location: 'westeurope', tags: { env: 'prod' }, properties: { provisioningState: 'Succeeded' } },
      { id: `/subscriptions/${PROD_ID}/resourceGroups/rg-data`, name: 'rg-data', type: 'Microsoft.Resources/resourceGroups', location: 'westeurope', properties: { provisioningState: 'Succeeded' } },
    ]);
    expect(await call(emu, 'GET', `/subscriptions/${PROD_ID}/resourcegroups`)).toMatchObject({ status: 400, json: { error: { code: 'MissingApiVersionParameter' } } });
    expect(await call(emu, 'GET', `/subscriptions/${PROD_ID}/resourcegroups?api-version=1999-01-01`)).toMatchObject({ status: 400, json: { error: { code: 'InvalidApiVersionParameter' } } });
    const missing = '12345678-1234-4234-8234-123456789012';
    expect(await call(emu, 'GET', ASSIGNMENTS(`/subscriptions/${missing}`))).toMatchObject({ status: 404, json: { error: { code: 'SubscriptionNotFound', message: `The subscription '${missing}' could not be found.` } } });
    expect(await call(emu, 'GET', '/subscriptions?api-version=2022-12-01', { token: null })).toMatchObject({ status: 401, json: { error: { code: 'AuthenticationFailed' } } });
  });

  it('answers 429 with Retry-After when throttled, in ARM words', async () => {
    const emu = await start();
    emu.setFaults({ throttleFirst: 1, retryAfterSeconds: 3 });
    const throttled = await call(emu, 'GET', '/subscriptions?api-version=2022-12-01');
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('3');
    expect(throttled.json.error).toMatchObject({ code: 'TooManyRequests', message: expect.stringContaining('https://aka.ms/armthrottling') });
    expect((await call(emu, 'GET', '/subscriptions?api-version=2022-12-01')).status).toBe(200);
  });
});

describe('Graph directoryObjects/getByIds', () => {
  const GET_BY_IDS = '/v1.0/directoryObjects/getByIds?$select=id,displayName,userPrincipalName,accountEnabled';

  it('resolves users, groups and service principals by id; ids not in the directory are left out', async () => {
    const emu = await start();
    const tenant = new TenantModel(parseAzureScenario(scenario()), new Date());
    const [ann, bob] = tenant.users;
    const group = tenant.groups[0];
    const deployer = tenant.servicePrincipals.find((p) => p.displayName === 'Deployer');
    const answer = await call(emu, 'POST', GET_BY_IDS, { body: { ids: [ann?.id, bob?.id, group?.id, deployer?.id, '99999999-8888-4777-8666-555555555555'], types: ['user', 'group', 'servicePrincipal'] } });
    expect(answer.status).toBe(200);
    expect(answer.json['@odata.context']).toBe(`${emu.url}/v1.0/$metadata#directoryObjects(id,displayName,userPrincipalName,accountEnabled)`);
    expect(values(answer)).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: ann?.id, displayName: 'Ann', userPrincipalName: 'ann@contoso.onmicrosoft.com', accountEnabled: true },
      { '@odata.type': '#microsoft.graph.user', id: bob?.id, displayName: 'Bob', userPrincipalName: 'bob@contoso.onmicrosoft.com', accountEnabled: false },
      { '@odata.type': '#microsoft.graph.group', id: group?.id, displayName: 'Cloud Admins' },
      { '@odata.type': '#microsoft.graph.servicePrincipal', id: deployer?.id, displayName: 'Deployer', accountEnabled: true },
    ]);
    // Without $select, v1.0 returns the default user properties, which do not include accountEnabled.
    const defaults = await call(emu, 'POST', '/v1.0/directoryObjects/getByIds', { body: { ids: [ann?.id] } });
    expect(values(defaults)[0]).not.toHaveProperty('accountEnabled');
  });

  it('needs Directory.Read.All and a valid body', async () => {
    const emu = await start();
    const denied = await call(emu, 'POST', GET_BY_IDS, { clientId: NARROW_APP.clientId, body: { ids: [TENANT_ID] } });
    expect(denied).toMatchObject({ status: 403, json: { error: { code: 'Authorization_RequestDenied' } } });
    expect((await call(emu, 'POST', GET_BY_IDS, { body: { ids: [] } })).status).toBe(400);
    expect((await call(emu, 'POST', GET_BY_IDS, { body: { ids: Array.from({ length: 1001 }, () => TENANT_ID) } })).json.error).toMatchObject({ message: expect.stringContaining('Too many ids') });
  });
});

describe('arm scenario', () => {
  it('rejects unknown management groups, subscriptions, resource groups and roles, naming the field', () => {
    const result = armScenarioSchema.safeParse({
      managementGroups: [{ id: 'a', parent: 'b' }],
      subscriptions: [{ displayName: 'S', managementGroup: 'nope' }],
      roleAssignments: [{ role: 'Superuser', user: 'x@y.z', scope: { subscription: 'S', resourceGroup: 'missing' } }],
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        'managementGroups.0.parent: management group a has unknown parent b',
        'subscriptions.0.managementGroup: subscription S is in unknown management group nope',
        'roleAssignments.0.role: unknown role Superuser',
        'roleAssignments.0.scope: subscription S has no resource group missing',
      ]),
    );
  });

  it('reports principals the tenant does not have, and deleted principals that still exist', () => {
    const existing = new TenantModel(parseAzureScenario(scenario()), new Date()).apps[0]?.servicePrincipalId ?? '';
    const s = parseAzureScenario(
      scenario({
        roleAssignments: [
          { role: 'Reader', user: 'ghost@contoso.onmicrosoft.com', scope: '/' },
          { role: 'Reader', deletedPrincipal: { id: existing, type: 'ServicePrincipal' }, scope: '/' },
        ],
      }),
    );
    expect(armPrincipalProblems(s.arm, new TenantModel(s, new Date()))).toEqual([
      'arm.roleAssignments.0: role assignment to unknown user ghost@contoso.onmicrosoft.com',
      `arm.roleAssignments.1: deletedPrincipal ${existing} still exists in the tenant`,
    ]);
  });

  it('derives stable ids and resolves the management group chain up to the root', () => {
    const s = parseAzureScenario(scenario());
    const tenant = new TenantModel(s, new Date());
    const a = new ArmModel(s.arm, tenant, new Date());
    const b = new ArmModel(s.arm, tenant, new Date());
    expect(a.roleAssignments.map((x) => x.id)).toEqual(b.roleAssignments.map((x) => x.id));
    expect(a.ancestors(`/subscriptions/${PROD_ID}/resourceGroups/rg-web`)).toEqual([
      `/subscriptions/${PROD_ID}/resourceGroups/rg-web`,
      `/subscriptions/${PROD_ID}`,
      '/providers/Microsoft.Management/managementGroups/mg-prod',
      `/providers/Microsoft.Management/managementGroups/${TENANT_ID}`,
      '/',
    ]);
  });

  it('generates a large estate for a generated tenant, the same for a seed, whose principals all exist', () => {
    const options = { subscriptions: 30, assignmentsPerSubscription: 20, seed: 3 };
    const input = withGeneratedArm(generateAzureScenario({ users: 300, groups: 40, seed: 3 }), options);
    expect(withGeneratedArm(generateAzureScenario({ users: 300, groups: 40, seed: 3 }), options)).toEqual(input);
    const s = parseAzureScenario(input);
    const tenant = new TenantModel(s, new Date());
    expect(armPrincipalProblems(s.arm, tenant)).toEqual([]);
    const model = new ArmModel(s.arm, tenant, new Date());
    expect(model.subscriptions).toHaveLength(30);
    expect(model.roleAssignments.length).toBeGreaterThan(500);
    expect(s.tenant.apps.every((a) => a.graphPermissions.includes('Directory.Read.All'))).toBe(true);
  });
});
