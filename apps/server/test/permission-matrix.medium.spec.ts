import { createServer } from 'node:net';
import {
  MEMBER_ROLES,
  PERMISSIONS,
  roleMay,
  type ControlDetail,
  type ControlPage,
  type ExceptionView,
  type ManualEvidenceView,
  type MemberRole,
  type MemberView,
  type Permission,
  type Problem,
  type Run,
  type Workspace,
} from '@astrolabe/api-contract';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../src/http/openapi';
import { SessionClock } from '../src/platform/clock.adapter';
import { ANONYMOUS, AS_MEMBER, startTestServer, type TestServer } from './support/test-server';

// The permission matrix (PERMISSIONS in the API contract) checked against the running server:
// every workspace route of the route table, called as every role, with real ids in the path.
// Generated from ROUTES: a new route fails here until it has fixtures (ids and a body).

type Route = (typeof ROUTES)[number];
type Role = MemberRole;

const DAY = 86_400_000;
const WS_PREFIX = '/api/v1/workspaces/{workspaceId}';
const isPermission = (access: string): access is Permission => Object.hasOwn(PERMISSIONS, access);
const routeName = (r: Route) => `${r.method.toUpperCase()} ${r.path}`;
const PERMISSION_ROUTES = ROUTES.filter((r) => isPermission(r.access));
const permissionOf = (r: Route): Permission => r.access as Permission;

/**
 * Permissions of the matrix that no route names, because a service checks them inside a broader
 * route (with the reason). Everything else in PERMISSIONS must guard at least one route.
 */
const CHECKED_IN_SERVICES: Partial<Record<Permission, string>> = {
  'exceptions.revoke': 'POST …/exceptions/{id}/revoke is exceptions.request (requesters withdraw their own request); ExceptionsService.revoke asks exceptions.revoke for anyone else’s',
};

/** A wall clock for sign-in security that the test can move (token expiry). */
class MovableSessionClock extends SessionClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** A loopback port nothing listens on: connections and SSO discovery fail fast there. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 9;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** What one call needs: path parameters and a body (undefined: none). */
interface Call {
  params?: Record<string, string>;
  body?: unknown;
}
/** Per route: the call a role makes, prepared just before it (fresh fixtures for destructive routes). */
type Plan = (role: Role) => Promise<Call> | Call;

interface Outcome {
  route: Route;
  role: Role;
  allowed: boolean;
  status: number;
}

describe('permission matrix: every workspace route × every role, as the server enforces it', () => {
  const sessionClock = new MovableSessionClock();
  let server: TestServer;
  let db: Client;
  let ws: Workspace;
  let base: string;
  let deadPort: number;
  const members = {} as Record<Role, MemberView>;
  const ids: Record<string, string> = {};
  const plans = new Map<string, Plan>();
  const outcomes: Outcome[] = [];
  const failures: string[] = [];
  /** Catalog controls nobody else uses here: one per exception fixture (one open exception per control). */
  let freeControls: string[] = [];
  let invitations = 0;
  const today = () => new Date().toISOString().slice(0, 10);
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const as = (m: MemberView) => ({ [AS_MEMBER]: m.id });
  const slugOf = (role: Role) => role.replace('_', '-');
  const must = async <T>(res: Promise<{ status: number; body: T; text: string }>, what: string): Promise<T> => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what} → ${r.status}: ${r.text}`);
    return r.body;
  };

  const nextControl = () => {
    const id = freeControls.shift();
    if (!id) throw new Error('ran out of catalog controls for exception fixtures');
    return id;
  };
  /** An exception requested by the engineer: anyone but the engineer may decide it; the engineer may withdraw it. */
  const requestedByEngineer = async () =>
    (
      await must(
        server.api<ExceptionView>('POST', `${base}/exceptions`, { scope: 'control', controlId: nextControl(), reason: 'Fixture of the permission matrix test', expiresAt: inDays(30) }, as(members.engineer)),
        'request an exception',
      )
    ).id;

  beforeAll(async () => {
    deadPort = await closedPort();
    // API only: no worker or scheduler, so the queued runs of this test never run.
    server = await startTestServer({ ASTROLABE_ROLES: 'api' }, { sessionClock });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    ws = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'matrix', name: 'Matrix' });
    base = `/api/v1/workspaces/${ws.id}`;
    members.owner = (await server.call<{ items: MemberView[] }>('GET', `${base}/members`)).items[0]!;
    const add = async (displayName: string, role: Role) =>
      must(server.api<MemberView>('POST', `${base}/members`, { displayName, email: `${displayName.split(' ')[0]!.toLowerCase()}@matrix.example`, role }, as(members.owner)), `add ${role}`);
    members.admin = await add('Ada Admin', 'admin');
    members.compliance_lead = await add('Lena Lead', 'compliance_lead');
    members.engineer = await add('Eli Engineer', 'engineer');
    members.auditor = await add('Aud Auditor', 'auditor');
    members.viewer = await add('Vic Viewer', 'viewer');
    // An auditor's engagement that includes now.
    await must(server.api('PATCH', `${base}/members/${members.auditor.id}`, { accessStartsAt: inDays(-1), accessEndsAt: inDays(30) }, as(members.owner)), 'auditor window');
    const target = await add('Tess Target', 'engineer');

    const connection = await server.call<{ id: string }>('POST', `${base}/connections`, {
      connectorId: 'aws-iam',
      name: 'matrix',
      config: { endpointUrl: `http://127.0.0.1:${deadPort}` },
      secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'matrix-secret' },
    });
    const run = await server.call<Run>('POST', `${base}/connections/${connection.id}/runs`);

    const controls = (await server.call<ControlPage>('GET', `${base}/controls?limit=500`)).items;
    const manualControl = 'ctl-incident-response-plan';
    const requirementId = (await server.call<ControlDetail>('GET', `${base}/controls/${manualControl}`)).evidence[0]!.id;
    freeControls = controls.map((c) => c.id).filter((id) => id !== manualControl);

    // A file of manual evidence (the download route needs a file, not a link).
    const form = new FormData();
    form.set('requirementId', requirementId);
    form.set('effectiveOn', today());
    form.set('reviewerId', members.compliance_lead.id);
    form.set('file', new Blob(['matrix evidence'], { type: 'text/plain' }), 'matrix.txt');
    const upload = await fetch(`${server.url}${base}/controls/${manualControl}/evidence`, { method: 'POST', body: form, headers: await server.sessionFor(members.owner.id) });
    if (upload.status !== 201) throw new Error(`evidence upload → ${upload.status}: ${await upload.text()}`);
    const evidence = (await upload.json()) as ManualEvidenceView;

    const custom = await server.call<ControlDetail>('POST', `${base}/controls`, {
      id: 'ctl-matrix-fixture',
      title: 'Matrix fixture control',
      description: 'A custom control the mapping routes work on.',
      category: 'communications',
      manualEvidence: [{ id: 'notes', title: 'Notes', description: 'Review notes.', cadenceDays: 365 }],
    });
    // Raw evidence as a collection would store it (no run executes here).
    const hash = 'ab'.repeat(32);
    await db.query(`INSERT INTO evidence_blob (workspace_id, hash, kind, canonical) VALUES ($1, $2, 'aws-iam.users', '{"users":[]}')`, [ws.id, hash]);
    const exception = await requestedByEngineer();
    const invitation = await server.call<{ id: string }>('POST', `${base}/invitations`, { email: 'fixture-invitee@matrix.example', role: 'viewer' });
    const token = await server.call<{ id: string }>('POST', `${base}/tokens`, { name: 'fixture', role: 'viewer' });

    Object.assign(ids, {
      workspaceId: ws.id,
      connectionId: connection.id,
      runId: run.id,
      checkId: controls.find((c) => c.checkIds.length > 0)?.checkIds[0] ?? 'aws-iam.console-user-mfa',
      controlId: manualControl,
      evidenceId: evidence.id,
      frameworkId: 'soc2-tsc-2017',
      requirementId: 'CC2.3',
      exceptionId: exception,
      memberId: target.id,
      invitationId: invitation.id,
      tokenId: token.id,
      hash,
    });

    // ---- what each route sends (bodies valid where feasible; fresh fixtures where a call consumes one)
    const plan = (method: string, path: string, p: Plan) => plans.set(`${method} ${WS_PREFIX}${path}`, p);
    const mapping = `/frameworks/{frameworkId}/requirements/{requirementId}/controls`;
    plan('POST', '/connections', (role) => ({
      body: { connectorId: 'aws-iam', name: `by ${role}`, config: { endpointUrl: `http://127.0.0.1:${deadPort}` }, secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }, enabled: false },
    }));
    plan('PATCH', '/connections/{connectionId}', (role) => ({ body: { name: `renamed by ${role}` } }));
    plan('POST', '/controls', (role) => ({
      body: { id: `ctl-matrix-by-${slugOf(role)}`, title: `Made by ${role}`, description: 'A custom control.', category: 'communications', manualEvidence: [{ id: 'notes', title: 'Notes', description: 'Notes.', cadenceDays: 90 }] },
    }));
    plan('PATCH', '/controls/{controlId}', () => ({ body: { trustLabel: 'in_progress' } }));
    plan('POST', '/controls/{controlId}/evidence', (role) => ({
      body: { requirementId, effectiveOn: today(), reviewerId: members.compliance_lead.id, url: `https://docs.example.com/${role}` },
    }));
    plan('PUT', '/frameworks/{frameworkId}', () => ({ body: { enabled: true } }));
    plan('PUT', '/frameworks/{frameworkId}/requirements/{requirementId}/scope', () => ({ body: { inScope: true } }));
    plan('POST', mapping, () => ({ body: { controlId: custom.id } }));
    // Each call removes a mapping that exists right then.
    plan('DELETE', `${mapping}/{controlId}`, async () => {
      await server.api('POST', `${base}/frameworks/soc2-tsc-2017/requirements/CC2.3/controls`, { controlId: custom.id });
      return { params: { controlId: custom.id } };
    });
    plan('POST', '/exceptions', () => ({ body: { scope: 'control', controlId: nextControl(), reason: 'Requested in the permission matrix test', expiresAt: inDays(30) } }));
    for (const verb of ['approve', 'reject', 'revoke']) plan('POST', `/exceptions/{exceptionId}/${verb}`, async () => ({ params: { exceptionId: await requestedByEngineer() }, body: { note: verb } }));
    plan('PUT', '/settings/sla', () => ({ body: { critical: 7, high: 30, medium: 90, low: 180, info: 365 } }));
    plan('POST', '/members', (role) => ({ body: { displayName: `Added by ${role}`, email: `added-by-${slugOf(role)}@matrix.example`, role: 'viewer' } }));
    plan('PATCH', '/members/{memberId}', () => ({ body: { role: 'engineer' } }));
    plan('POST', '/invitations', (role) => ({ body: { email: `invited-by-${slugOf(role)}@matrix.example`, role: 'viewer' } }));
    plan('POST', '/invitations/{invitationId}/revoke', async () => ({
      params: { invitationId: (await server.call<{ id: string }>('POST', `${base}/invitations`, { email: `revoke-${++invitations}@matrix.example`, role: 'viewer' })).id },
    }));
    plan('POST', '/tokens', (role) => ({ body: { name: `made by ${role}`, role: 'viewer' } }));
    plan('POST', '/tokens/{tokenId}/revoke', async () => ({ params: { tokenId: (await server.call<{ id: string }>('POST', `${base}/tokens`, { name: 'to revoke', role: 'viewer' })).id } }));
    plan('PUT', '/sso', () => ({ body: { issuer: `http://127.0.0.1:${deadPort}`, clientId: 'matrix', clientSecret: 'matrix-client-secret', domains: ['matrix.example'] } }));
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
  });

  /** The request a role makes on a route: path with real ids (plan overrides first), and the body. */
  async function requestFor(route: Route, role: Role): Promise<{ path: string; body: unknown }> {
    const plan = plans.get(routeName(route));
    const call = plan ? await plan(role) : {};
    if (route.body && call.body === undefined) throw new Error(`${routeName(route)} takes a body: add a plan for it in this test`);
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const id = call.params?.[name] ?? ids[name];
      if (id === undefined) throw new Error(`${routeName(route)}: no fixture id for {${name}}; add one in this test`);
      return encodeURIComponent(id);
    });
    return { path, body: call.body };
  }

  describe('the route table', () => {
    it('names a permission for every workspace route, and every permission guards a route (or is checked in a service)', () => {
      const workspaceRoutes = ROUTES.filter((r) => r.path === WS_PREFIX || r.path.startsWith(`${WS_PREFIX}/`));
      expect(workspaceRoutes.length).toBeGreaterThan(40);
      expect(workspaceRoutes.filter((r) => !isPermission(r.access)).map(routeName)).toEqual([]);
      // The guard takes the workspace from the path: a permission on any other path refuses everyone.
      expect(PERMISSION_ROUTES.filter((r) => !r.path.startsWith(WS_PREFIX)).map(routeName)).toEqual([]);
      const used = new Set(PERMISSION_ROUTES.map(permissionOf));
      const unused = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => !used.has(p));
      expect(unused.sort()).toEqual((Object.keys(CHECKED_IN_SERVICES) as Permission[]).sort());
      // Every role is in the matrix somewhere, and owner may do everything.
      for (const role of MEMBER_ROLES) expect((Object.keys(PERMISSIONS) as Permission[]).some((p) => roleMay(role, p))).toBe(true);
      for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(roleMay('owner', p), p).toBe(true);
    });
  });

  describe('every permission route as every role (denied roles first, so fixtures survive)', () => {
    for (const route of PERMISSION_ROUTES) {
      it(routeName(route), async () => {
        const permission = permissionOf(route);
        const roles = [...MEMBER_ROLES].sort((a, b) => Number(roleMay(a, permission)) - Number(roleMay(b, permission)));
        const problems: string[] = [];
        for (const role of roles) {
          const allowed = roleMay(role, permission);
          const { path, body } = await requestFor(route, role);
          const res = await server.api<Problem>(route.method.toUpperCase(), path, body, as(members[role]));
          outcomes.push({ route, role, allowed, status: res.status });
          const where = `${routeName(route)} as ${role} (${permission}) → ${res.status} ${res.text.slice(0, 200)}`;
          if (res.status >= 500) problems.push(`5xx: ${where}`);
          if (allowed && (res.status === 401 || res.status === 403)) problems.push(`allowed but refused: ${where}`);
          if (!allowed) {
            if (res.status !== 403) problems.push(`denied but got ${where}`);
            else if (!res.headers.get('content-type')?.startsWith('application/problem+json')) problems.push(`403 not problem+json: ${where}`);
            else if (!res.body.detail?.includes(`allowed roles: ${PERMISSIONS[permission].join(', ')}`)) problems.push(`403 without the allowed roles: ${where}`);
          }
        }
        failures.push(...problems);
        expect(problems).toEqual([]);
      }, 60_000);
    }

    it('summarises the matrix', () => {
      const cell = (o: Outcome) => `${o.role.slice(0, 5)}:${o.status}`;
      const byRoute = new Map<Route, Outcome[]>();
      for (const o of outcomes) byRoute.set(o.route, [...(byRoute.get(o.route) ?? []), o]);
      const lines = [...byRoute].map(([r, os]) => {
        const sorted = [...os].sort((a, b) => MEMBER_ROLES.indexOf(a.role) - MEMBER_ROLES.indexOf(b.role));
        return `  ${routeName(r).replace(WS_PREFIX, '…').padEnd(78)} ${permissionOf(r).padEnd(19)} ${sorted.map(cell).join(' ')}`;
      });
      const allowed = outcomes.filter((o) => o.allowed);
      const denied = outcomes.filter((o) => !o.allowed);
      const histogram = (os: Outcome[]) =>
        [...os.reduce((m, o) => m.set(o.status, (m.get(o.status) ?? 0) + 1), new Map<number, number>())]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ');
      console.log(
        [
          `permission matrix: ${byRoute.size} routes × ${MEMBER_ROLES.length} roles = ${outcomes.length} calls; allowed ${allowed.length} (${histogram(allowed)}), denied ${denied.length} (${histogram(denied)}); ${failures.length} failures`,
          ...lines,
        ].join('\n'),
      );
      expect(byRoute.size).toBe(PERMISSION_ROUTES.length);
      expect(outcomes.length).toBe(PERMISSION_ROUTES.length * MEMBER_ROLES.length);
      expect(denied.every((o) => o.status === 403)).toBe(true);
    });
  });

  describe('permissions checked in services', () => {
    it('exceptions.revoke: an engineer withdraws only its own request, a lead revokes anyone’s', async () => {
      const leads = await must(
        server.api<ExceptionView>('POST', `${base}/exceptions`, { scope: 'control', controlId: nextControl(), reason: 'Requested by the lead for this check', expiresAt: inDays(30) }, as(members.compliance_lead)),
        'request',
      );
      const refused = await server.api<Problem>('POST', `${base}/exceptions/${leads.id}/revoke`, { note: 'not mine' }, as(members.engineer));
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain(PERMISSIONS['exceptions.revoke'].join(', '));
      expect((await server.api('POST', `${base}/exceptions/${leads.id}/revoke`, { note: 'lead' }, as(members.admin))).status).toBe(200);
    });
  });

  describe('access windows', () => {
    it('refuses an auditor whose engagement has ended, or not started yet, even a read', async () => {
      const ended = await must(server.api<MemberView>('POST', `${base}/members`, { displayName: 'Old Auditor', email: 'old-auditor@matrix.example', role: 'auditor' }, as(members.owner)), 'add');
      await must(server.api('PATCH', `${base}/members/${ended.id}`, { accessStartsAt: inDays(-60), accessEndsAt: inDays(-1) }, as(members.owner)), 'window');
      const early = await must(server.api<MemberView>('POST', `${base}/members`, { displayName: 'Next Auditor', email: 'next-auditor@matrix.example', role: 'auditor' }, as(members.owner)), 'add');
      await must(server.api('PATCH', `${base}/members/${early.id}`, { accessStartsAt: inDays(1), accessEndsAt: inDays(60) }, as(members.owner)), 'window');

      for (const [m, phrase] of [
        [ended, 'ended at'],
        [early, 'starts at'],
      ] as const) {
        for (const path of [base, `${base}/audit-log`, `${base}/controls`]) {
          const res = await server.api<Problem>('GET', path, undefined, as(m));
          expect(res.status, `${m.displayName} GET ${path}`).toBe(403);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(res.body.detail).toContain(phrase);
        }
      }
      // The auditor inside the window reads.
      expect((await server.api('GET', `${base}/audit-log`, undefined, as(members.auditor))).status).toBe(200);
    });
  });

  describe('API tokens', () => {
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const createToken = async (by: MemberView, body: Record<string, unknown>) => must(server.api<{ id: string; token: string }>('POST', `${base}/tokens`, body, as(by)), 'create token');

    it('a viewer token reads but may not change anything', async () => {
      const { token } = await createToken(members.owner, { name: 'ci viewer', role: 'viewer' });
      expect((await server.api('GET', base, undefined, bearer(token))).status).toBe(200);
      expect((await server.api('GET', `${base}/controls`, undefined, bearer(token))).status).toBe(200);
      const write = await server.api<Problem>('POST', `${base}/members`, { displayName: 'Via Token', email: 'via-token@matrix.example', role: 'viewer' }, bearer(token));
      expect(write.status).toBe(403);
      expect(write.body.detail).toContain('allowed roles: owner, admin');
      // Viewers do not read the audit trail, tokens included.
      expect((await server.api('GET', `${base}/audit-log`, undefined, bearer(token))).status).toBe(403);
    });

    it('never does more than its creator may do today: demoting the creator demotes the token', async () => {
      const admin = await must(server.api<MemberView>('POST', `${base}/members`, { displayName: 'Tom Tokenmaker', email: 'tokenmaker@matrix.example', role: 'admin' }, as(members.owner)), 'add');
      const { token } = await createToken(admin, { name: 'ci admin', role: 'admin' });
      expect((await server.api('GET', `${base}/tokens`, undefined, bearer(token))).status).toBe(200);
      await must(server.api('PATCH', `${base}/members/${admin.id}`, { role: 'viewer' }, as(members.owner)), 'demote');
      const refused = await server.api<Problem>('GET', `${base}/tokens`, undefined, bearer(token));
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain('This admin token (created by a viewer)');
      expect((await server.api<Problem>('POST', `${base}/members`, { displayName: 'X', email: 'x@matrix.example', role: 'viewer' }, bearer(token))).status).toBe(403);
      // What the creator may still do, the token still does.
      expect((await server.api('GET', base, undefined, bearer(token))).status).toBe(200);
    });

    it('a revoked token is 401', async () => {
      const { id, token } = await createToken(members.owner, { name: 'soon revoked', role: 'viewer' });
      expect((await server.api('GET', base, undefined, bearer(token))).status).toBe(200);
      await must(server.api('POST', `${base}/tokens/${id}/revoke`, undefined, as(members.owner)), 'revoke');
      const res = await server.api<Problem>('GET', base, undefined, bearer(token));
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('an expired token is 401', async () => {
      const { token } = await createToken(members.owner, { name: 'short lived', role: 'viewer', expiresAt: new Date(sessionClock.now().getTime() + 60_000).toISOString() });
      expect((await server.api('GET', base, undefined, bearer(token))).status).toBe(200);
      sessionClock.offsetMs = 120_000;
      try {
        expect((await server.api('GET', base, undefined, bearer(token))).status).toBe(401);
      } finally {
        sessionClock.offsetMs = 0;
      }
      // A token of one workspace is nobody in another.
      const other = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'matrix-other', name: 'Other' });
      const { token: ownerToken } = await createToken(members.owner, { name: 'here only', role: 'owner' });
      expect((await server.api('GET', `/api/v1/workspaces/${other.id}`, undefined, bearer(ownerToken))).status).toBe(404);
    });
  });

  describe('CSRF', () => {
    it('refuses a cookie session without (or with a wrong) x-csrf-token on a change, but not on a read', async () => {
      const { cookie = '' } = await server.sessionFor(members.compliance_lead.id);
      const change = { trustLabel: 'in_progress' };
      const path = `${base}/controls/ctl-incident-response-plan`;
      const bare = await server.api<Problem>('PATCH', path, change, { [ANONYMOUS]: '1', cookie });
      expect(bare.status).toBe(403);
      expect(bare.body.detail).toContain('x-csrf-token');
      expect((await server.api('PATCH', path, change, { [ANONYMOUS]: '1', cookie, 'x-csrf-token': 'forged' })).status).toBe(403);
      expect((await server.api('GET', path, undefined, { [ANONYMOUS]: '1', cookie })).status).toBe(200);
      expect((await server.api('PATCH', path, change, as(members.compliance_lead))).status).toBe(200);
    });
  });
});
