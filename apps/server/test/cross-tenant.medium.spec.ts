import { createServer } from 'node:net';
import {
  PERMISSIONS,
  type AuditPage,
  type ControlDetail,
  type ExceptionView,
  type FindingView,
  type ManualEvidenceView,
  type MemberView,
  type Permission,
  type Run,
  type Workspace,
} from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../src/http/openapi';
import { startTestIdp, type TestIdp } from './support/oidc-test-provider';
import { ANONYMOUS, createAccount, queryVia, signIn, startTestServer, waitForRun, type TestServer } from './support/test-server';

// Tenant isolation probed through the HTTP API: workspace B is full of objects, and a member of
// workspace A only (its owner's session, and A's API token) calls every workspace route with B's
// workspace id, then with A's workspace id and B's object ids. Every answer must be a 404 (or a
// 400 where the id is checked as input), never a 5xx, and no answer may carry anything of B's.

type Route = (typeof ROUTES)[number];
const DAY = 86_400_000;
const WS_PREFIX = '/api/v1/workspaces/{workspaceId}';
const isPermission = (access: string): access is Permission => Object.hasOwn(PERMISSIONS, access);
const WORKSPACE_ROUTES = ROUTES.filter((r) => isPermission(r.access));
const routeName = (r: Route) => `${r.method.toUpperCase()} ${r.path}`;
const paramsOf = (r: Route) => [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
/** Path parameters that name an object of one workspace (the others name catalog entries shared by all). */
const TENANT_PARAMS = ['connectionId', 'runId', 'controlId', 'evidenceId', 'exceptionId', 'memberId', 'invitationId', 'tokenId', 'hash'];
/**
 * Where another workspace's id is answered 400 rather than 404, because the service checks it as
 * input ("no control … in this workspace") before it looks anything up: still reveals nothing.
 */
const FOREIGN_ID_IS_400: Record<string, string> = {
  [`DELETE ${WS_PREFIX}/frameworks/{frameworkId}/requirements/{requirementId}/controls/{controlId} controlId`]: 'FrameworksService.map validates the control like the POST body',
};

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 9;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

interface Tenant {
  ws: Workspace;
  base: string;
  /** A real id per path parameter. */
  ids: Record<string, string>;
}

interface Probe {
  label: string;
  method: string;
  path: string;
  body?: unknown;
  /** Acceptable statuses. */
  expect: number[];
}

describe('cross-tenant isolation: a member of workspace A reaches nothing of workspace B', () => {
  let server: TestServer;
  let emulator: IamEmulator;
  let idp: TestIdp;
  let deadPort: number;
  let a: Tenant;
  let b: Tenant;
  /** Everything of B's that must never reach A: ids, names, secrets. */
  const secretsOfB = new Set<string>();
  /** B's strings that A has typed into a request so far. */
  const sentByA = new Set<string>();
  let alice: Record<string, string>;
  let aToken: string;
  let bToken: string;
  const bMembers: MemberView[] = [];
  let bCustomControl: string;
  let bOwnerId: string;
  let bFailingResource: string;
  let bRequested: ExceptionView;
  let bInvitationId: string;
  let bTokenId: string;
  let bConnectionName: string;
  let bEvidenceCount: number;
  const stats = { calls: 0, statuses: new Map<number, number>() };
  const violations: string[] = [];
  const today = () => new Date().toISOString().slice(0, 10);
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

  const remember = (...values: (string | null | undefined)[]) => {
    for (const v of values) if (v && v.length >= 6) secretsOfB.add(v);
  };

  /** Sends a request as A (session or token), checks status, 5xx and leaks; returns the response. */
  async function probe(as: 'session' | 'token', p: Probe) {
    const headers: Record<string, string> = as === 'session' ? { [ANONYMOUS]: '1', ...alice } : { authorization: `Bearer ${aToken}` };
    const res = await server.api(p.method, p.path, p.body, headers);
    stats.calls += 1;
    stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
    const where = `[${as}] ${p.label}: ${p.method} ${p.path}${p.body === undefined ? '' : ` ${JSON.stringify(p.body).slice(0, 120)}`} → ${res.status} ${res.text.slice(0, 200)}`;
    if (res.status >= 500) violations.push(`5xx ${where}`);
    else if (!p.expect.includes(res.status)) violations.push(`expected ${p.expect.join('/')} ${where}`);
    // What we sent may come back (an id echoed in "not found"); anything else of B's may not. A's
    // audit trail records A's own requests, so there whatever A sent before may show up too.
    const sent = decodeURIComponent(p.path) + (p.body === undefined ? '' : JSON.stringify(p.body));
    const recordsRequests = /\/audit-log/.test(p.path);
    const answer = `${res.text}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
    const leaked = [...secretsOfB].filter((s) => !sent.includes(s) && !(recordsRequests && sentByA.has(s)) && answer.includes(s));
    for (const s of secretsOfB) if (sent.includes(s)) sentByA.add(s);
    if (leaked.length > 0) violations.push(`leaks ${leaked.map((s) => JSON.stringify(s)).join(', ')} in ${where}`);
    return res;
  }

  /** A body valid enough to pass validation in A (bodies are the same whoever the path names). */
  function bodyFor(route: Route): unknown {
    const name = routeName(route).replace(WS_PREFIX, '');
    const bodies: Record<string, unknown> = {
      'POST /connections': { connectorId: 'aws-iam', name: 'probe', config: { endpointUrl: `http://127.0.0.1:${deadPort}` }, secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }, enabled: false },
      'PATCH /connections/{connectionId}': { name: 'renamed by a stranger', enabled: false },
      'POST /controls': { id: 'ctl-alpha-probe', title: 'Probe', description: 'Probe control.', category: 'communications', manualEvidence: [{ id: 'notes', title: 'Notes', description: 'Notes.', cadenceDays: 90 }] },
      'PATCH /controls/{controlId}': { trustLabel: 'implemented' },
      'POST /controls/{controlId}/evidence': { requirementId: 'notes', effectiveOn: today(), reviewerId: a.ids.memberId, url: 'https://alpha.example/evidence' },
      'PUT /frameworks/{frameworkId}': { enabled: false },
      'PUT /frameworks/{frameworkId}/requirements/{requirementId}/scope': { inScope: false, justification: 'A stranger takes this out of scope' },
      'POST /frameworks/{frameworkId}/requirements/{requirementId}/controls': { controlId: a.ids.controlId },
      'POST /exceptions': { scope: 'control', controlId: 'ctl-incident-response-plan', reason: 'Probe from another workspace', expiresAt: inDays(30) },
      'POST /exceptions/{exceptionId}/approve': { note: 'approved by a stranger' },
      'POST /exceptions/{exceptionId}/reject': { note: 'rejected by a stranger' },
      'POST /exceptions/{exceptionId}/revoke': { note: 'revoked by a stranger' },
      'PUT /settings/sla': { critical: 1, high: 1, medium: 1, low: 1, info: 1 },
      'POST /members': { displayName: 'Intruder', email: 'intruder@alpha.example', role: 'owner' },
      'PATCH /members/{memberId}': { role: 'viewer' },
      'POST /invitations': { email: 'intruder-invite@alpha.example', role: 'owner' },
      'POST /tokens': { name: 'intruder', role: 'owner' },
      'PUT /sso': { issuer: `http://127.0.0.1:${deadPort}`, clientId: 'intruder', clientSecret: 'intruder', domains: ['alpha.example'] },
    };
    if (route.body && !(name in bodies)) throw new Error(`${routeName(route)} takes a body: add one to bodyFor() in this test`);
    return bodies[name];
  }

  const pathWith = (route: Route, values: Record<string, string>) =>
    route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = values[name];
      if (v === undefined) throw new Error(`${routeName(route)}: no id for {${name}}`);
      return encodeURIComponent(v);
    });

  beforeAll(async () => {
    deadPort = await closedPort();
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    server = await startTestServer();
    idp = await startTestIdp({ clientId: 'bravo-hidden-client', clientSecret: 'bravo-sso-client-secret-7c1e', redirectUri: `${server.url}/api/v1/auth/sso/callback`, accounts: {} });

    // ---- workspace B, owned by the test owner, with one of everything
    const bWs = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'bravo-hidden', name: 'Bravo Hidden Holdings' });
    const bBase = `/api/v1/workspaces/${bWs.id}`;
    const bOwner = (await server.call<{ items: MemberView[] }>('GET', `${bBase}/members`)).items[0]!;
    for (const [name, role] of [
      ['Bellamy Leadperson', 'compliance_lead'],
      ['Brunhilde Engineera', 'engineer'],
      ['Bartholomew Auditore', 'auditor'],
      ['Bianca Viewerly', 'viewer'],
    ] as const) {
      bMembers.push(await server.call<MemberView>('POST', `${bBase}/members`, { displayName: name, email: `${name.split(' ')[0]!.toLowerCase()}@bravo-hidden.example`, role }));
    }
    const [bLead, bEngineer, bAuditor] = bMembers as [MemberView, MemberView, MemberView, MemberView];
    await server.call('PATCH', `${bBase}/members/${bAuditor.id}`, { accessStartsAt: inDays(-1), accessEndsAt: inDays(30) });
    bConnectionName = 'bravo-hidden-prod-account';
    const bConnection = await server.call<{ id: string }>('POST', `${bBase}/connections`, {
      connectorId: 'aws-iam',
      name: bConnectionName,
      config: { endpointUrl: emulator.url },
      secret: { accessKeyId: 'AKIABRAVOHIDDEN00001', secretAccessKey: 'bravo-secret-access-key-never-shown' },
    });
    const bRun = await server.call<Run>('POST', `${bBase}/connections/${bConnection.id}/runs`);
    await waitForRun(server, bWs.id, bRun.id);
    const findings = (await server.call<{ items: FindingView[] }>('GET', `${bBase}/findings?limit=500`)).items;
    expect(findings.length).toBeGreaterThan(0);
    bCustomControl = 'ctl-bravo-hidden-control';
    await server.call<ControlDetail>('POST', `${bBase}/controls`, {
      id: bCustomControl,
      title: 'Bravo hidden control title',
      description: 'Bravo hidden control description.',
      category: 'communications',
      manualEvidence: [{ id: 'bravo-notes', title: 'Bravo hidden notes', description: 'Bravo hidden requirement.', cadenceDays: 365 }],
      ownerId: bLead.id,
    });
    await server.call('POST', `${bBase}/frameworks/soc2-tsc-2017/requirements/CC2.3/controls`, { controlId: bCustomControl });
    const form = new FormData();
    form.set('requirementId', 'bravo-notes');
    form.set('effectiveOn', today());
    form.set('reviewerId', bLead.id);
    form.set('note', 'Bravo hidden evidence note');
    form.set('file', new Blob(['bravo hidden evidence content'], { type: 'text/plain' }), 'bravo-hidden-evidence.txt');
    const upload = await fetch(`${server.url}${bBase}/controls/${bCustomControl}/evidence`, { method: 'POST', body: form, headers: server.ownerHeaders });
    expect(upload.status).toBe(201);
    const bFile = (await upload.json()) as ManualEvidenceView;
    const irRequirement = (await server.call<ControlDetail>('GET', `${bBase}/controls/ctl-incident-response-plan`)).evidence[0]!.id;
    const bLink = await server.call<ManualEvidenceView>('POST', `${bBase}/controls/ctl-incident-response-plan/evidence`, {
      requirementId: irRequirement,
      effectiveOn: today(),
      reviewerId: bLead.id,
      url: 'https://bravo-hidden.example/incident-plan',
    });
    bEvidenceCount = 2;
    bRequested = (
      await server.api<ExceptionView>(
        'POST',
        `${bBase}/exceptions`,
        { scope: 'control', controlId: bCustomControl, reason: 'Bravo hidden exception reason, kept in B', expiresAt: inDays(30) },
        { 'x-test-as-member': bEngineer.id },
      )
    ).body;
    const failing = findings.find((f) => f.status === 'fail')!;
    bFailingResource = failing.resource.id;
    const bApproved = await server.call<ExceptionView>('POST', `${bBase}/exceptions`, {
      scope: 'finding',
      checkId: failing.checkId,
      resourceId: failing.resource.id,
      reason: 'Bravo approved finding exception reason',
      expiresAt: inDays(30),
    });
    await server.api('POST', `${bBase}/exceptions/${bApproved.id}/approve`, { note: 'Bravo approval note' }, { 'x-test-as-member': bLead.id });
    const invitation = await server.call<{ id: string; acceptUrl: string }>('POST', `${bBase}/invitations`, { email: 'bravo-invitee@bravo-hidden.example', role: 'auditor', accessEndsAt: inDays(20) });
    bInvitationId = invitation.id;
    const token = await server.call<{ id: string; token: string }>('POST', `${bBase}/tokens`, { name: 'bravo-hidden-ci-token', role: 'viewer' });
    bTokenId = token.id;
    bToken = token.token;
    await server.call('PUT', `${bBase}/sso`, { issuer: idp.issuer, clientId: 'bravo-hidden-client', clientSecret: 'bravo-sso-client-secret-7c1e', domains: ['bravo-hidden.example'] });
    const audit = (await server.call<AuditPage>('GET', `${bBase}/audit-log?limit=500`)).items;

    remember(bWs.id, bWs.slug, bWs.name, bOwner.id, bConnection.id, bConnectionName, 'AKIABRAVOHIDDEN00001', 'bravo-secret-access-key-never-shown', bRun.id);
    bOwnerId = bOwner.id;
    // Loopback URLs of B's emulator and provider, unless one is a prefix of A's (closed) endpoint.
    for (const url of [emulator.url, idp.issuer]) if (!`http://127.0.0.1:${deadPort}`.startsWith(url)) remember(url);
    for (const m of bMembers) remember(m.id, m.displayName, m.email);
    for (const f of findings) remember(f.id, f.resource.id, f.resource.name, ...f.evidence);
    remember(bCustomControl, 'Bravo hidden control title', 'Bravo hidden control description.', 'bravo-notes', 'Bravo hidden notes');
    remember(bFile.id, bFile.sha256, 'bravo-hidden-evidence.txt', 'bravo hidden evidence content', 'Bravo hidden evidence note', bLink.id, bLink.url);
    remember(bRequested.id, bRequested.reason, bApproved.id, bApproved.reason, 'Bravo approval note');
    remember(invitation.id, 'bravo-invitee@bravo-hidden.example', invitation.acceptUrl.split('#token=')[1], token.id, token.token, 'bravo-hidden-ci-token');
    remember('bravo-sso-client-secret-7c1e', 'bravo-hidden-client', 'bravo-hidden.example');
    for (const row of audit) remember(row.hash);
    expect(audit.length).toBeGreaterThan(10);
    // Shared catalog content is not B's: the test must not look for it (it would be a false alarm).
    for (const shared of ['ctl-incident-response-plan', 'soc2-tsc-2017']) secretsOfB.delete(shared);

    b = {
      ws: bWs,
      base: bBase,
      ids: {
        workspaceId: bWs.id,
        connectionId: bConnection.id,
        runId: bRun.id,
        controlId: bCustomControl,
        evidenceId: bFile.id,
        exceptionId: bRequested.id,
        memberId: bLead.id,
        invitationId: invitation.id,
        tokenId: token.id,
        hash: failing.evidence[0]!,
        checkId: failing.checkId,
        frameworkId: 'soc2-tsc-2017',
        requirementId: 'CC2.3',
      },
    };
    expect(b.ids.hash).toMatch(/^[0-9a-f]{64}$/);

    // ---- workspace A, owned by another account that is a member of A only
    const query = queryVia(server.db.url);
    await createAccount(query, { email: 'alice@alpha.example', displayName: 'Alice Alpha', password: 'alpha account password' });
    alice = await signIn(server.url, 'alice@alpha.example', 'alpha account password');
    const asAlice = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await server.api<T>(method, path, body, { [ANONYMOUS]: '1', ...alice });
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${res.text}`);
      return res.body;
    };
    const aWs = await asAlice<Workspace>('POST', '/api/v1/workspaces', { slug: 'alpha-open', name: 'Alpha Open' });
    const aBase = `/api/v1/workspaces/${aWs.id}`;
    const aLead = await asAlice<MemberView>('POST', `${aBase}/members`, { displayName: 'Amos Lead', email: 'amos@alpha.example', role: 'compliance_lead' });
    const aConnection = await asAlice<{ id: string }>('POST', `${aBase}/connections`, {
      connectorId: 'aws-iam',
      name: 'alpha',
      config: { endpointUrl: `http://127.0.0.1:${deadPort}` },
      secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'alpha-secret' },
      enabled: false,
    });
    await asAlice('POST', `${aBase}/controls`, {
      id: 'ctl-alpha-control',
      title: 'Alpha control',
      description: 'Alpha custom control.',
      category: 'communications',
      manualEvidence: [{ id: 'notes', title: 'Notes', description: 'Notes.', cadenceDays: 365 }],
    });
    const aForm = new FormData();
    aForm.set('requirementId', 'notes');
    aForm.set('effectiveOn', today());
    aForm.set('reviewerId', aLead.id);
    aForm.set('file', new Blob(['alpha evidence'], { type: 'text/plain' }), 'alpha.txt');
    const aUpload = await fetch(`${server.url}${aBase}/controls/ctl-alpha-control/evidence`, { method: 'POST', body: aForm, headers: alice });
    expect(aUpload.status).toBe(201);
    const aFile = (await aUpload.json()) as ManualEvidenceView;
    const aException = await asAlice<ExceptionView>('POST', `${aBase}/exceptions`, { scope: 'control', controlId: 'ctl-alpha-control', reason: 'Alpha exception for the probes', expiresAt: inDays(30) });
    const aInvitation = await asAlice<{ id: string }>('POST', `${aBase}/invitations`, { email: 'invitee@alpha.example', role: 'viewer' });
    const aViewerToken = await asAlice<{ id: string }>('POST', `${aBase}/tokens`, { name: 'alpha viewer', role: 'viewer' });
    aToken = (await asAlice<{ token: string }>('POST', `${aBase}/tokens`, { name: 'alpha owner token', role: 'owner' })).token;
    await asAlice('POST', `${aBase}/frameworks/soc2-tsc-2017/requirements/CC2.3/controls`, { controlId: 'ctl-alpha-control' });
    a = {
      ws: aWs,
      base: aBase,
      ids: {
        workspaceId: aWs.id,
        connectionId: aConnection.id,
        // A has no run; a random id stands in (A's own lookups of it answer 404 as well).
        runId: '00000000-0000-4000-8000-00000000a11a',
        controlId: 'ctl-alpha-control',
        evidenceId: aFile.id,
        exceptionId: aException.id,
        memberId: aLead.id,
        invitationId: aInvitation.id,
        tokenId: aViewerToken.id,
        hash: 'cd'.repeat(32),
        checkId: failing.checkId,
        frameworkId: 'soc2-tsc-2017',
        requirementId: 'CC2.3',
      },
    };
    for (const id of Object.values(a.ids)) secretsOfB.delete(id);
    // Catalog text every workspace sees (AWS managed policy names, check and control texts) is not B's.
    const catalog = [
      ...(await Promise.all(['/api/v1/checks', '/api/v1/connectors'].map((p) => asAlice<unknown>('GET', p)))),
      await asAlice<unknown>('GET', `${aBase}/controls?limit=500`),
      await asAlice<unknown>('GET', `${aBase}/frameworks/soc2-tsc-2017`),
    ]
      .map((x) => JSON.stringify(x))
      .join('\n');
    for (const s of [...secretsOfB]) if (catalog.includes(s)) secretsOfB.delete(s);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await idp?.close();
    await emulator?.stop();
  });

  /** Every read of A with A's ids, and the signed-in routes: nothing of B's in any of them. */
  async function scanA(when: string) {
    const gets = WORKSPACE_ROUTES.filter((r) => r.method === 'get');
    for (const as of ['session', 'token'] as const) {
      for (const route of gets) {
        const params = paramsOf(route);
        // A's stand-in run id and evidence hash answer 404; everything else is A's and answers 200.
        const expected = params.includes('runId') || params.includes('hash') ? [404] : [200];
        const query = route.path.endsWith('/audit-log') || route.path.endsWith('/findings') ? '?limit=500' : route.path.endsWith('/controls') ? '?limit=500' : '';
        await probe(as, { label: `A's own (${when})`, method: 'GET', path: `${pathWith(route, a.ids)}${query}`, expect: expected });
      }
    }
    for (const path of ['/api/v1/workspaces', '/api/v1/auth/session', '/api/v1/connectors', '/api/v1/checks']) {
      const res = await probe('session', { label: `signed-in route (${when})`, method: 'GET', path, expect: [200] });
      if (path === '/api/v1/workspaces') expect((res.body as { items: Workspace[] }).items.map((w) => w.id)).toEqual([a.ws.id]);
    }
  }

  it("lists and reads of A (and the signed-in routes) contain nothing of B's", async () => {
    await scanA('before the probes');
    expect(violations).toEqual([]);
  }, 60_000);

  it("answers 404 to every workspace route with B's workspace id, as A's owner and with A's token", async () => {
    for (const as of ['session', 'token'] as const) {
      for (const route of WORKSPACE_ROUTES) {
        for (const ws of [b.ws.id, b.ws.id.toUpperCase()]) {
          await probe(as, { label: `B's workspace ${ws === b.ws.id ? '' : '(upper case) '}in the path`, method: route.method.toUpperCase(), path: pathWith(route, { ...b.ids, workspaceId: ws }), body: bodyFor(route), expect: [404] });
        }
      }
    }
    // B's own token is nobody in A.
    for (const route of WORKSPACE_ROUTES.filter((r) => r.method === 'get')) {
      const res = await server.api(route.method.toUpperCase(), pathWith(route, a.ids), undefined, { authorization: `Bearer ${bToken}` });
      stats.calls += 1;
      if (res.status !== 404) violations.push(`B's token on ${routeName(route)} of A → ${res.status}`);
    }
    expect(violations).toEqual([]);
  }, 60_000);

  it("answers 404 to every route of A that takes an object id, given B's object ids", async () => {
    const foreign: Record<string, string[]> = { ...Object.fromEntries(Object.entries(b.ids).map(([k, v]) => [k, [v]])), memberId: [bOwnerId, ...bMembers.map((m) => m.id)] };
    let routes = 0;
    for (const as of ['session', 'token'] as const) {
      for (const route of WORKSPACE_ROUTES) {
        const tenantParams = paramsOf(route).filter((p) => TENANT_PARAMS.includes(p));
        if (tenantParams.length === 0) continue;
        if (as === 'session') routes += 1;
        const variants: [string, Record<string, string>][] = [];
        // One of B's ids at a time (the rest A's), then all of them at once.
        for (const param of tenantParams) for (const id of new Set(foreign[param])) variants.push([param, { ...a.ids, [param]: id }]);
        if (tenantParams.length > 1) variants.push([tenantParams.join('+'), { ...b.ids, workspaceId: a.ws.id, frameworkId: 'soc2-tsc-2017', requirementId: 'CC2.3' }]);
        for (const [param, values] of variants) {
          const alsoBad = FOREIGN_ID_IS_400[`${routeName(route)} ${param}`] ? [400] : [];
          await probe(as, { label: `B's ${param} in A`, method: route.method.toUpperCase(), path: pathWith(route, values), body: bodyFor(route), expect: [404, ...alsoBad] });
        }
      }
    }
    expect(routes).toBeGreaterThanOrEqual(20);
    expect(violations).toEqual([]);
  }, 60_000);

  it("refuses B's ids inside bodies and finds nothing of B's through filters", async () => {
    const bLead = bMembers[0]!;
    const createControl = bodyFor(WORKSPACE_ROUTES.find((r) => r.method === 'post' && r.path === `${WS_PREFIX}/controls`)!) as object;
    const checks: Probe[] = [
      { label: "B's member as control owner", method: 'PATCH', path: `${a.base}/controls/ctl-alpha-control`, body: { ownerId: bLead.id }, expect: [400] },
      { label: "B's member as owner of a new control", method: 'POST', path: `${a.base}/controls`, body: { ...createControl, id: 'ctl-alpha-owned', ownerId: bLead.id }, expect: [400] },
      { label: "B's member as evidence reviewer", method: 'POST', path: `${a.base}/controls/ctl-alpha-control/evidence`, body: { requirementId: 'notes', effectiveOn: today(), reviewerId: bLead.id, url: 'https://alpha.example/x' }, expect: [400] },
      { label: "an exception for B's control", method: 'POST', path: `${a.base}/exceptions`, body: { scope: 'control', controlId: bCustomControl, reason: 'Probe from another workspace', expiresAt: inDays(30) }, expect: [404] },
      { label: "an exception for B's finding", method: 'POST', path: `${a.base}/exceptions`, body: { scope: 'finding', checkId: b.ids.checkId, resourceId: bFailingResource, reason: 'Probe from another workspace', expiresAt: inDays(30) }, expect: [400] },
      { label: "mapping B's control", method: 'POST', path: `${a.base}/frameworks/soc2-tsc-2017/requirements/CC2.3/controls`, body: { controlId: bCustomControl }, expect: [400] },
      // An e-mail domain routes to one workspace's provider, so A learns that the domain is taken — not by whom.
      { label: "B's SSO domain", method: 'PUT', path: `${a.base}/sso`, body: { issuer: `http://127.0.0.1:${deadPort}`, clientId: 'alpha', clientSecret: 'alpha-secret', domains: ['bravo-hidden.example'] }, expect: [409] },
    ];
    // Filtering by B's ids finds nothing (or is refused as an unknown id).
    const filters: [string, string][] = [
      ['findings', `connectionId=${b.ids.connectionId}`],
      ['findings', `resource=${encodeURIComponent(bFailingResource)}`],
      ['findings', `controlId=${bCustomControl}`],
      ['controls', `ownerId=${bLead.id}`],
      ['controls', 'q=bravo'],
      ['exceptions', `controlId=${bCustomControl}`],
      ['audit-log', `actor=${bLead.id}`],
      ['audit-log', `target=${bRequested.id}`],
      ['audit-log', `target=${bCustomControl}`],
      ['audit-log.csv', `target=${bCustomControl}`],
    ];
    for (const as of ['session', 'token'] as const) {
      for (const c of checks) await probe(as, c);
      for (const [what, q] of filters) {
        const res = await probe(as, { label: `filter ${what} by B's ${q}`, method: 'GET', path: `${a.base}/${what}?${q}`, expect: [200, 400, 404] });
        if (res.status !== 200 || what === 'audit-log.csv') continue;
        const items = (res.body as { items: { workspaceId?: string }[] }).items;
        // A's audit trail holds A's own refused attempts at B's ids, and nothing else.
        const foreign = what === 'audit-log' ? items.filter((i) => i.workspaceId !== a.ws.id) : items;
        if (foreign.length > 0) violations.push(`[${as}] ${what}?${q} found ${foreign.length} items of B`);
      }
    }
    expect(violations).toEqual([]);
  }, 60_000);

  it('left B exactly as it was, and wrote nothing of the probes into B’s audit trail', async () => {
    const bLead = await server.call<MemberView>('GET', `${b.base}/members/${bMembers[0]!.id}`);
    expect(bLead.role).toBe('compliance_lead');
    expect((await server.call<{ name: string; enabled: boolean }>('GET', `${b.base}/connections/${b.ids.connectionId}`)).name).toBe(bConnectionName);
    expect((await server.call<ExceptionView>('GET', `${b.base}/exceptions/${bRequested.id}`)).state).toBe('requested');
    expect((await server.call<{ items: { id: string; state: string }[] }>('GET', `${b.base}/invitations`)).items.find((i) => i.id === bInvitationId)?.state).toBe('open');
    expect((await server.call<{ items: { id: string; state: string }[] }>('GET', `${b.base}/tokens`)).items.find((t) => t.id === bTokenId)?.state).toBe('active');
    expect((await server.api('GET', b.base, undefined, { authorization: `Bearer ${bToken}` })).status).toBe(200);
    const custom = await server.call<ControlDetail>('GET', `${b.base}/controls/${bCustomControl}`);
    expect(custom.trustLabel).toBeNull();
    expect(custom.requirements).toEqual([{ frameworkId: 'soc2-tsc-2017', requirementId: 'CC2.3' }]);
    const evidence = [
      ...(await server.call<{ items: unknown[] }>('GET', `${b.base}/controls/${bCustomControl}/evidence`)).items,
      ...(await server.call<{ items: unknown[] }>('GET', `${b.base}/controls/ctl-incident-response-plan/evidence`)).items,
    ];
    expect(evidence.length).toBe(bEvidenceCount);
    expect((await server.call<{ domains: string[] } | null>('GET', `${b.base}/sso`))?.domains).toEqual(['bravo-hidden.example']);
    expect((await server.call<{ critical: number }>('GET', `${b.base}/settings/sla`)).critical).not.toBe(1);
    expect((await server.call<{ items: { id: string; enabled: boolean }[] }>('GET', `${b.base}/frameworks`)).items.every((f) => f.enabled)).toBe(true);
    expect((await server.call<{ items: unknown[] }>('GET', `${b.base}/connections/${b.ids.connectionId}/runs`)).items.length).toBe(1);
    const trail = (await server.call<AuditPage>('GET', `${b.base}/audit-log?limit=500`)).items;
    expect(trail.filter((r) => /alice|alpha/i.test(`${r.actorLabel} ${r.actorId ?? ''} ${JSON.stringify(r.details)}`))).toEqual([]);
    expect((await server.call<{ intact: boolean }>('GET', `${b.base}/audit-log/verify`)).intact).toBe(true);

    // Everything A has read so far, read again after all the probes.
    await scanA('after the probes');
    expect(violations).toEqual([]);
  }, 60_000);

  it("lets A add B's people by e-mail without saying they exist elsewhere (last: A then knows those addresses)", async () => {
    for (const as of ['session', 'token'] as const) {
      const [member, invitee] = as === 'session' ? [bMembers[0]!, bMembers[1]!] : [bMembers[2]!, bMembers[3]!];
      // The engineer of B (bMembers[1]) has an account: the invitation says nothing about it.
      await probe(as, { label: "B's member's e-mail as a member of A", method: 'POST', path: `${a.base}/members`, body: { displayName: 'Same Person', email: member.email, role: 'viewer' }, expect: [201] });
      await probe(as, { label: "B's member's e-mail invited to A", method: 'POST', path: `${a.base}/invitations`, body: { email: invitee.email, role: 'viewer' }, expect: [201] });
    }
    const byStatus = [...stats.statuses].sort(([x], [y]) => x - y).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`cross-tenant probes: ${stats.calls} requests as A (owner session, owner token; B's token) over ${WORKSPACE_ROUTES.length} workspace routes, ${secretsOfB.size} strings of B watched; statuses ${byStatus}; ${violations.length} violations`);
    expect(violations).toEqual([]);
  });
});
