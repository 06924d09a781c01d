import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControlPage, MemberView, Problem, Workspace } from '@astrolabe/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './support/bad-requests';
import { startTestServer, type TestServer } from './support/test-server';

const EVIL = 'https://evil.example';
const TRUSTED = 'https://grc.example.com';

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as Problem;
}

describe('rate limiting: per client IP, reads and mutations counted apart, 429 as problem+json with Retry-After', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ASTROLABE_ROLES: 'api', ASTROLABE_RATE_LIMIT_PER_MINUTE: '5', ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE: '4' });
  });
  afterAll(async () => server?.close());

  it('limits reads across all routes, then mutations on their own budget; health is never limited', async () => {
    // Five reads over three different routes use up one budget: the limit is per client, not per route.
    for (const path of ['/api/v1/workspaces', '/api/v1/workspaces', '/api/v1/connectors', '/api/v1/checks', '/api/v1/workspaces']) {
      expect((await fetch(`${server.url}${path}`, { headers: server.ownerHeaders })).status, path).toBe(200);
    }
    const limited = await fetch(`${server.url}/api/v1/workspaces`, { headers: server.ownerHeaders });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const problem = await problemOf(limited);
    expect(problem).toMatchObject({ status: 429, title: 'Too Many Requests', type: 'https://astrolabe.dev/problems/rate-limited' });
    expect(problem.detail).toMatch(/5 reads per minute/);
    // A forged X-Forwarded-For does not buy a new budget: no proxy is trusted by default.
    expect((await fetch(`${server.url}/api/v1/workspaces`, { headers: { ...server.ownerHeaders, 'x-forwarded-for': '203.0.113.7' } })).status).toBe(429);

    // Mutations have their own, smaller budget, untouched by the reads (the test owner's sign-in used one of the four).
    const post = () => server.api<Problem>('POST', '/api/v1/workspaces', { slug: 'Not A Slug', name: '' });
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(400);
    const tooMany = await post();
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.detail).toMatch(/4 changes per minute/);

    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});

describe('rate limiting behind a trusted proxy: the client is the forwarded address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ASTROLABE_ROLES: 'api', ASTROLABE_RATE_LIMIT_PER_MINUTE: '2', ASTROLABE_TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => server?.close());

  it('gives each forwarded client its own budget', async () => {
    const read = (client: string) => fetch(`${server.url}/api/v1/connectors`, { headers: { ...server.ownerHeaders, 'x-forwarded-for': client } });
    expect((await read('198.51.100.1')).status).toBe(200);
    expect((await read('198.51.100.1')).status).toBe(200);
    expect((await read('198.51.100.1')).status).toBe(429);
    expect((await read('198.51.100.2')).status).toBe(200);
  });
});

describe('CORS closed by default, cross-site writes refused, security headers everywhere', () => {
  let server: TestServer;
  let consoleDir: string;
  beforeAll(async () => {
    consoleDir = mkdtempSync(join(tmpdir(), 'astrolabe-console-'));
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Astrolabe</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(consoleDir, 'assets', 'app.js'), 'console.log(1);');
    server = await startTestServer({ ASTROLABE_ROLES: 'api', ASTROLABE_CONSOLE_DIR: consoleDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('sends no Access-Control-Allow-Origin to any origin, on reads or preflights', async () => {
    const read = await fetch(`${server.url}/api/v1/workspaces`, { headers: { ...server.ownerHeaders, origin: EVIL } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${server.url}/api/v1/workspaces`, { method: 'OPTIONS', headers: { ...server.ownerHeaders, origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBeLessThan(500);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('refuses a state-changing request a browser marks cross-site (CSRF), even a "simple" one', async () => {
    const body = JSON.stringify({ slug: 'csrf', name: 'CSRF' });
    const crossSite = await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...server.ownerHeaders, 'content-type': 'text/plain', origin: EVIL, 'sec-fetch-site': 'cross-site' }, body });
    expect(crossSite.status).toBe(403);
    expect((await problemOf(crossSite)).status).toBe(403);
    // An older browser without Fetch Metadata: the Origin does not match the Host.
    const oldBrowser = await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...server.ownerHeaders, 'content-type': 'application/json', origin: EVIL }, body });
    expect(oldBrowser.status).toBe(403);
    const workspaces = await server.call<{ items: Workspace[] }>('GET', '/api/v1/workspaces');
    expect(workspaces.items.map((w) => w.slug)).not.toContain('csrf');
    // The console (same origin) and non-browser clients (CLI, curl) are not affected.
    const sameOrigin = await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...server.ownerHeaders, 'content-type': 'application/json', origin: server.url, 'sec-fetch-site': 'same-origin' }, body });
    expect(sameOrigin.status).toBe(201);
  });

  const expectSecurityHeaders = (res: Response, what: string) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('x-frame-options'), what).toBe('DENY');
    expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
    expect(res.headers.get('x-powered-by'), what).toBeNull();
  };

  it('sets nosniff, no framing, no referrer and a strict CSP on API answers, errors and the console', async () => {
    expectSecurityHeaders(await fetch(`${server.url}/api/v1/workspaces`, { headers: server.ownerHeaders }), 'JSON 200');
    expectSecurityHeaders(await fetch(`${server.url}/api/v1/nope`), 'unknown route 404');
    expectSecurityHeaders(await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...server.ownerHeaders, 'content-type': 'application/json' }, body: '{"slug":' }), 'malformed JSON 400');
    expectSecurityHeaders(await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...server.ownerHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(300_000) }) }), 'oversized body 413');
    expectSecurityHeaders(await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...server.ownerHeaders, 'content-type': 'application/json', origin: EVIL, 'sec-fetch-site': 'cross-site' }, body: '{}' }), 'CSRF 403');
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('/assets/app.js');
    expectSecurityHeaders(index, 'console index.html');
    expectSecurityHeaders(await fetch(`${server.url}/assets/app.js`), 'console asset');
  });

  it('rejects NUL characters anywhere in the input with a 400 naming the field (PostgreSQL text cannot hold them)', async () => {
    const ws = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'nul', name: 'NUL' });
    const inParam = await server.api<Problem>('GET', `/api/v1/workspaces/${ws.id}/controls/ctl-x%00`);
    expect(inParam.status).toBe(400);
    expect(inParam.body.errors?.[0]?.field).toBe('controlId');
    const inQuery = await server.api<Problem>('GET', `/api/v1/workspaces/${ws.id}/findings?resource=a%00b`);
    expect(inQuery.status).toBe(400);
    expect(inQuery.body.errors?.[0]?.field).toBe('resource');
    const inBody = await server.api<Problem>('POST', '/api/v1/workspaces', { slug: 'nul-2', name: 'a\u0000b', owner: { displayName: 'x', email: 'x@example.com' } });
    expect(inBody.status).toBe(400);
    expect(inBody.body.errors?.[0]?.field).toBe('name');
    const inKey = await server.api<Problem>('POST', `/api/v1/workspaces/${ws.id}/connections`, { connectorId: 'aws-iam', name: 'x', config: { 're\u0000gion': 'x' } });
    expect(inKey.status).toBe(400);
    expect(inKey.body.errors?.[0]?.field).toBe('config.re\u0000gion');
  });
});

describe('CORS for listed origins only', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ ASTROLABE_ROLES: 'api', ASTROLABE_CORS_ORIGINS: `${TRUSTED}, http://localhost:5173` });
  });
  afterAll(async () => server?.close());

  it('answers a preflight from a listed origin, and reflects exactly that origin', async () => {
    const preflight = await fetch(`${server.url}/api/v1/workspaces/x/members/y`, {
      method: 'OPTIONS',
      headers: { origin: TRUSTED, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(TRUSTED);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const read = await fetch(`${server.url}/api/v1/workspaces`, { headers: { ...server.ownerHeaders, origin: TRUSTED } });
    expect(read.headers.get('access-control-allow-origin')).toBe(TRUSTED);
    expect(read.headers.get('vary')).toMatch(/origin/i);
    expect((await fetch(`${server.url}/api/v1/workspaces`, { headers: { ...server.ownerHeaders, origin: 'http://localhost:5173' } })).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('still sends nothing to other origins, including look-alikes', async () => {
    for (const origin of [EVIL, `${TRUSTED}.evil.example`, 'http://grc.example.com', 'null', TRUSTED.toUpperCase()]) {
      const res = await fetch(`${server.url}/api/v1/workspaces`, { headers: { ...server.ownerHeaders, origin } });
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('lets a listed origin make cross-site writes, and no other', async () => {
    const body = JSON.stringify({ slug: 'from-grc', name: 'From GRC' });
    const listed = await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...server.ownerHeaders, 'content-type': 'application/json', origin: TRUSTED, 'sec-fetch-site': 'cross-site' }, body });
    expect(listed.status).toBe(201);
    const other = await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { ...server.ownerHeaders, 'content-type': 'application/json', origin: EVIL, 'sec-fetch-site': 'cross-site' }, body });
    expect(other.status).toBe(403);
  });
});

describe('request size limits and header abuse: 4xx, never 5xx', () => {
  let server: TestServer;
  let ws: Workspace;
  let owner: MemberView;
  let controlId: string;
  beforeAll(async () => {
    server = await startTestServer({ ASTROLABE_ROLES: 'api' });
    ws = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'limits', name: 'Limits' });
    owner = (await server.call<{ items: MemberView[] }>('GET', `/api/v1/workspaces/${ws.id}/members`)).items[0]!;
    const controls = await server.call<ControlPage>('GET', `/api/v1/workspaces/${ws.id}/controls?limit=200`);
    controlId = (controls.items.find((c) => c.evidence.length > 0) ?? controls.items[0]!).id;
  });
  afterAll(async () => server?.close());

  const upload = (form: FormData) => fetch(`${server.url}/api/v1/workspaces/${ws.id}/controls/${controlId}/evidence`, { method: 'POST', headers: server.ownerHeaders, body: form });
  const fields = () => {
    const form = new FormData();
    form.set('requirementId', 'x');
    form.set('effectiveOn', '2024-01-01');
    form.set('reviewerId', owner.id);
    return form;
  };

  it('answers an evidence file over 25 MB with 413 problem+json', async () => {
    const form = fields();
    form.set('file', new Blob([new Uint8Array(25 * 1024 * 1024 + 1)]), 'big.bin');
    const res = await upload(form);
    expect(res.status).toBe(413);
    expect((await problemOf(res)).status).toBe(413);
  });

  it('answers too many files, too many fields and an oversized field with 4xx problem+json', async () => {
    const twoFiles = fields();
    twoFiles.append('file', new Blob(['a']), 'a.txt');
    twoFiles.append('file', new Blob(['b']), 'b.txt');
    const manyFields = fields();
    for (let i = 0; i < 12; i++) manyFields.append(`f${i}`, 'x');
    const bigField = fields();
    bigField.set('note', 'n'.repeat(100_000));
    for (const form of [twoFiles, manyFields, bigField]) {
      const res = await upload(form);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((await problemOf(res)).status).toBe(res.status);
    }
  });

  it('answers very long URLs and headers without a 5xx', async () => {
    const path = `/api/v1/workspaces/${ws.id}/findings?resource=${'r'.repeat(10_000)}`;
    const longButAccepted = await send(server.url, { method: 'GET', url: path, headers: server.ownerHeaders, label: '10 kB URL' });
    expect(longButAccepted.status).toBe(400);
    expect(longButAccepted.headers['content-type']).toContain('application/problem+json');
    // Past Node's 16 kB header limit the request never reaches the app: a bare 431.
    expect((await send(server.url, { method: 'GET', url: `/api/v1/workspaces?q=${'q'.repeat(20_000)}`, headers: {}, label: '20 kB URL' })).status).toBe(431);
    expect((await send(server.url, { method: 'GET', url: '/api/v1/workspaces', headers: { 'x-padding': 'm'.repeat(20_000) }, label: '20 kB header' })).status).toBe(431);
    const manyHeaders = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`x-h${i}`, 'v']));
    expect((await send(server.url, { method: 'GET', url: '/api/v1/workspaces', headers: manyHeaders, label: '500 headers' })).status).toBeLessThan(500);
    // The server still answers normally afterwards.
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});
