import type { Connection, FindingView, Run, Workspace } from '@astrolabe/api-contract';
import type { CheckDefinition } from '@astrolabe/core';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { buildRegistry, getRegistry, type Registry } from '@astrolabe/registry';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryRef } from '../src/platform/registry.provider';
import { startTestServer, waitForRun, type TestServer } from './support/test-server';
import { createAwsWorkspace } from './support/aws-connection';

const CHECK = 'aws-iam.console-user-mfa';

/** A bug in a check must never read as "fixed": its resources stay, as unknown. */
describe('a check that crashes', () => {
  let server: TestServer;
  let emulator: IamEmulator;
  let ws: Workspace;
  let connection: Connection;
  let db: Client;
  const state = { broken: false };

  beforeAll(async () => {
    const real = getRegistry();
    const checks: CheckDefinition[] = real.checks.map((c) =>
      c.metadata.id !== CHECK
        ? c
        : {
            metadata: c.metadata,
            evaluate: (evidence, ctx) => {
              if (state.broken) throw new Error('simulated bug in the check');
              return c.evaluate(evidence, ctx);
            },
          },
    );
    const registry: Registry = buildRegistry(real.connectors, checks, real.catalog);
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    server = await startTestServer({}, { registry: { registry } satisfies RegistryRef });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    ({ ws, connection } = await createAwsWorkspace(server.call, 'bug', emulator.url));
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
    await emulator?.stop();
  });

  const runNow = async () => waitForRun<Run>(server, ws.id, (await server.api<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${connection.id}/runs`)).body.id);
  const findings = async () => (await server.api<{ items: FindingView[] }>('GET', `/api/v1/workspaces/${ws.id}/findings?checkId=${CHECK}&limit=500`)).body.items;

  it('keeps the resources it judged before, as unknown with the reason, and logs no removals', async () => {
    await runNow();
    const before = await findings();
    expect(before.filter((f) => f.status === 'fail').length).toBeGreaterThan(0);

    state.broken = true;
    await runNow();
    const after = await findings();
    const byResource = new Map(after.map((f) => [f.resource.id, f]));
    for (const f of before) {
      expect(byResource.get(f.resource.id)?.status).toBe('unknown');
      expect(byResource.get(f.resource.id)?.reason).toMatch(/could not evaluate/);
    }
    const removed = await db.query(`SELECT count(*)::int AS n FROM finding_change WHERE check_id = $1 AND to_status IS NULL`, [CHECK]);
    expect(removed.rows[0].n).toBe(0);
  });
});
