import { createServer } from 'node:net';
import type { AuditPage, MemberView, Problem, SessionView, Workspace } from '@astrolabe/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/auth/session.service';
import { SSO_STATE_COOKIE } from '../src/auth/sso/sso.service';
import { startTestIdp, type TestIdp } from './support/oidc-test-provider';
import { ANONYMOUS, queryVia, startTestServer, type TestServer } from './support/test-server';

const DOMAIN = 'sso-test.example';
const CLIENT_ID = 'astrolabe-test-client';
const CLIENT_SECRET = 'idp-client-secret-must-never-be-echoed-7f3a';

interface SsoConfigView {
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  domains: string[];
  defaultRole: string;
  redirectUri: string;
  updatedAt: string;
}

/** A cookie from a response, as `name=value`, or null. */
function cookieOf(res: Response, name: string): string | null {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  const pair = line?.split(';')[0];
  // An emptied cookie (clearCookie) is not a cookie the browser keeps.
  return pair && pair !== `${name}=` ? pair : null;
}

/** Free loopback port with nothing listening: an issuer that refuses connections. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('OIDC single sign-on against a real OpenID provider', () => {
  let server: TestServer;
  let idp: TestIdp;
  let ws: Workspace;
  let other: Workspace;
  /** Every response body the tests saw: none may contain the client secret. */
  const seen: string[] = [];

  const api = async <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await server.api<T>(method, path, body, headers);
    seen.push(res.text);
    return res;
  };
  const sso = (w: Workspace) => `/api/v1/workspaces/${w.id}/sso`;

  /** A browser with no session: GET without following redirects, with the cookies given. */
  const navigate = async (url: string, cookie?: string) => {
    const res = await fetch(new URL(url, server.url), { redirect: 'manual', headers: cookie ? { cookie } : {} });
    seen.push(await res.text());
    return { res, location: res.headers.get('location') ?? '' };
  };

  /** Start at Astrolabe, get redirected to the provider: the authorization URL and the state cookie. */
  const start = async (w: Workspace = ws) => {
    const { res, location } = await navigate(`/api/v1/auth/sso/${w.id}/start`);
    expect(res.status).toBe(302);
    return { authorizationUrl: location, stateCookie: cookieOf(res, SSO_STATE_COOKIE) ?? '' };
  };

  /** The whole flow as a browser: start, sign in at the provider as `login`, come back. */
  const signInAs = async (login: string) => {
    const { authorizationUrl, stateCookie } = await start();
    const callback = await idp.signIn(authorizationUrl, login);
    const back = await navigate(callback.href, stateCookie);
    return { ...back, callback, stateCookie, session: cookieOf(back.res, SESSION_COOKIE) };
  };

  const sessionOf = async (cookie: string) => (await api<SessionView>('GET', '/api/v1/auth/session', undefined, { [ANONYMOUS]: '1', cookie })).body;

  beforeAll(async () => {
    server = await startTestServer();
    ws = (await api<Workspace>('POST', '/api/v1/workspaces', { slug: 'acme-sso', name: 'Acme SSO' })).body;
    other = (await api<Workspace>('POST', '/api/v1/workspaces', { slug: 'other-sso', name: 'Other' })).body;
    idp = await startTestIdp({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${server.url}/api/v1/auth/sso/callback`,
      accounts: {
        alice: { email: `Alice@${DOMAIN}`, name: 'Alice Example', emailVerified: true },
        bob: { email: `bob@${DOMAIN}`, name: 'Bob Example' },
        carol: { email: `carol@${DOMAIN}`, name: 'Carol Example' },
        mallory: { email: 'mallory@elsewhere.example', name: 'Mallory', emailVerified: true },
        unverified: { email: `eve@${DOMAIN}`, name: 'Eve', emailVerified: false },
      },
    });
  });
  afterAll(async () => {
    await idp?.close();
    await server?.close();
  });

  it('is off until configured: GET answers null and discovery finds nothing', async () => {
    const res = await api('GET', sso(ws));
    expect(res.status).toBe(200);
    expect(res.text).toBe('null');
    expect((await api('GET', `/api/v1/auth/sso/discover?email=alice@${DOMAIN}`, undefined, { [ANONYMOUS]: '1' })).body).toEqual({ sso: false, workspaceName: null, startUrl: null });
  });

  it('requires the client secret on the first save, and https (or loopback) for the issuer', async () => {
    const base = { issuer: idp.issuer, clientId: CLIENT_ID, domains: [DOMAIN] };
    const noSecret = await api<Problem>('PUT', sso(ws), base);
    expect(noSecret.status).toBe(400);
    expect(noSecret.body.errors?.map((e) => e.field)).toEqual(['clientSecret']);

    const plainHttp = await api<Problem>('PUT', sso(ws), { ...base, issuer: 'http://idp.example.com', clientSecret: CLIENT_SECRET });
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.body.errors?.map((e) => e.field)).toEqual(['issuer']);
    expect(plainHttp.body.errors?.[0]?.message).toMatch(/https/);
  });

  it('refuses an issuer that does not answer discovery with 400 on the issuer field', async () => {
    const issuer = `http://127.0.0.1:${await closedPort()}`;
    const res = await api<Problem>('PUT', sso(ws), { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, domains: [DOMAIN] });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field)).toEqual(['issuer']);
    expect(res.body.errors?.[0]?.message).toMatch(/discovery failed.*\.well-known\/openid-configuration/);
    expect((await api('GET', sso(ws))).text).toBe('null');
  });

  it('saves the settings, keeps the secret write-only, and gives the redirect URI to register', async () => {
    const res = await api<SsoConfigView>('PUT', sso(ws), { issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, domains: [DOMAIN, DOMAIN.toUpperCase()], defaultRole: 'engineer' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ issuer: idp.issuer, clientId: CLIENT_ID, clientSecretSet: true, domains: [DOMAIN], defaultRole: 'engineer', redirectUri: `${server.url}/api/v1/auth/sso/callback` });
    expect(res.body).not.toHaveProperty('clientSecret');
    expect((await api<SsoConfigView>('GET', sso(ws))).body).toEqual(res.body);

    // An update without the secret keeps the stored one (the sign-ins below prove it still works).
    const again = await api<SsoConfigView>('PUT', sso(ws), { issuer: idp.issuer, clientId: CLIENT_ID, domains: [DOMAIN], defaultRole: 'engineer' });
    expect(again.status).toBe(200);

    // Sealed at rest, like a connector secret.
    const rows = await queryVia(server.db.url)<{ client_secret_sealed: string }>('SELECT client_secret_sealed FROM workspace_sso WHERE workspace_id = $1', [ws.id]);
    expect(rows[0]?.client_secret_sealed).toMatch(/^v1\./);
    expect(rows[0]?.client_secret_sealed).not.toContain(CLIENT_SECRET);
  });

  it('routes a domain to one workspace only: 409 naming the domain', async () => {
    const res = await api<Problem>('PUT', sso(other), { issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, domains: ['other.example', DOMAIN] });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain(DOMAIN);
    expect(res.body.detail).not.toContain('Acme SSO');
  });

  it('discovers the workspace from the email domain', async () => {
    const found = await api('GET', `/api/v1/auth/sso/discover?email=someone@${DOMAIN.toUpperCase()}`, undefined, { [ANONYMOUS]: '1' });
    expect(found.body).toEqual({ sso: true, workspaceName: 'Acme SSO', startUrl: `/api/v1/auth/sso/${ws.id}/start` });
    expect((await api('GET', '/api/v1/auth/sso/discover?email=someone@elsewhere.example', undefined, { [ANONYMOUS]: '1' })).body).toEqual({ sso: false, workspaceName: null, startUrl: null });
    expect((await api<Problem>('GET', '/api/v1/auth/sso/discover?email=not-an-email', undefined, { [ANONYMOUS]: '1' })).status).toBe(400);
  });

  it('start redirects to the provider with PKCE (S256), state, nonce and the scopes', async () => {
    const { authorizationUrl, stateCookie } = await start();
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(idp.issuer);
    const q = url.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('redirect_uri')).toBe(`${server.url}/api/v1/auth/sso/callback`);
    expect(q.get('scope')).toBe('openid email profile');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toBeTruthy();
    expect(q.get('nonce')).toBeTruthy();
    // The browser keeps the state; the database only its hash.
    expect(stateCookie).toBe(`${SSO_STATE_COOKIE}=${q.get('state')}`);
    const stored = await queryVia(server.db.url)<{ state_hash: string }>('SELECT state_hash FROM oidc_login_state WHERE workspace_id = $1', [ws.id]);
    expect(stored.map((r) => r.state_hash)).not.toContain(q.get('state'));
  });

  it('signs in end to end, provisioning a member with the default role', async () => {
    const { res, location, session } = await signInAs('alice');
    expect(res.status).toBe(302);
    expect(location).toBe('/');
    expect(session).toBeTruthy();
    const view = await sessionOf(session as string);
    expect(view.method).toBe('oidc');
    expect(view.user).toMatchObject({ email: `alice@${DOMAIN}`, displayName: 'Alice Example' });
    expect(view.memberships).toEqual([expect.objectContaining({ workspaceId: ws.id, workspaceName: 'Acme SSO', role: 'engineer' })]);

    // The provisioning is in the workspace's trail, attributed to the person who signed in.
    const trail = (await api<AuditPage>('GET', `/api/v1/workspaces/${ws.id}/audit-log?action=member.create`)).body.items;
    expect(trail[0]).toMatchObject({ actorType: 'user', actorLabel: 'Alice Example', targetId: view.memberships[0]?.memberId, details: { role: 'engineer', via: 'sso' } });
  });

  it('a second sign-in reuses the same member', async () => {
    const first = await sessionOf((await signInAs('bob')).session as string);
    const second = await sessionOf((await signInAs('bob')).session as string);
    expect(second.memberships).toHaveLength(1);
    expect(second.memberships[0]?.memberId).toBe(first.memberships[0]?.memberId);
    const members = (await api<{ items: MemberView[] }>('GET', `/api/v1/workspaces/${ws.id}/members`)).body.items;
    expect(members.filter((m) => m.email === `bob@${DOMAIN}`)).toEqual([expect.objectContaining({ role: 'engineer', hasAccount: true })]);
  });

  it('links a member who was added by email before their first sign-in, keeping their role', async () => {
    await api('POST', `/api/v1/workspaces/${ws.id}/members`, { displayName: 'Carol', email: `carol@${DOMAIN}`, role: 'compliance_lead' });
    const view = await sessionOf((await signInAs('carol')).session as string);
    expect(view.memberships).toEqual([expect.objectContaining({ workspaceId: ws.id, role: 'compliance_lead' })]);
  });

  it('refuses a replayed callback, a tampered state and a callback from another browser', async () => {
    const done = await signInAs('alice');
    // Replay: the state was consumed by the first use.
    const replay = await navigate(done.callback.href, done.stateCookie);
    expect(replay.location).toBe('/login?error=sso_state');
    expect(cookieOf(replay.res, SESSION_COOKIE)).toBeNull();

    // Tampered: a state Astrolabe never issued.
    const fresh = await start();
    const callback = await idp.signIn(fresh.authorizationUrl, 'alice');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state') ?? ''}x`);
    expect((await navigate(tampered.href, fresh.stateCookie)).location).toBe('/login?error=sso_state');

    // Login CSRF: a genuine callback URL opened in a browser that did not start the sign-in.
    const other = await start();
    const stolen = await idp.signIn(other.authorizationUrl, 'alice');
    const csrf = await navigate(stolen.href);
    expect(csrf.location).toBe('/login?error=sso_state');
    expect(cookieOf(csrf.res, SESSION_COOKIE)).toBeNull();

    // No state at all, or junk: still a redirect, never a 500.
    const bare = await navigate('/api/v1/auth/sso/callback');
    expect(bare.res.status).toBe(302);
    expect(bare.location).toBe('/login?error=sso_state');
  });

  it("refuses an email outside the workspace's domains, and an unverified one", async () => {
    const outsider = await signInAs('mallory');
    expect(outsider.location).toBe('/login?error=sso_domain');
    expect(outsider.session).toBeNull();
    const unverified = await signInAs('unverified');
    expect(unverified.location).toBe('/login?error=sso_email');
    expect(unverified.session).toBeNull();
    const emails = (await api<{ items: MemberView[] }>('GET', `/api/v1/workspaces/${ws.id}/members`)).body.items.map((m) => m.email);
    expect(emails).not.toContain('mallory@elsewhere.example');
    expect(emails).not.toContain(`eve@${DOMAIN}`);
    const accounts = await queryVia(server.db.url)<{ email: string }>('SELECT email FROM user_account WHERE email = ANY ($1)', [['mallory@elsewhere.example', `eve@${DOMAIN}`]]);
    expect(accounts).toEqual([]);
  });

  it('lands on the sign-in page when the person cancels at the provider', async () => {
    const { authorizationUrl, stateCookie } = await start();
    const callback = await idp.cancel(authorizationUrl);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect((await navigate(callback.href, stateCookie)).location).toBe('/login?error=sso_denied');
  });

  it('records settings changes without the secret', async () => {
    const items = (await api<AuditPage>('GET', `/api/v1/workspaces/${ws.id}/audit-log?action=sso.update`)).body.items;
    const saved = items.find((e) => e.outcome === 'success' && Array.isArray(e.details['changed']) && (e.details['changed'] as string[]).includes('clientSecret'));
    expect(saved?.details).toMatchObject({ issuer: idp.issuer, clientId: CLIENT_ID, domains: [DOMAIN, DOMAIN.toUpperCase()], changed: ['clientId', 'clientSecret', 'defaultRole', 'domains', 'issuer'] });
    expect(JSON.stringify(items)).not.toContain(CLIENT_SECRET);
  });

  it('turns off: DELETE, then GET null, discovery empty, start back to the sign-in page', async () => {
    expect((await api('DELETE', sso(ws))).status).toBe(204);
    expect((await api('GET', sso(ws))).text).toBe('null');
    expect((await api('GET', `/api/v1/auth/sso/discover?email=alice@${DOMAIN}`, undefined, { [ANONYMOUS]: '1' })).body).toMatchObject({ sso: false });
    const { res, location } = await navigate(`/api/v1/auth/sso/${ws.id}/start`);
    expect(res.status).toBe(302);
    expect(location).toBe('/login?error=sso_unavailable');
  });

  it('never shows the client secret in any response', () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const text of seen) expect(text).not.toContain(CLIENT_SECRET);
  });
});
