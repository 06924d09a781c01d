import type { Connection, Run, Workspace } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantContext } from '../src/platform/tenant-context';
import { JobQueue } from '../src/queue/job-queue.adapter';
import { RunRepository } from '../src/runs/run.repository';
import { RunWorker } from '../src/runs/run-worker.service';
import { startTestServer, waitForRun, type TestServer } from './support/test-server';

describe('scheduling and the run queue', () => {
  let server: TestServer;
  let emulator: IamEmulator;
  let ws: Workspace;
  let db: Client;

  beforeAll(async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario(), latencyMs: 150 });
    server = await startTestServer();
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    ws = (await server.api<Workspace>('POST', '/api/v1/workspaces', { slug: 'sched', name: 'Sched' })).body;
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
    await emulator?.stop();
  });

  const crons = () => server.app.get(SchedulerRegistry).getCronJobs();
  const create = async (schedule: string, enabled = true) =>
    (
      await server.api<Connection>('POST', `/api/v1/workspaces/${ws.id}/connections`, {
        connectorId: 'aws-iam',
        name: `c-${schedule}`,
        config: { endpointUrl: emulator.url },
        secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
        schedule,
        enabled,
      })
    ).body;

  it('registers one cron per enabled connection, replaces it on change and removes it on disable', async () => {
    const c = await create('0 3 * * *');
    const name = `connection:${c.id}`;
    expect(crons().get(name)?.cronTime.source).toBe('0 3 * * *');
    await server.api('PATCH', `/api/v1/workspaces/${ws.id}/connections/${c.id}`, { schedule: '*/30 * * * *' });
    expect(crons().get(name)?.cronTime.source).toBe('*/30 * * * *');
    await server.api('PATCH', `/api/v1/workspaces/${ws.id}/connections/${c.id}`, { enabled: false });
    expect(crons().has(name)).toBe(false);
    const disabled = await create('0 4 * * *', false);
    expect(crons().has(`connection:${disabled.id}`)).toBe(false);
  });

  it('a tick queues a scheduled run that the worker executes', async () => {
    const c = await create('0 5 * * *');
    await crons().get(`connection:${c.id}`)!.fireOnTick();
    const listRuns = async () => (await server.api<{ items: Run[] }>('GET', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`)).body.items;
    await expect.poll(async () => (await listRuns())[0]?.trigger, { timeout: 10_000 }).toBe('schedule');
    const done = await waitForRun<Run>(server, ws.id, (await listRuns())[0]!.id);
    expect(done.state).toBe('succeeded');
  });

  it('never stacks runs of one connection: run now while one waits returns the waiting run', async () => {
    const c = await create('0 6 * * *');
    const first = await server.api<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`);
    const second = await server.api<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`);
    const third = await server.api<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`);
    const ids = new Set([first.body.id, second.body.id, third.body.id]);
    // At most one running and one queued at any moment.
    expect(ids.size).toBeLessThanOrEqual(2);
    for (const id of ids) await waitForRun(server, ws.id, id);
    const live = await db.query(`SELECT count(*)::int AS n FROM collection_run WHERE connection_id = $1 AND state IN ('queued','running')`, [c.id]);
    expect(live.rows[0].n).toBe(0);
  });

  it('a run whose worker died (no heartbeat) is marked failed, never left running', async () => {
    const c = await create('0 7 * * *');
    const { rows } = await db.query(
      `INSERT INTO collection_run (workspace_id, connection_id, state, trigger, started_at, heartbeat_at)
       VALUES ($1, $2, 'running', 'schedule', now() - interval '10 minutes', now() - interval '10 minutes') RETURNING id`,
      [ws.id, c.id],
    );
    await server.app.get(RunWorker).reap();
    const run = await server.api<Run>('GET', `/api/v1/workspaces/${ws.id}/runs/${rows[0].id}`);
    expect(run.body.state).toBe('failed');
    expect(run.body.error).toMatch(/nothing from this run was stored/);
  });

  it('a duplicate or late job for a finished run is dropped: a run never executes twice', async () => {
    const c = await create('0 8 * * *');
    const first = await server.api<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`);
    await waitForRun(server, ws.id, first.body.id);
    const observations = async () => (await db.query('SELECT count(*)::int AS n FROM evidence_observation WHERE run_id = $1', [first.body.id])).rows[0].n as number;
    const before = await observations();
    await server.app.get(JobQueue).enqueue({ workspaceId: ws.id, connectionId: c.id, runId: first.body.id });
    // Let the worker pick the duplicate up; then the run and its snapshot must be unchanged.
    await expect.poll(async () => (await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'runId' = $1 AND state = 'completed'`, [first.body.id])).rows[0].n, { timeout: 10_000 }).toBe(2);
    expect(await observations()).toBe(before);
    expect((await server.api<Run>('GET', `/api/v1/workspaces/${ws.id}/runs/${first.body.id}`)).body.attempt).toBe(1);
  });

  it('the schema allows one queued and one running run per connection; a second claim is refused as busy', async () => {
    const c = await create('0 9 * * *');
    const insert = (state: string) => db.query(`INSERT INTO collection_run (workspace_id, connection_id, state, trigger) VALUES ($1, $2, $3, 'manual') RETURNING id`, [ws.id, c.id, state]);
    await insert('running');
    await expect(insert('running')).rejects.toThrow(/collection_run_one_running/);
    const queued = (await insert('queued')).rows[0].id as string;
    await expect(insert('queued')).rejects.toThrow(/collection_run_one_queued/);
    // As the worker claims it: inside the run's workspace (row-level security hides it elsewhere).
    expect(await server.app.get(TenantContext).run(ws.id, () => server.app.get(RunRepository).claim(queued, 1, new Date()))).toBe('busy');
  });
});
