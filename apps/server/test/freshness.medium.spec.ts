import type { CheckView, ControlView, FindingView, Run, Workspace } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScoringService } from '../src/scoring/scoring.service';
import { MutableClock } from './support/mutable-clock';
import { startTestServer, waitForRun, type TestServer } from './support/test-server';
import { createAwsWorkspace } from './support/aws-connection';

const HOUR = 3_600_000;

describe('evidence freshness and daily history', () => {
  let server: TestServer;
  let emulator: IamEmulator;
  let ws: Workspace;
  let db: Client;
  const clock = new MutableClock();

  beforeAll(async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    server = await startTestServer({}, { clock });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    const created = await createAwsWorkspace(server.call, 'fresh', emulator.url);
    ws = created.ws;
    const c = created.connection;
    const run = await server.api<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`);
    await waitForRun(server, ws.id, run.body.id);
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
    await emulator?.stop();
  });

  it('evidence older than the freshness window turns verdicts unknown, never a stale pass or fail', async () => {
    const fresh = await server.api<{ items: FindingView[] }>('GET', `/api/v1/workspaces/${ws.id}/findings?status=fail&limit=500`);
    expect(fresh.body.items.length).toBeGreaterThan(0);

    clock.advance(49 * HOUR); // default window: 48 h
    const stale = await server.api<{ items: FindingView[] }>('GET', `/api/v1/workspaces/${ws.id}/findings?limit=500`);
    expect(stale.body.items.length).toBeGreaterThan(0);
    expect(stale.body.items.every((f) => f.status === 'unknown')).toBe(true);
    expect(stale.body.items[0]!.reason).toMatch(/^Evidence is stale/);
    const checks = (await server.api<{ items: CheckView[] }>('GET', `/api/v1/workspaces/${ws.id}/checks`)).body.items;
    expect(checks.every((c) => c.counts.pass === 0 && c.counts.fail === 0)).toBe(true);

    // Controls and readiness follow at once, without waiting for a run or the hourly re-score.
    const controls = (await server.api<{ items: ControlView[] }>('GET', `/api/v1/workspaces/${ws.id}/controls`)).body.items;
    expect(controls.filter((c) => c.automation === 'automated').every((c) => c.status === 'unknown')).toBe(true);
  });

  it('keeps one status row per control per day, including days without a run', async () => {
    await server.app.get(ScoringService).recomputeAll(clock.now());
    const days = await db.query(`SELECT count(DISTINCT day)::int AS n FROM control_status_day WHERE workspace_id = $1`, [ws.id]);
    expect(days.rows[0].n).toBe(2);
    const control = (await server.api<{ items: ControlView[] }>('GET', `/api/v1/workspaces/${ws.id}/controls`)).body.items.find((c) => c.automation === 'automated')!;
    const detail = await server.api<{ history: { day: string; status: string }[] }>('GET', `/api/v1/workspaces/${ws.id}/controls/${control.id}`);
    expect(detail.body.history.map((h) => h.status).at(-1)).toBe('unknown');
  });
});
