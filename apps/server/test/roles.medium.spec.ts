import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Run } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/app-config';
import { createLogger } from '../src/logging/logger';
import { startServer, type RunningServer } from '../src/server';
import { signIn } from './support/sessions';
import { newTestDatabase } from './support/test-server';
import type { TestDatabase } from '@astrolabe/testkit';
import { createAwsWorkspace } from './support/aws-connection';

/** Two processes' worth of roles on one database: the API queues, a separate worker runs. */
describe('server roles over one database', () => {
  let db: TestDatabase;
  let emulator: IamEmulator;
  let api: RunningServer;
  let worker: RunningServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'astrolabe-roles-'));
  const masterKey = randomBytes(32).toString('base64');
  const start = (roles: string) =>
    startServer(
      loadConfig({
        PORT: '0',
        DATABASE_URL: db.url,
        ASTROLABE_ROLES: roles,
        ASTROLABE_DATA_DIR: dir,
        ASTROLABE_MASTER_KEY: masterKey,
        LOG_LEVEL: 'silent',
        ASTROLABE_BOOTSTRAP_OWNER_EMAIL: 'owner@roles.example',
        ASTROLABE_BOOTSTRAP_OWNER_PASSWORD: 'roles owner password',
      }),
      createLogger('silent'),
      { retry: { retryLimit: 0, retryDelay: 1, retryBackoff: false } },
    );
  let auth: Record<string, string> = {};
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await (await fetch(`${api.url}${path}`, { method, headers: { 'content-type': 'application/json', ...auth }, body: body ? JSON.stringify(body) : undefined })).json()) as T;

  beforeAll(async () => {
    db = await newTestDatabase();
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    api = await start('api');
    auth = await signIn(api.url, 'owner@roles.example', 'roles owner password');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await emulator?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an api-only process queues runs that only a worker process executes', async () => {
    const { ws, connection: c } = await createAwsWorkspace(call, 'roles', emulator.url);
    const run = await call<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await call<Run>('GET', `/api/v1/workspaces/${ws.id}/runs/${run.id}`)).state).toBe('queued');

    // The worker decrypts the secret with the shared master key and commits to the shared database.
    worker = await start('worker');
    let state = 'queued';
    for (let i = 0; i < 100 && !['succeeded', 'partial', 'failed'].includes(state); i++) {
      await new Promise((r) => setTimeout(r, 150));
      state = (await call<Run>('GET', `/api/v1/workspaces/${ws.id}/runs/${run.id}`)).state;
    }
    expect(state).toBe('succeeded');
  });
});
