import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@astrolabe/testkit';
import { inject } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { openDataSource } from '../../src/database/data-source.factory';
import { createLogger } from '../../src/logging/logger';
import { startServer, type RunningServer, type ServerOverrides } from '../../src/server';

export interface TestServer extends RunningServer {
  db: TestDatabase;
  config: AppConfig;
  /** `headers` adds request headers, e.g. the acting member (`x-astrolabe-member`). */
  api: <T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: T; text: string }>;
  /** `api` returning only the body: for set-up steps that must succeed. */
  call: <T>(method: string, path: string, body?: unknown) => Promise<T>;
}

/** Migrates the template database once per run; test files clone it. */
async function migrate(url: string): Promise<void> {
  const ds = await openDataSource(url, 2);
  await ds.destroy();
}

export async function newTestDatabase(): Promise<TestDatabase> {
  return createTestDatabase(inject('pgMaintenanceUrl'), 'astrolabe_template_v1', migrate);
}

/** The real server (HTTP, queue, scheduler, worker) on its own cloned database and a random port. */
export interface TestServerOptions {
  /** Receives every log line (JSON) the server writes. */
  logSink?: (line: string) => void;
  /** Start on this database (e.g. a restart on the same data); the caller drops it, close() does not. */
  db?: TestDatabase;
}

export async function startTestServer(env: Record<string, string> = {}, overrides: ServerOverrides = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.db ?? (await newTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'astrolabe-server-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    ASTROLABE_DATA_DIR: dataDir,
    ASTROLABE_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests poll and seed faster than a person clicks: limits stay on (the guard runs) but far away.
    ASTROLABE_RATE_LIMIT_PER_MINUTE: '100000',
    ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE: '100000',
    ...env,
  });
  const sink = options.logSink;
  const logger = sink ? createLogger(config.logLevel, { write: (line: string) => sink(line) }) : createLogger(config.logLevel);
  const server = await startServer(config, logger, { retry: { retryLimit: 1, retryDelay: 1, retryBackoff: false }, ...overrides });
  const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // non-JSON bodies stay as text
    }
    return { status: res.status, body: parsed as T, text };
  };
  return {
    ...server,
    db,
    config,
    api,
    call: async <T>(method: string, path: string, body?: unknown) => {
      const res = await api<T>(method, path, body);
      if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${res.text}`);
      return res.body;
    },
    close: async () => {
      await server.close();
      if (!options.db) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls a run until it reaches a terminal state. */
export async function waitForRun<T extends { state: string }>(server: TestServer, workspaceId: string, runId: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await server.api<T>('GET', `/api/v1/workspaces/${workspaceId}/runs/${runId}`);
    if (res.status === 200 && ['succeeded', 'partial', 'failed'].includes(res.body.state)) return res.body;
    if (Date.now() > deadline) throw new Error(`run ${runId} did not finish: ${res.text}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
