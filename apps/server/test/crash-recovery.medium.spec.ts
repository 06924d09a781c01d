import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FindingView, Run } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsWorkspace } from './support/aws-connection';
import { signIn } from './support/sessions';

const ROOT = join(__dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The real server binary, SIGKILLed mid-run: no graceful shutdown, no cleanup code runs. */
describe('crash mid-run (SIGKILL) with the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'astrolabe-crash-'));
  chmodSync(dir, 0o755);
  let port: number;
  let emulator: IamEmulator;
  let child: ChildProcess | undefined;
  const env = {
    ASTROLABE_DATA_DIR: dir,
    ASTROLABE_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    ASTROLABE_BOOTSTRAP_OWNER_EMAIL: 'owner@crash.example',
    ASTROLABE_BOOTSTRAP_OWNER_PASSWORD: 'crash test owner password',
  };
  // Signed in again after each boot: a session survives a crash, but the test should not depend on it.
  let auth: Record<string, string> = {};
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await (await fetch(url(path), { method, headers: { 'content-type': 'application/json', ...auth }, body: body ? JSON.stringify(body) : undefined })).json()) as T;

  async function boot(): Promise<void> {
    child = spawn(process.execPath, ['-r', 'reflect-metadata', '-r', '@swc-node/register', 'apps/server/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: 'ignore',
    });
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(url('/api/v1/health')).then((r) => r.ok, () => false);
      if (ok) {
        auth = await signIn(url(''), env.ASTROLABE_BOOTSTRAP_OWNER_EMAIL, env.ASTROLABE_BOOTSTRAP_OWNER_PASSWORD);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server did not start');
  }

  beforeAll(async () => {
    port = await freePort();
    emulator = await startIamEmulator({ scenario: loadDemoScenario(), latencyMs: 400 });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the run failed with nothing stored, restarts on the same data, and the next run succeeds', async () => {
    await boot();
    const { ws, connection: c } = await createAwsWorkspace(call, 'crash', emulator.url);
    const run = await call<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`);
    await expect.poll(async () => (await call<Run>('GET', `/api/v1/workspaces/${ws.id}/runs/${run.id}`)).state, { timeout: 20_000, interval: 50 }).toBe('running');

    const killed = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    await killed;

    // PostgreSQL outlived the killed server and still locks the data dir; start-up must cope.
    await boot();
    const after = await call<Run>('GET', `/api/v1/workspaces/${ws.id}/runs/${run.id}`);
    expect(after.state).toBe('failed');
    expect(after.error).toMatch(/nothing from this run was stored/);
    const findings = await call<{ items: FindingView[] }>('GET', `/api/v1/workspaces/${ws.id}/findings?connectionId=${c.id}`);
    expect(findings.items).toEqual([]);

    emulator.setFaults({ latencyMs: 0 });
    const next = await call<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/runs`);
    await expect.poll(async () => (await call<Run>('GET', `/api/v1/workspaces/${ws.id}/runs/${next.id}`)).state, { timeout: 30_000, interval: 200 }).toBe('succeeded');
  });
});
