import { request } from 'node:http';
import type { MemberView, Problem, SessionView, Workspace } from '@astrolabe/api-contract';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILED } from '../src/auth/sign-in.service';
import { MutableSessionClock } from './support/mutable-clock';
import { createAccount, queryVia, signIn } from './support/sessions';
import { ANONYMOUS, AS_MEMBER, startTestServer, type TestServer } from './support/test-server';

const MINUTE = 60_000;
const PASSWORD = 'a long enough passphrase';

/** POST /auth/login with a fresh browser: status, body and the session cookie it set (if any). */
async function login(server: TestServer, email: string, password: string, headers: Record<string, string> = {}) {
  const res = await server.api<SessionView & Problem>('POST', '/api/v1/auth/login', { email, password }, { [ANONYMOUS]: '1', ...headers });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('astrolabe_session='));
  return { ...res, setCookie, cookie: setCookie?.split(';')[0] };
}

const as = (cookie: string | undefined, csrf?: string) => ({ [ANONYMOUS]: '1', cookie: cookie ?? '', ...(csrf ? { 'x-csrf-token': csrf } : {}) });

describe('sign-in: passwords, lockout, sessions, CSRF', () => {
  let server: TestServer;
  const sessionClock = new MutableSessionClock();

  beforeAll(async () => {
    server = await startTestServer({ ASTROLABE_LOGIN_MAX_FAILURES: '3', ASTROLABE_LOCKOUT_MINUTES: '15', ASTROLABE_SESSION_IDLE_MINUTES: '30', ASTROLABE_SESSION_MAX_HOURS: '12' }, { sessionClock });
    await createAccount(queryVia(server.db.url), { email: 'dana@example.com', displayName: 'Dana', password: PASSWORD });
    await createAccount(queryVia(server.db.url), { email: 'lee@example.com', displayName: 'Lee', password: PASSWORD });
  });
  afterAll(async () => server?.close());

  it('signs in with an httpOnly SameSite cookie and answers every failure with the same generic message', async () => {
    const ok = await login(server, 'Dana@Example.com', PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ email: 'dana@example.com', displayName: 'Dana' });
    expect(ok.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ok.setCookie).toMatch(/HttpOnly/i);
    expect(ok.setCookie).toMatch(/SameSite=Lax/i);
    // Loopback is the one place a cookie may travel without TLS.
    expect(ok.setCookie).not.toMatch(/Secure/i);
    // The cookie holds a random value; the database only its hash.
    const value = ok.cookie?.split('=')[1] ?? '';
    const stored = await queryVia(server.db.url)<{ id_hash: string }>('SELECT id_hash FROM auth_session');
    expect(stored.map((r) => r.id_hash)).not.toContain(value);

    const wrong = await login(server, 'dana@example.com', 'not the password');
    const unknown = await login(server, 'nobody@example.com', PASSWORD);
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body.detail).toBe(SIGN_IN_FAILED);
      expect(r.setCookie).toBeUndefined();
    }
  });

  it('sets Secure on the cookie anywhere but loopback', async () => {
    const url = new URL(server.url);
    const setCookie = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: url.port, path: '/api/v1/auth/login', method: 'POST', headers: { host: 'grc.example.com', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie'] ?? ''));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ email: 'dana@example.com', password: PASSWORD }));
    });
    expect(setCookie).toMatch(/astrolabe_session=.*Secure/i);
  });

  it('locks an account after repeated failures, with the same message, and unlocks after the lockout', async () => {
    for (let i = 0; i < 3; i++) expect((await login(server, 'lee@example.com', `guess ${i}`)).status).toBe(401);
    // Locked: even the right password is refused, and the answer does not say why.
    const locked = await login(server, 'lee@example.com', PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.body.detail).toBe(SIGN_IN_FAILED);
    sessionClock.advance(16 * MINUTE);
    expect((await login(server, 'lee@example.com', PASSWORD)).status).toBe(200);
  });

  it('rotates the session at sign-in: the cookie a browser had before no longer works', async () => {
    const first = await login(server, 'dana@example.com', PASSWORD);
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(first.cookie))).status).toBe(200);
    const second = await login(server, 'dana@example.com', PASSWORD, { cookie: first.cookie ?? '' });
    expect(second.cookie).not.toBe(first.cookie);
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(first.cookie))).status).toBe(401);
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(second.cookie))).status).toBe(200);
  });

  it('ends a session after the idle timeout, and after the absolute timeout even when in use', async () => {
    const idle = await login(server, 'dana@example.com', PASSWORD);
    sessionClock.advance(29 * MINUTE);
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(idle.cookie))).status).toBe(200);
    sessionClock.advance(29 * MINUTE);
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(idle.cookie))).status).toBe(200);
    sessionClock.advance(31 * MINUTE);
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(idle.cookie))).status).toBe(401);

    const busy = await login(server, 'dana@example.com', PASSWORD);
    for (let hour = 0; hour < 12; hour++) {
      expect((await server.api('GET', '/api/v1/auth/session', undefined, as(busy.cookie))).status, `hour ${hour}`).toBe(200);
      sessionClock.advance(25 * MINUTE);
      await server.api('GET', '/api/v1/auth/session', undefined, as(busy.cookie));
      sessionClock.advance(25 * MINUTE);
      await server.api('GET', '/api/v1/auth/session', undefined, as(busy.cookie));
      sessionClock.advance(10 * MINUTE);
    }
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(busy.cookie))).status).toBe(401);
  });

  it('requires the CSRF token on every change made with the cookie', async () => {
    const s = await login(server, 'dana@example.com', PASSWORD);
    const body = { slug: 'dana-csrf', name: 'Dana' };
    const none = await server.api<Problem>('POST', '/api/v1/workspaces', body, as(s.cookie));
    expect(none.status).toBe(403);
    expect(none.body.detail).toMatch(/x-csrf-token/);
    expect((await server.api('POST', '/api/v1/workspaces', body, as(s.cookie, 'forged-token'))).status).toBe(403);
    // The token of another session is no better.
    expect((await server.api('POST', '/api/v1/workspaces', body, as(s.cookie, server.ownerHeaders['x-csrf-token']))).status).toBe(403);
    expect((await server.api('POST', '/api/v1/workspaces', body, as(s.cookie, s.body.csrfToken))).status).toBe(201);
  });

  it('logs out one session, or every session of the user', async () => {
    const other = await login(server, 'lee@example.com', PASSWORD);
    const laptop = await login(server, 'dana@example.com', PASSWORD);
    const phone = await login(server, 'dana@example.com', PASSWORD);
    const tablet = await login(server, 'dana@example.com', PASSWORD);
    expect((await server.api('POST', '/api/v1/auth/logout', undefined, as(laptop.cookie, laptop.body.csrfToken))).status).toBe(204);
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(laptop.cookie))).status).toBe(401);
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(phone.cookie))).status).toBe(200);
    const all = await server.api<{ ended: number }>('POST', '/api/v1/auth/logout-all', undefined, as(phone.cookie, phone.body.csrfToken));
    expect(all.status).toBe(200);
    expect(all.body.ended).toBeGreaterThanOrEqual(2);
    for (const c of [phone, tablet]) expect((await server.api('GET', '/api/v1/auth/session', undefined, as(c.cookie))).status).toBe(401);
    // Other people's sessions are untouched.
    expect((await server.api('GET', '/api/v1/auth/session', undefined, as(other.cookie))).status).toBe(200);
  });

  it('throttles sign-in attempts per client IP across accounts', async () => {
    const throttled = await startTestServer({ ASTROLABE_LOGIN_ATTEMPTS_PER_MINUTE: '4' });
    try {
      // The test owner's own sign-in was the first of the four.
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await login(throttled, `spray${i}@example.com`, 'Winter2026!')).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await throttled.close();
    }
  });
});

describe('invitations, API tokens and the first owner', () => {
  let server: TestServer;
  let ws: Workspace;
  let base: string;
  let db: Client;

  beforeAll(async () => {
    server = await startTestServer();
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    ws = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'invites', name: 'Invites' });
    base = `/api/v1/workspaces/${ws.id}`;
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
  });

  const tokenOf = (acceptUrl: string) => new URL(acceptUrl).hash.replace('#token=', '');

  it('invites an auditor for an engagement: one-time link, new account, access only inside the window', async () => {
    const now = Date.now();
    const noEnd = await server.api<Problem>('POST', `${base}/invitations`, { email: 'ada@audit.example', role: 'auditor' });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.errors?.map((e) => e.field)).toEqual(['accessEndsAt']);
    const created = await server.api<{ id: string; acceptUrl: string; state: string }>('POST', `${base}/invitations`, {
      email: 'Ada@Audit.example',
      role: 'auditor',
      accessStartsAt: new Date(now - MINUTE).toISOString(),
      accessEndsAt: new Date(now + 30 * 86_400_000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('open');
    const token = tokenOf(created.body.acceptUrl);
    // Listed without the link; stored as a hash.
    const listed = await server.api<{ items: Record<string, unknown>[] }>('GET', `${base}/invitations`);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await db.query('SELECT token_hash FROM invitation')).rows.map((r: { token_hash: string }) => r.token_hash)).not.toContain(token);

    const preview = await server.api('GET', `/api/v1/invitations/preview?token=${token}`, undefined, { [ANONYMOUS]: '1' });
    expect(preview.body).toEqual({ workspaceName: 'Invites', email: 'ada@audit.example', role: 'auditor', hasAccount: false });
    const short = await server.api<Problem>('POST', '/api/v1/invitations/accept', { token, displayName: 'Ada', password: 'short' }, { [ANONYMOUS]: '1' });
    expect(short.status).toBe(400);
    expect(short.body.errors?.map((e) => e.field)).toEqual(['password']);
    const accepted = await server.api<SessionView>('POST', '/api/v1/invitations/accept', { token, displayName: 'Ada Auditor', password: PASSWORD }, { [ANONYMOUS]: '1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships).toEqual([expect.objectContaining({ workspaceId: ws.id, role: 'auditor' })]);
    expect((await server.api('POST', '/api/v1/invitations/accept', { token, displayName: 'Ada', password: PASSWORD }, { [ANONYMOUS]: '1' })).status).toBe(410);

    // The auditor signs in with the new password, reads, and cannot change anything.
    const auditor = await signIn(server.url, 'ada@audit.example', PASSWORD);
    expect((await server.api('GET', `${base}/overview`, undefined, { [ANONYMOUS]: '1', ...auditor })).status).toBe(200);
    expect((await server.api('GET', `${base}/audit-log`, undefined, { [ANONYMOUS]: '1', ...auditor })).status).toBe(200);
    const write = await server.api<Problem>('PUT', `${base}/settings/sla`, { critical: 1, high: 2, medium: 3, low: 4, info: 5 }, { [ANONYMOUS]: '1', ...auditor });
    expect(write.status).toBe(403);
    expect(write.body.detail).toMatch(/auditor/);

    // The engagement ends: the same session is refused.
    const member = (await server.call<{ items: MemberView[] }>('GET', `${base}/members`)).items.find((m) => m.email === 'ada@audit.example');
    expect(member).toMatchObject({ role: 'auditor', hasAccount: true });
    await server.call('PATCH', `${base}/members/${member!.id}`, { accessEndsAt: new Date(Date.now() - 1000).toISOString() });
    const after = await server.api<Problem>('GET', `${base}/overview`, undefined, { [ANONYMOUS]: '1', ...auditor });
    expect(after.status).toBe(403);
    expect(after.body.detail).toMatch(/ended/);
  });

  it('refuses a revoked invitation and an expired one with 410, and an engineer may not invite', async () => {
    const inv = await server.call<{ id: string; acceptUrl: string }>('POST', `${base}/invitations`, { email: 'rev@example.com', role: 'viewer' });
    await server.call('POST', `${base}/invitations/${inv.id}/revoke`);
    expect((await server.api('GET', `/api/v1/invitations/preview?token=${tokenOf(inv.acceptUrl)}`, undefined, { [ANONYMOUS]: '1' })).status).toBe(410);
    const old = await server.call<{ id: string; acceptUrl: string }>('POST', `${base}/invitations`, { email: 'old@example.com', role: 'viewer' });
    await db.query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [old.id]);
    expect((await server.api('POST', '/api/v1/invitations/accept', { token: tokenOf(old.acceptUrl), displayName: 'Old', password: PASSWORD }, { [ANONYMOUS]: '1' })).status).toBe(410);

    const engineer = await server.call<MemberView>('POST', `${base}/members`, { displayName: 'Eli', email: 'eli@example.com', role: 'engineer' });
    expect((await server.api('POST', `${base}/invitations`, { email: 'x@example.com', role: 'viewer' }, { [AS_MEMBER]: engineer.id })).status).toBe(403);
  });

  it('an existing account joins by proving its password; a member added by email is linked', async () => {
    await createAccount(queryVia(server.db.url), { email: 'sam@example.com', displayName: 'Sam', password: PASSWORD });
    const added = await server.call<MemberView>('POST', `${base}/members`, { displayName: 'Sam S.', email: 'sam@example.com', role: 'engineer' });
    expect(added.hasAccount).toBe(false);
    const inv = await server.call<{ acceptUrl: string }>('POST', `${base}/invitations`, { email: 'sam@example.com', role: 'engineer' });
    const token = tokenOf(inv.acceptUrl);
    expect((await server.api<{ hasAccount: boolean }>('GET', `/api/v1/invitations/preview?token=${token}`, undefined, { [ANONYMOUS]: '1' })).body.hasAccount).toBe(true);
    expect((await server.api('POST', '/api/v1/invitations/accept', { token, password: 'wrong password here' }, { [ANONYMOUS]: '1' })).status).toBe(401);
    const ok = await server.api<SessionView>('POST', '/api/v1/invitations/accept', { token, password: PASSWORD }, { [ANONYMOUS]: '1' });
    expect(ok.status).toBe(200);
    expect(ok.body.memberships.map((m) => m.memberId)).toEqual([added.id]);
  });

  it('API tokens: shown once, stored hashed, scoped to one workspace and role, revocable', async () => {
    const created = await server.api<{ id: string; token: string; role: string; state: string }>('POST', `${base}/tokens`, { name: 'CI', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^astro_[A-Za-z0-9_-]{43}$/);
    const bearer = { [ANONYMOUS]: '1', authorization: `Bearer ${created.body.token}` };
    const listed = await server.api('GET', `${base}/tokens`);
    expect(listed.text).not.toContain(created.body.token);
    expect((await db.query('SELECT token_hash FROM api_token')).rows.map((r: { token_hash: string }) => r.token_hash)).not.toContain(created.body.token);

    expect((await server.api('GET', `${base}/overview`, undefined, bearer)).status).toBe(200);
    // A viewer token cannot change anything, needs no CSRF token, and sees only its workspace.
    expect((await server.api('PUT', `${base}/settings/sla`, { critical: 1, high: 2, medium: 3, low: 4, info: 5 }, bearer)).status).toBe(403);
    const other = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'other-ws', name: 'Other' });
    expect((await server.api('GET', `/api/v1/workspaces/${other.id}/overview`, undefined, bearer)).status).toBe(404);
    expect((await server.api<{ items: Workspace[] }>('GET', '/api/v1/workspaces', undefined, bearer)).body.items.map((w) => w.id)).toEqual([ws.id]);

    // Nobody mints a token above their own role.
    const engineer = (await server.call<{ items: MemberView[] }>('GET', `${base}/members`)).items.find((m) => m.role === 'engineer')!;
    await server.call('PATCH', `${base}/members/${engineer.id}`, { role: 'admin' });
    expect((await server.api('POST', `${base}/tokens`, { name: 'escalate', role: 'owner' }, { [AS_MEMBER]: engineer.id })).status).toBe(403);

    const revoked = await server.call<{ state: string }>('POST', `${base}/tokens/${created.body.id}/revoke`);
    expect(revoked.state).toBe('revoked');
    const after = await server.api<Problem>('GET', `${base}/overview`, undefined, bearer);
    expect(after.status).toBe(401);
    expect(after.text).not.toContain(created.body.token);
    expect((await server.api('GET', `${base}/overview`, undefined, { [ANONYMOUS]: '1', authorization: 'Bearer astro_not-a-token' })).status).toBe(401);
  });

  it('lists only the workspaces a person belongs to, and answers 404 for the others', async () => {
    await createAccount(queryVia(server.db.url), { email: 'outsider@example.com', displayName: 'Outsider', password: PASSWORD });
    const outsider = await signIn(server.url, 'outsider@example.com', PASSWORD);
    expect((await server.api<{ items: Workspace[] }>('GET', '/api/v1/workspaces', undefined, { [ANONYMOUS]: '1', ...outsider })).body.items).toEqual([]);
    const probe = await server.api('GET', `${base}/overview`, undefined, { [ANONYMOUS]: '1', ...outsider });
    expect(probe.status).toBe(404);
    expect(probe.text).not.toContain('Invites');
  });
});
