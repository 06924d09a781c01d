import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, Run, ValidationResultView, Workspace } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { rotateConnectionSecrets, SecretBox } from '@astrolabe/secret-box';
import type { TestDatabase } from '@astrolabe/testkit';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTestDatabase, startTestServer, waitForRun, type TestServer } from './support/test-server';

const CLI = join(__dirname, '../../cli/bin/astrolabe.cjs');
const SECRET = 'PLANTED-ROTATION-SECRET-5d1e';

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const key = () => randomBytes(32).toString('base64');

describe('master key rotation: re-wraps every connection secret, the connections keep working', () => {
  const keys = [key(), key(), key(), key()] as const;
  let emulator: IamEmulator;
  let server: TestServer | undefined;
  let database: TestDatabase;
  let db: Client;
  let ws: Workspace;
  const connections: Connection[] = [];

  const sealedSecrets = async () => (await db.query<{ id: string; secret_sealed: string }>('SELECT id::text AS id, secret_sealed FROM connection WHERE secret_sealed IS NOT NULL ORDER BY id')).rows;
  const start = async (masterKey: string) => {
    server = await startTestServer({ ASTROLABE_MASTER_KEY: masterKey }, {}, { db: database });
    return server;
  };

  beforeAll(async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    // One database for the whole file: each server below is a restart on the same data.
    database = await newTestDatabase();
    server = await start(keys[0]);
    db = new Client({ connectionString: database.url });
    await db.connect();
    ws = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug: 'rotate', name: 'Rotate' });
    for (const name of ['prod', 'staging']) {
      connections.push(
        await server.call<Connection>('POST', `/api/v1/workspaces/${ws.id}/connections`, {
          connectorId: 'aws-iam',
          name,
          config: { endpointUrl: emulator.url },
          secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: `${SECRET}-${name}` },
        }),
      );
    }
    await server.close();
    server = undefined;
  });

  afterAll(async () => {
    await server?.close();
    await db?.end();
    await database?.drop();
    await emulator?.stop();
  });

  it('re-wraps every secret in one call, leaving the ciphertext bodies as they were', async () => {
    const before = await sealedSecrets();
    expect(before).toHaveLength(2);
    const result = await rotateConnectionSecrets(async (sql, params) => (await db.query(sql, params)).rows, new SecretBox(Buffer.from(keys[0], 'base64')), new SecretBox(Buffer.from(keys[1], 'base64')));
    expect(result).toEqual({ rewrapped: 2 });
    const after = await sealedSecrets();
    after.forEach((row, i) => {
      expect(row.secret_sealed.split('.').slice(3)).toEqual(before[i]!.secret_sealed.split('.').slice(3));
      expect(row.secret_sealed).not.toBe(before[i]!.secret_sealed);
      expect(row.secret_sealed).not.toContain(SECRET);
    });
  });

  it('refuses, changing nothing, when the current key cannot open a secret (exit 2, connection named, no secret shown)', async () => {
    const before = await sealedSecrets();
    const r = await runCli(['secrets', 'rotate', '--new-key', keys[2]], { DATABASE_URL: database.url, ASTROLABE_MASTER_KEY: keys[0] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(before[0]!.id);
    expect(r.stderr).toMatch(/Nothing was changed/);
    expect(r.stderr + r.stdout).not.toContain(SECRET);
    expect(await sealedSecrets()).toEqual(before);
  });

  it('rotates again through the CLI binary (DATABASE_URL), printing how many were re-wrapped', async () => {
    const r = await runCli(['secrets', 'rotate', '--new-key', keys[2]], { DATABASE_URL: database.url, ASTROLABE_MASTER_KEY: keys[1] });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Re-wrapped 2 secrets \(connections and SSO\)/);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    for (const row of await sealedSecrets()) {
      expect(new SecretBox(Buffer.from(keys[2], 'base64')).open(row.secret_sealed)).toContain(SECRET);
      expect(() => new SecretBox(Buffer.from(keys[0], 'base64')).open(row.secret_sealed)).toThrow();
      expect(() => new SecretBox(Buffer.from(keys[1], 'base64')).open(row.secret_sealed)).toThrow();
    }
  });

  it('a server restarted with the new key validates and runs the connections against the IAM emulator', async () => {
    const s = await start(keys[2]);
    for (const c of connections) {
      const validation = await s.call<ValidationResultView>('POST', `/api/v1/workspaces/${ws.id}/connections/${c.id}/validate`);
      expect(validation.ok).toBe(true);
    }
    const run = await s.call<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${connections[0]!.id}/runs`);
    expect((await waitForRun<Run>(s, ws.id, run.id)).state).toBe('succeeded');
    await s.close();
    server = undefined;
  });

  it('a server still on the old key cannot open them', async () => {
    const s = await start(keys[0]);
    const validation = await s.api<ValidationResultView>('POST', `/api/v1/workspaces/${ws.id}/connections/${connections[0]!.id}/validate`);
    expect(validation.status === 200 ? validation.body.ok : false).toBe(false);
    expect(validation.text).not.toContain(SECRET);
    await s.close();
    server = undefined;
  });

  it('with the key file in use: replaces master.key (0600) after the commit and keeps the old one as master.key.previous (0600)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'astrolabe-rotate-'));
    try {
      writeFileSync(join(dir, 'master.key'), keys[2], { mode: 0o600 });
      writeFileSync(join(dir, 'new.key'), keys[3], { mode: 0o600 });
      const r = await runCli(['secrets', 'rotate', '--new-key-file', join(dir, 'new.key')], { DATABASE_URL: database.url, ASTROLABE_DATA_DIR: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Re-wrapped 2 secrets \(connections and SSO\)[\s\S]*master\.key\.previous/);
      expect(readFileSync(join(dir, 'master.key'), 'utf8').trim()).toBe(keys[3]);
      expect(readFileSync(join(dir, 'master.key.previous'), 'utf8').trim()).toBe(keys[2]);
      expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'master.key.previous')).mode & 0o777).toBe(0o600);
      for (const row of await sealedSecrets()) expect(new SecretBox(Buffer.from(keys[3], 'base64')).open(row.secret_sealed)).toContain(SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
