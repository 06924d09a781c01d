import type { ControlPage, FrameworkDetail, FrameworkView, MemberView, Workspace } from '@astrolabe/api-contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../src/http/openapi';
import { answerViolations, badRequestsFor, send, type BadRequest, type KnownIds, type RawResponse } from './support/bad-requests';
import { AS_MEMBER, startTestServer, type TestServer } from './support/test-server';

/** At least this many generated requests in total, spread over every route (FUZZ_REQUESTS=50000 digs deeper). */
const TOTAL_REQUESTS = Math.max(10_500, Number(process.env.FUZZ_REQUESTS ?? 0) || 0);
/** Routes fuzzed at the same time (each route's runs are sequential). */
const CONCURRENCY = 12;

/** Mutations and routes with more inputs get more runs. */
function weight(route: (typeof ROUTES)[number]): number {
  return 2 + (route.body ? 3 : 0) + (route.query ? 2 : 0) + (route.access === 'public' || route.access === 'signed_in' ? 0 : 1) + (route.path.match(/\{/g)?.length ?? 0);
}

describe('edge fuzzing: ≥ 10,000 generated bad requests across every route → never 5xx, always problem+json, no stack traces', () => {
  let server: TestServer;
  let ids: KnownIds;

  beforeAll(async () => {
    // A lean server (API only: no scheduler, no worker) without rate limits.
    server = await startTestServer({ ASTROLABE_ROLES: 'api', ASTROLABE_RATE_LIMIT_PER_MINUTE: '0', ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE: '0' });
    const ws = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'fuzz', name: 'Fuzz' });
    const base = `/api/v1/workspaces/${ws.id}`;
    const owner = (await server.call<{ items: MemberView[] }>('GET', `${base}/members`)).items[0];
    if (!owner) throw new Error('no owner');
    const viewer = (await server.api<MemberView>('POST', `${base}/members`, { displayName: 'Viewer', email: 'viewer@example.com', role: 'viewer' }, { [AS_MEMBER]: owner.id })).body;
    const controls = await server.call<ControlPage>('GET', `${base}/controls?limit=200`);
    const control = controls.items.find((c) => c.evidence.length > 0) ?? controls.items[0];
    const framework = (await server.call<{ items: FrameworkView[] }>('GET', `${base}/frameworks`)).items[0];
    if (!control || !framework) throw new Error('empty catalog');
    const detail = await server.call<FrameworkDetail>('GET', `${base}/frameworks/${framework.id}`);
    ids = {
      workspaceId: ws.id,
      actorId: owner.id,
      ownerHeaders: server.ownerHeaders,
      viewerHeaders: await server.sessionFor(viewer.id),
      memberId: viewer.id,
      controlId: control.id,
      frameworkId: framework.id,
      requirementId: detail.requirements[0]?.id ?? 'CC6.1',
      checkId: control.checkIds[0] ?? 'aws-iam.console-user-mfa',
    };
  });
  afterAll(async () => server?.close());

  it('answers every generated bad request below 500, as problem+json, without internals', async () => {
    const started = performance.now();
    const totalWeight = ROUTES.reduce((n, r) => n + weight(r), 0);
    const plan = ROUTES.map((route) => ({ route, numRuns: Math.ceil((TOTAL_REQUESTS * weight(route)) / totalWeight) }));
    const statuses = new Map<number, number>();
    let sent = 0;
    const failures: string[] = [];

    const check = async (req: BadRequest): Promise<boolean> => {
      let res: RawResponse;
      try {
        res = await send(server.url, req);
      } catch (err) {
        failures.push(`${req.label}\n  ${req.method} ${req.url.slice(0, 300)}\n  transport error: ${String(err)}`);
        return false;
      }
      sent += 1;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const violations = answerViolations(res);
      if (violations.length > 0) {
        failures.push(`${req.label}\n  ${req.method} ${req.url.slice(0, 300)}\n  headers ${JSON.stringify(req.headers).slice(0, 300)}\n  body ${req.body?.toString('utf8').slice(0, 300) ?? '(none)'}\n  → ${res.status} ${res.text.slice(0, 300)}\n  ${violations.join('; ')}`);
        return false;
      }
      return true;
    };

    const queue = [...plan];
    // fast-check's report of each failing route: its seed and path replay the failure (FUZZ_SEED=…).
    const errors: string[] = [];
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { route, numRuns } = next;
          try {
            await fc.assert(
              fc.asyncProperty(badRequestsFor(route, ids), (req) => check(req)),
              { numRuns, endOnFailure: true, seed },
            );
          } catch (err) {
            errors.push(`${route.method.toUpperCase()} ${route.path}: ${(err instanceof Error ? err.message : String(err)).split('\n').slice(0, 2).join(' ')}`);
          }
        }
      }),
    );

    const seconds = (performance.now() - started) / 1000;
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(', ');
    console.log(`edge fuzz: ${sent} requests over ${ROUTES.length} routes in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s); statuses ${byStatus}`);
    const shown = [...new Set([...failures.filter((f) => /status 5\d\d/.test(f)), ...failures])].slice(0, 8);
    expect(shown, `${failures.length} failing requests, e.g.\n\n${shown.join('\n\n')}\n\n${errors.join('\n')}`).toEqual([]);
    expect(errors).toEqual([]);
    expect(plan.reduce((n, p) => n + p.numRuns, 0)).toBeGreaterThanOrEqual(10_000);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    // Nothing reached Object.prototype (the server runs in this process).
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  }, 180_000);
});
