import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateGithubAppFixture } from './app-fixture';
import { startGithubEmulator, type GithubEmulator, type GithubEmulatorOptions } from './github-emulator';
import { JWT_MESSAGES } from './rest/app-jwt';
import { loadGithubDemoScenario } from './scenario-loader';

const START = Date.parse('2025-06-01T12:00:00Z');
const NOW_S = START / 1000;
// Key pairs are generated here, at test time: no private key is committed.
const APP = generateGithubAppFixture();
const OTHER = generateGithubAppFixture({ appId: 777, installationId: 7700, slug: 'other-app', permissions: { metadata: 'read' } });
const STRANGER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const TOKENS_PATH = `/app/installations/${APP.installationId}/access_tokens`;

let emulator: GithubEmulator | undefined;
let now = START;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
  now = START;
});

async function setup(options: Partial<GithubEmulatorOptions> = {}): Promise<GithubEmulator> {
  emulator = await startGithubEmulator({ scenario: loadGithubDemoScenario(), now: new Date(START), clock: () => now, apps: [APP.app, OTHER.app], ...options });
  return emulator;
}

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 JWT as GitHub's docs describe it (octokit: iat 30 s back, exp iat + 10 min). */
function jwt(claims: Record<string, unknown> = {}, key: string = APP.privateKeyPem, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }): string {
  const data = `${b64(header)}.${b64({ iat: NOW_S - 30, exp: NOW_S + 570, iss: APP.appId, ...claims })}`;
  return `${data}.${sign('sha256', Buffer.from(data), key).toString('base64url')}`;
}

interface Reply {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

async function call(emu: GithubEmulator, method: string, path: string, authorization: string | null, body?: unknown): Promise<Reply> {
  const res = await fetch(`${emu.restUrl}${path}`, {
    method,
    headers: { accept: 'application/vnd.github+json', ...(authorization ? { authorization } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

const exchange = (emu: GithubEmulator, token: string = jwt(), body?: unknown): Promise<Reply> => call(emu, 'POST', TOKENS_PATH, `Bearer ${token}`, body);

describe('GitHub App authentication: JWT → installation access token', () => {
  it('exchanges an RS256 JWT for a ghs_ token that acts as the app on the organization', async () => {
    const emu = await setup();
    const minted = await exchange(emu);
    expect(minted.status).toBe(201);
    expect(minted.json).toEqual({ token: expect.stringMatching(/^ghs_[A-Za-z0-9]{36}$/), expires_at: '2025-06-01T13:00:00Z', permissions: APP.app.installations?.[0]?.permissions, repository_selection: 'all' });
    expect(minted.headers.get('etag')).toBeNull();
    const token = String(minted.json['token']);
    // The same rules as the scenario's app tokens: organization_administration shows owner-only fields, /user is refused.
    const org = await call(emu, 'GET', '/orgs/acme-corp', `token ${token}`);
    expect(org.status).toBe(200);
    expect(org.json).toHaveProperty('two_factor_requirement_enabled');
    expect((await call(emu, 'GET', '/user', `token ${token}`)).json['message']).toBe('Resource not accessible by integration');
    const members = await fetch(`${emu.restUrl}/orgs/acme-corp/members?per_page=100`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await members.json()) as unknown[]).length).toBe(30);
    // iss may be a string, and each exchange mints a new token; all of an installation's tokens share its quota.
    const second = await exchange(emu, jwt({ iss: String(APP.appId) }));
    expect(second.status).toBe(201);
    expect(second.json['token']).not.toBe(token);
    expect(emu.rateLimit(String(second.json['token']), 'core').used).toBe(emu.rateLimit(token, 'core').used);
    expect(emu.calls().map((c) => [c.route, c.status, c.principal])).toEqual([
      ['POST /app/installations/{installation_id}/access_tokens', 201, 'astrolabe-acme'],
      ['GET /orgs/{org}', 200, 'astrolabe-acme[bot]'],
      ['GET /user', 403, 'astrolabe-acme[bot]'],
      ['GET /orgs/{org}/members', 200, 'astrolabe-acme[bot]'],
      ['POST /app/installations/{installation_id}/access_tokens', 201, 'astrolabe-acme'],
    ]);
  });

  it('refuses a JWT it cannot verify with 401 in GitHub’s words', async () => {
    const emu = await setup();
    const undecodable = { message: JWT_MESSAGES.undecodable, documentation_url: 'https://docs.github.com/rest', status: '401' };
    const refused: [string, string | null][] = [
      ['signed by another key', `Bearer ${jwt({}, STRANGER_KEY)}`],
      ['another app’s key', `Bearer ${jwt({}, OTHER.privateKeyPem)}`],
      ['unknown app id', `Bearer ${jwt({ iss: 999 })}`],
      ['HS256', `Bearer ${jwt({}, APP.privateKeyPem, { alg: 'HS256', typ: 'JWT' })}`],
      ['not a JWT', 'Bearer abc.def'],
      ['a token instead of a JWT', 'Bearer ghp_acmeOwnerAuditToken00000000000000000'],
      ['no Authorization', null],
    ];
    for (const [what, authorization] of refused) {
      const r = await call(emu, 'POST', TOKENS_PATH, authorization);
      expect({ what, status: r.status, json: r.json }).toEqual({ what, status: 401, json: undecodable });
    }
    const claims: [Record<string, unknown>, string][] = [
      [{ iat: NOW_S - 700, exp: NOW_S - 100 }, JWT_MESSAGES.expired],
      [{ exp: NOW_S + 660 }, JWT_MESSAGES.tooLong],
      [{ iat: NOW_S + 120 }, JWT_MESSAGES.issuedAt],
      [{ iss: 'Iv1.abc' }, JWT_MESSAGES.issuer],
    ];
    for (const [claim, message] of claims) {
      const r = await exchange(emu, jwt(claim));
      expect({ claim, status: r.status, message: r.json['message'] }).toEqual({ claim, status: 401, message });
    }
    // The Date header is the emulator's clock: what octokit measures clock skew against.
    const ok = await exchange(emu);
    expect(Date.parse(ok.headers.get('date') ?? '')).toBe(START);
    expect(emu.calls().filter((c) => c.status === 201)).toHaveLength(1);
  });

  it('404 for an unknown installation or one of another app; GET /app/installations/{id} describes it', async () => {
    const emu = await setup();
    const unknown = await call(emu, 'POST', '/app/installations/123/access_tokens', `Bearer ${jwt()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app', status: '404' });
    expect((await call(emu, 'POST', `/app/installations/${OTHER.installationId}/access_tokens`, `Bearer ${jwt()}`)).status).toBe(404);
    const installation = await call(emu, 'GET', `/app/installations/${APP.installationId}`, `Bearer ${jwt()}`);
    expect(installation.status).toBe(200);
    expect(installation.json).toMatchObject({
      id: APP.installationId,
      app_id: APP.appId,
      app_slug: 'astrolabe-acme',
      account: { login: 'acme-corp', type: 'Organization' },
      target_type: 'Organization',
      repository_selection: 'all',
      access_tokens_url: `${emu.restUrl}${TOKENS_PATH}`,
      permissions: APP.app.installations?.[0]?.permissions,
    });
    expect((await call(emu, 'GET', `/app/installations/${APP.installationId}`, `Bearer ${jwt({}, OTHER.privateKeyPem)}`)).status).toBe(401);
  });

  it('narrows a token to the permissions asked for, refuses more than granted (422) and bad JSON (400)', async () => {
    const emu = await setup();
    const narrow = await exchange(emu, jwt(), { permissions: { members: 'read' } });
    expect(narrow.status).toBe(201);
    expect(narrow.json['permissions']).toEqual({ members: 'read' });
    const actions = await call(emu, 'GET', '/orgs/acme-corp/actions/permissions', `token ${String(narrow.json['token'])}`);
    expect(actions.status).toBe(403);
    expect(actions.json['message']).toBe('Resource not accessible by integration');
    const tooMuch = await exchange(emu, jwt(), { permissions: { administration: 'write' } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json['message']).toBe('The permissions requested are not granted to this installation.');
    expect((await exchange(emu, jwt(), { permissions: { members: 'owner' } })).status).toBe(422);
    expect((await exchange(emu, jwt(), '{"permissions":')).status).toBe(400);
  });

  it('installation tokens expire after an hour (401 Bad credentials)', async () => {
    const emu = await setup();
    const token = String((await exchange(emu)).json['token']);
    now = START + 59 * 60 * 1000;
    expect((await call(emu, 'GET', '/orgs/acme-corp', `token ${token}`)).status).toBe(200);
    now = START + 60 * 60 * 1000;
    const expired = await call(emu, 'GET', '/orgs/acme-corp', `token ${token}`);
    expect(expired.status).toBe(401);
    expect(expired.json['message']).toBe('Bad credentials');
  });

  it('a JWT is not a token: the organization routes answer it 401 Bad credentials', async () => {
    const emu = await setup();
    const r = await call(emu, 'GET', '/orgs/acme-corp', `Bearer ${jwt()}`);
    expect(r.status).toBe(401);
    expect(r.json['message']).toBe('Bad credentials');
  });
});
