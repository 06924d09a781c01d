import type { Problem, Workspace } from '@astrolabe/api-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../src/http/openapi';
import { startTestServer, type TestServer } from './support/test-server';

describe('API edge: bad input → 400 naming the field, unknown ids → 404, never 500', () => {
  let server: TestServer;
  let ws: Workspace;

  beforeAll(async () => {
    server = await startTestServer();
    ws = (await server.api<Workspace>('POST', '/api/v1/workspaces', { slug: 'edge', name: 'Edge' })).body;
  });
  afterAll(async () => server?.close());

  const fields = (p: Problem) => (p.errors ?? []).map((e) => e.field);

  it('rejects a bad workspace slug with the field named, as problem+json', async () => {
    const res = await fetch(`${server.url}/api/v1/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json', ...server.ownerHeaders }, body: JSON.stringify({ slug: 'Bad Slug!', name: '' }) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Problem;
    expect(fields(body)).toEqual(expect.arrayContaining(['slug', 'name']));
  });

  it('answers a duplicate slug with 409', async () => {
    expect((await server.api('POST', '/api/v1/workspaces', { slug: 'edge', name: 'Again' })).status).toBe(409);
  });

  it('rejects malformed JSON with 400, not 500', async () => {
    const res = await server.api<Problem>('POST', '/api/v1/workspaces', '{"slug": ');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('rejects an oversized body with 413, not 500', async () => {
    const res = await server.api<Problem>('POST', '/api/v1/workspaces', { slug: 'big', name: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.body.title).toMatch(/too large/i);
  });

  it('names connection fields: unknown connector, bad config, bad schedule', async () => {
    const unknown = await server.api<Problem>('POST', `/api/v1/workspaces/${ws.id}/connections`, { connectorId: 'nope', name: 'x' });
    expect(unknown.status).toBe(400);
    expect(fields(unknown.body)).toEqual(['connectorId']);

    const bad = await server.api<Problem>('POST', `/api/v1/workspaces/${ws.id}/connections`, {
      connectorId: 'aws-iam',
      name: 'x',
      config: { region: 42, endpointUrl: 'not a url' },
      schedule: 'every day',
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['config.region', 'config.endpointUrl', 'schedule']));
  });

  it('rejects a six-field (per-second) cron: schedules are five fields', async () => {
    const res = await server.api<Problem>('POST', `/api/v1/workspaces/${ws.id}/connections`, { connectorId: 'aws-iam', name: 'x', schedule: '* * * * * *' });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toEqual(['schedule']);
  });

  it('never echoes a rejected secret value', async () => {
    const res = await server.api<Problem>('POST', `/api/v1/workspaces/${ws.id}/connections`, {
      connectorId: 'aws-iam',
      name: 'x',
      secret: { accessKeyId: 12345, secretAccessKey: 'do-not-echo-me-0f9e' },
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('do-not-echo-me-0f9e');
  });

  it('404s unknown ids and 400s malformed ones', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await server.api('GET', `/api/v1/workspaces/${missing}/overview`)).status).toBe(404);
    expect((await server.api('GET', `/api/v1/workspaces/${ws.id}/connections/${missing}`)).status).toBe(404);
    expect((await server.api('GET', `/api/v1/workspaces/${ws.id}/runs/${missing}`)).status).toBe(404);
    expect((await server.api('GET', `/api/v1/workspaces/${ws.id}/checks/aws-iam.nope`)).status).toBe(404);
    expect((await server.api('GET', `/api/v1/workspaces/${ws.id}/evidence/${'a'.repeat(64)}`)).status).toBe(404);
    const malformed = await server.api<Problem>('GET', `/api/v1/workspaces/not-a-uuid/overview`);
    expect(malformed.status).toBe(400);
    expect(fields(malformed.body)).toEqual(['workspaceId']);
  });

  it('validates finding filters and cursors', async () => {
    const badStatus = await server.api<Problem>('GET', `/api/v1/workspaces/${ws.id}/findings?status=green&limit=0`);
    expect(badStatus.status).toBe(400);
    expect(fields(badStatus.body)).toEqual(expect.arrayContaining(['status', 'limit']));
    const badCursor = await server.api<Problem>('GET', `/api/v1/workspaces/${ws.id}/findings?cursor=garbage`);
    expect(badCursor.status).toBe(400);
    expect(fields(badCursor.body)).toEqual(['cursor']);
    const huge = Buffer.from(JSON.stringify({ id: '9'.repeat(25) })).toString('base64url');
    const overflow = await server.api<Problem>('GET', `/api/v1/workspaces/${ws.id}/findings?cursor=${huge}`);
    expect(overflow.status).toBe(400);
    expect(fields(overflow.body)).toEqual(['cursor']);
  });

  it('400s forged cursors whose values PostgreSQL would refuse (found by probing the edge)', async () => {
    const forge = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    for (const cursor of [
      forge({ at: '2024-01-01T00:00:00Z', id: '-'.repeat(36) }),
      forge({ at: '-271821-04-20T00:00:00Z', id: '00000000-0000-4000-8000-000000000000' }),
      forge({ at: '+275760-09-13T00:00:00Z', id: '00000000-0000-4000-8000-000000000000' }),
    ]) {
      const res = await server.api<Problem>('GET', `/api/v1/workspaces/${ws.id}/exceptions?cursor=${cursor}`);
      expect(res.status, Buffer.from(cursor, 'base64url').toString()).toBe(400);
      expect(fields(res.body)).toEqual(['cursor']);
    }
    const long = await server.api<Problem>('GET', `/api/v1/workspaces/${ws.id}/findings?resource=${'r'.repeat(3000)}&checkId=${'c'.repeat(200)}`);
    expect(long.status).toBe(400);
    expect(fields(long.body)).toEqual(expect.arrayContaining(['resource', 'checkId']));
  });

  it('serves an OpenAPI document listing every route', async () => {
    const doc = await server.api<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/docs');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/workspaces/{workspaceId}/findings', '/api/v1/workspaces/{workspaceId}/connections/{connectionId}/runs']));
  });

  it('implements every documented route (the OpenAPI document cannot drift from the server)', async () => {
    const ids: Record<string, string> = { workspaceId: ws.id, connectionId: '00000000-0000-4000-8000-000000000000', runId: '00000000-0000-4000-8000-000000000000', memberId: '00000000-0000-4000-8000-000000000000', exceptionId: '00000000-0000-4000-8000-000000000000', evidenceId: '00000000-0000-4000-8000-000000000000', requirementId: 'CC6.1', checkId: 'aws-iam.console-user-mfa', controlId: 'x', frameworkId: 'x', hash: 'a'.repeat(64) };
    for (const route of ROUTES) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x');
      const res = await server.api<Problem>(route.method.toUpperCase(), path, route.method === 'get' ? undefined : {});
      expect(res.status, `${route.method} ${route.path}`).toBeLessThan(500);
      expect(res.body.detail ?? '', `${route.method} ${route.path}`).not.toMatch(/^No route/);
    }
  });

  it('serves a readable API reference over the same document, from local files', async () => {
    const html = await fetch(`${server.url}/api/docs/ui/`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('swagger-initializer.js');
    const init = await (await fetch(`${server.url}/api/docs/ui/swagger-initializer.js`)).text();
    expect(init).toContain("url: '/api/docs'");
    expect((await fetch(`${server.url}/api/docs/ui/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('has a health endpoint', async () => {
    expect((await server.api('GET', '/api/v1/health')).body).toEqual({ status: 'ok', database: 'up' });
  });
});
