import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from '@astrolabe/api-contract';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/app-config';
import { createLogger } from '../src/logging/logger';
import { startServer } from '../src/server';
import { signIn } from './support/sessions';

describe('without DATABASE_URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'astrolabe-embedded-'));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs an embedded PostgreSQL in the data dir, bootstraps the first owner once, and data survives a restart', async () => {
    const password = 'first owner password';
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      ASTROLABE_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      ASTROLABE_MASTER_KEY: randomBytes(32).toString('base64'),
      ASTROLABE_BOOTSTRAP_OWNER_EMAIL: 'founder@example.com',
      ASTROLABE_BOOTSTRAP_OWNER_PASSWORD: password,
      ASTROLABE_BOOTSTRAP_WORKSPACE: 'Acme Corp',
    };
    const config = loadConfig(env);
    expect(config.databaseUrl).toBeUndefined();
    const first = await startServer(config, createLogger('silent'));
    const auth = await signIn(first.url, 'founder@example.com', password);
    const created = await fetch(`${first.url}/api/v1/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ slug: 'persist', name: 'Persist' }) });
    expect(created.status).toBe(201);
    await first.close();

    // A restart with the bootstrap variables still set changes nothing: the password stays, no second workspace.
    const second = await startServer(loadConfig({ ...env, ASTROLABE_BOOTSTRAP_OWNER_PASSWORD: 'another password entirely' }), createLogger('silent'));
    try {
      const again = await signIn(second.url, 'founder@example.com', password);
      const list = (await (await fetch(`${second.url}/api/v1/workspaces`, { headers: again })).json()) as { items: Workspace[] };
      expect(list.items.map((w) => w.slug).sort()).toEqual(['acme-corp', 'persist']);
    } finally {
      await second.close();
    }
  });
});
