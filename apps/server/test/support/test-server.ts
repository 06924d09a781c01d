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
import { createAccount, mintMemberSession, queryVia, signIn } from './sessions';

export { createAccount, queryVia, signIn } from './sessions';

/**
 * Test-only request header: act as this member (a session is minted for their account directly in
 * the database, as a fixture). Without it requests are made as the test owner, who signed in
 * through the real login endpoint. The header never reaches the server.
 */
export const AS_MEMBER = 'x-test-as-member';
/** Test-only request header: send no credentials at all. */
export const ANONYMOUS = 'x-test-anonymous';

export interface TestServer extends RunningServer {
  db: TestDatabase;
  config: AppConfig;
  /** The account every test server starts with; it owns the workspaces tests create. */
  owner: { email: string; password: string };
  /** Cookie + CSRF headers of the owner's session, for tests that call fetch directly. */
  ownerHeaders: Record<string, string>;
  /** `headers` adds request headers; AS_MEMBER acts as a member, ANONYMOUS sends no credentials. */
  api: <T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: T; text: string; headers: Headers }>;
  /** `api` returning only the body: for set-up steps that must succeed. */
  call: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  /** Cookie and CSRF headers of a session for a member (their account is created if missing). */
  sessionFor: (memberId: string) => Promise<Record<string, string>>;
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
    ASTROLABE_LOGIN_ATTEMPTS_PER_MINUTE: '100000',
    ...env,
  });
  const sink = options.logSink;
  const logger = sink ? createLogger(config.logLevel, { write: (line: string) => sink(line) }) : createLogger(config.logLevel);
  const server = await startServer(config, logger, { retry: { retryLimit: 1, retryDelay: 1, retryBackoff: false }, ...overrides });
  const owner = { email: 'owner@astrolabe.test', password: 'correct horse battery staple' };
  await createAccount(queryVia(db.url), { ...owner, displayName: 'Olivia Owner' });
  const ownerSession = await signIn(server.url, owner.email, owner.password);
  const memberSessions = new Map<string, Promise<Record<string, string>>>();
  const sessionFor = (memberId: string) => {
    let s = memberSessions.get(memberId);
    if (!s) memberSessions.set(memberId, (s = mintMemberSession(queryVia(db.url), memberId)));
    return s;
  };
  const api = async <T>(method: string, path: string, body?: unknown, given: Record<string, string> = {}) => {
    const { [AS_MEMBER]: asMember, [ANONYMOUS]: anonymous, ...headers } = given;
    const credentials = anonymous ? {} : asMember ? await sessionFor(asMember) : headers['authorization'] ? {} : ownerSession;
    const all = { ...credentials, ...headers };
    const res = await fetch(`${server.url}${path}`, {
      method,
      // Redirects are answers too (SSO): tests see them as sent.
      redirect: 'manual',
      headers: body === undefined ? all : { 'content-type': 'application/json', ...all },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // non-JSON bodies stay as text
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  };
  return {
    ...server,
    db,
    config,
    owner,
    ownerHeaders: ownerSession,
    sessionFor,
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
