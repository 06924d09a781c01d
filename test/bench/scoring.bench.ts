// npm run bench:scoring — scoring and the overview at scale, on the real server and a real
// embedded PostgreSQL: 200 controls (81 catalog + 119 custom), 5 frameworks, 1,000,000 findings
// over 8 AWS accounts, manual evidence, exceptions and a year of history.
// Targets (issue): recompute < 3 s and < 1 GB; overview p95 < 50 ms at 50 concurrent connections.
// A benchmark, not a test: a missed target is reported, the exit code stays 0.
// Runs about a minute: ~30 s of set-up (mostly the million findings), then the measurements.
// The server runs without the scheduler role, so its hourly re-scoring cannot land mid-measurement.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../apps/server/src/config/app-config';
import { ConnectionsService } from '../../apps/server/src/connections/connections.service';
import { ControlsService } from '../../apps/server/src/controls/controls.service';
import { ExceptionRepository } from '../../apps/server/src/exceptions/exception.repository';
import { FindingRepository } from '../../apps/server/src/findings/finding.repository';
import { createLogger } from '../../apps/server/src/logging/logger';
import { ManualEvidenceRepository } from '../../apps/server/src/manual-evidence/manual-evidence.repository';
import { FrameworksService } from '../../apps/server/src/program/frameworks.service';
import { ControlRepository } from '../../apps/server/src/scoring/control.repository';
import { TenantContext } from '../../apps/server/src/platform/tenant-context';
import { ScoringService } from '../../apps/server/src/scoring/scoring.service';
import { startServer } from '../../apps/server/src/server';
import type { LoadResult } from './overview-load';
import { benchApi, benchAuth, seedBenchProgram } from './scoring-program';

const FINDINGS = 1_000_000;
const CONNECTIONS = 8;
const CUSTOM_CONTROLS = 119;
const RECOMPUTE_RUNS = 5;
const SINGLE_REQUESTS = 20;
const LOAD = { connections: 50, durationS: 10 } as const;
const TARGET = { recomputeMs: 3000, recomputeRssMb: 1024, overviewP95Ms: 50 } as const;

const MB = 1024 * 1024;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
const fmtMs = (n: number | null): string => (n === null || !Number.isFinite(n) ? 'n/a' : n < 10 ? `${n.toFixed(1)} ms` : `${Math.round(n)} ms`);

/** Samples this process's RSS while `fn` runs (PostgreSQL is a separate process and is not included). */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakRss: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  on: (event: 'acquire', listener: () => void) => void;
  off: (event: 'acquire', listener: () => void) => void;
}

/** The pg pool behind TypeORM's DataSource (each query outside a transaction acquires a client once). */
const poolOf = (ds: DataSource): PgPool => (ds.driver as unknown as { master: PgPool }).master;

/** Until the server's connection pool has been idle for half a second: in-flight requests have finished. */
async function waitForIdlePool(ds: DataSource, timeoutMs = 120_000): Promise<void> {
  const pool = poolOf(ds);
  const deadline = Date.now() + timeoutMs;
  let idleSince = 0;
  while (Date.now() < deadline) {
    const idle = pool.waitingCount === 0 && pool.idleCount === pool.totalCount;
    if (!idle) idleSince = 0;
    else if (idleSince === 0) idleSince = Date.now();
    else if (Date.now() - idleSince >= 500) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function runLoadInChild(url: string, cookie: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The session cookie goes by environment, not argv: argv is visible to every local user.
    const child = fork(join(__dirname, 'overview-load.ts'), [url, String(LOAD.connections), String(LOAD.durationS)], { execArgv: ['-r', '@swc-node/register'], env: { ...process.env, BENCH_COOKIE: cookie } });
    child.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => (m.ok && m.result ? resolve(m.result) : reject(new Error(m.error ?? 'load failed'))));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'astrolabe-bench-'));
  chmodSync(dir, 0o755);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ASTROLABE_DATA_DIR: dir,
    ASTROLABE_ROLES: 'api,worker',
    LOG_LEVEL: 'warn',
    // The load test drives thousands of requests a second from one address: no rate limit.
    ASTROLABE_RATE_LIMIT_PER_MINUTE: '0',
    ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE: '0',
    ASTROLABE_MASTER_KEY: randomBytes(32).toString('base64'),
  });
  const startedAt = performance.now();
  const server = await startServer(config, createLogger('warn'));
  const auth = await benchAuth(server);
  const api = benchApi(server.url, auth);
  const ds = server.app.get(DataSource);
  const scoring = server.app.get(ScoringService);
  try {
    console.log(`\nscoring bench: ${FINDINGS.toLocaleString('en')} findings, ${CONNECTIONS} connections, ${81 + CUSTOM_CONTROLS} controls, embedded PostgreSQL`);

    // 1–2. The workspace, members, connections and custom controls through the API; then the
    // large program with set-based SQL.
    const seeded = await seedBenchProgram(server, auth, { findings: FINDINGS, connections: CONNECTIONS, customControls: CUSTOM_CONTROLS });
    const { summary } = seeded;
    const ws = { id: seeded.workspaceId };
    const base = `/api/v1/workspaces/${ws.id}`;
    // The bench reads and writes as the server does: the app login, inside the workspace (row-level security).
    const inWorkspace = <T>(fn: () => Promise<T>): Promise<T> => server.app.get(TenantContext).run(ws.id, fn);
    const controlCount = Number(((await inWorkspace(() => ds.query('SELECT count(*) AS n FROM control WHERE workspace_id = $1', [ws.id]))) as { n: string }[])[0]?.n);
    console.log(`set-up: API ${(seeded.apiMs / 1000).toFixed(1)} s (workspace, ${seeded.memberCount} members, ${CONNECTIONS} connections, ${CUSTOM_CONTROLS} custom controls); SQL ${(seeded.sqlMs / 1000).toFixed(1)} s`);
    console.log(
      `  ${controlCount} controls, ${summary.findings.toLocaleString('en')} findings, ${summary.runs.toLocaleString('en')} runs, ${summary.manualEvidence} manual evidence, ` +
        `${summary.mappings} custom mappings, ${summary.controlDays.toLocaleString('en')} control days, ${summary.frameworkDays.toLocaleString('en')} framework days`,
    );
    console.log(`  exceptions ${Object.entries(summary.exceptions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  SQL steps ${Object.entries(summary.ms).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);

    // 3a. Recompute, as the scheduler and every mutation do: ScoringService.recompute in a transaction.
    const recompute = () => inWorkspace(() => ds.transaction((manager) => scoring.recompute(manager, ws.id, new Date())));
    const rssBefore = process.memoryUsage.rss();
    const runs: { ms: number; peakRss: number }[] = [];
    for (let i = 0; i < RECOMPUTE_RUNS; i++) {
      const t = performance.now();
      const { peakRss } = await withPeakRss(recompute);
      runs.push({ ms: performance.now() - t, peakRss });
    }
    const recomputeMs = runs.map((r) => r.ms);
    const peakRss = Math.max(...runs.map((r) => r.peakRss));
    console.log(`\nrecompute runs: ${recomputeMs.map((m) => fmtMs(m)).join(', ')} (Node RSS ${Math.round(rssBefore / MB)} MB before, peak ${Math.round(peakRss / MB)} MB)`);

    // Where a recompute's time goes: its reads, one at a time, outside a transaction.
    const findings = server.app.get(FindingRepository);
    const controls = server.app.get(ControlRepository);
    const evidence = server.app.get(ManualEvidenceRepository);
    const exceptions = server.app.get(ExceptionRepository);
    const phase = async (label: string, fn: () => Promise<unknown>) => {
      const t = performance.now();
      await inWorkspace(fn);
      return `${label} ${fmtMs(performance.now() - t)}`;
    };
    const now = new Date();
    const phases = [
      await phase('countsByCheck', () => findings.countsByCheck(ds, ws.id, now)),
      await phase('controls.list', () => controls.list(ws.id)),
      await phase('evidence.latest', () => evidence.latest(ds, ws.id)),
      await phase('liveControlExceptions', () => exceptions.liveControlExceptions(ds, ws.id, now)),
      await phase('score only (no writes)', () => scoring.score(ds, ws.id, now)),
    ];
    console.log(`  breakdown: ${phases.join(', ')}`);

    // 3b. Overview, one request at a time, on fresh stored scores.
    await recompute();
    const overviewPath = `${base}/overview`;
    await api.timedGet(overviewPath); // warm-up
    const single: number[] = [];
    for (let i = 0; i < SINGLE_REQUESTS; i++) single.push(await api.timedGet(overviewPath));
    console.log(`overview single requests: median ${fmtMs(median(single))}, min ${fmtMs(Math.min(...single))}, max ${fmtMs(Math.max(...single))}`);

    // Where an overview request goes: its parts one at a time, and how many queries it sends.
    const views = [
      await phase('frameworks.list', () => server.app.get(FrameworksService).list(ws.id)),
      await phase('controls.all', () => server.app.get(ControlsService).all(ws.id)),
      await phase('connections.list', () => server.app.get(ConnectionsService).list(ws.id)),
      await phase('controls.regressions', () => server.app.get(ControlsService).regressions(ws.id)),
    ];
    const pool = poolOf(ds);
    let acquired = 0;
    const onAcquire = () => (acquired += 1);
    pool.on('acquire', onAcquire);
    await api.timedGet(overviewPath);
    pool.off('acquire', onAcquire);
    console.log(`  ${acquired} pooled queries per overview request; parts: ${views.join(', ')}`);

    // The first overview after the stored scores went stale (> 5 min): ensureFresh re-scores on the request path.
    await inWorkspace(() => ds.query(`UPDATE workspace SET scored_at = now() - interval '10 minutes' WHERE id = $1`, [ws.id]));
    const staleMs = await api.timedGet(overviewPath);
    console.log(`overview on stale scores (re-scored on read): ${fmtMs(staleMs)}`);

    // 3c. 50 concurrent connections for 10 s, load generated in a child process. Stored scores
    // are fresh for the whole run: this is the steady state the target is about.
    await recompute();
    const loadRun = async () => {
      const out = await withPeakRss(() => runLoadInChild(`${server.url}${overviewPath}`, auth.owner['cookie'] ?? ''));
      // autocannon hangs up when its time is over; requests already queued in the server finish first.
      await waitForIdlePool(ds);
      return out;
    };
    const describe = (l: LoadResult) =>
      `${l.requests} requests in ${l.durationS} s, ${l.throughputRps.toFixed(0)} req/s, p50 ${fmtMs(l.p50Ms)}, p95 ${fmtMs(l.p95Ms)}, p99 ${fmtMs(l.p99Ms)}, max ${fmtMs(l.maxMs)}, ` +
      `non-2xx ${l.non2xx}, errors ${l.errors}, timeouts ${l.timeouts}`;
    const fresh = await loadRun();
    const load = fresh.value;
    console.log(`overview under load, fresh scores: ${describe(load)} (server Node RSS peak ${Math.round(fresh.peakRss / MB)} MB)`);
    // The same load starting on stale scores: every request's ensureFresh re-scores until one commits.
    await inWorkspace(() => ds.query(`UPDATE workspace SET scored_at = now() - interval '10 minutes' WHERE id = $1`, [ws.id]));
    const stale = (await loadRun()).value;
    console.log(`overview under load, stale scores at start: ${describe(stale)}`);

    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    const rows: [string, string, string, string][] = [
      [`recompute all statuses, median of ${RECOMPUTE_RUNS}`, fmtMs(median(recomputeMs)), `< ${TARGET.recomputeMs} ms`, verdict(median(recomputeMs) < TARGET.recomputeMs)],
      [`recompute all statuses, max of ${RECOMPUTE_RUNS}`, fmtMs(Math.max(...recomputeMs)), `< ${TARGET.recomputeMs} ms`, verdict(Math.max(...recomputeMs) < TARGET.recomputeMs)],
      ['recompute peak RSS (Node process only*)', `${Math.round(peakRss / MB)} MB`, `< ${TARGET.recomputeRssMb} MB`, verdict(peakRss / MB < TARGET.recomputeRssMb)],
      [`overview, single request, median of ${SINGLE_REQUESTS}`, fmtMs(median(single)), '—', 'info'],
      ['overview, first request on stale scores', fmtMs(staleMs), '—', 'info'],
      [`overview p95 @ ${LOAD.connections} conns, ${LOAD.durationS} s`, fmtMs(load.p95Ms), `< ${TARGET.overviewP95Ms} ms`, verdict(load.p95Ms < TARGET.overviewP95Ms && load.non2xx === 0 && load.errors === 0)],
      [`overview p99 @ ${LOAD.connections} conns`, fmtMs(load.p99Ms), '—', 'info'],
      [`overview throughput @ ${LOAD.connections} conns`, `${load.throughputRps.toFixed(0)} req/s`, '—', 'info'],
      [`overview p95 @ ${LOAD.connections} conns, stale scores at start`, stale.requests === 0 ? `none done in ${LOAD.durationS} s` : fmtMs(stale.p95Ms), '—', 'info'],
    ];
    const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0), ['metric', 'figure', 'target'][i]?.length ?? 0));
    const line = (r: readonly string[]) => `${(r[0] ?? '').padEnd(w[0] ?? 0)}  ${(r[1] ?? '').padStart(w[1] ?? 0)}  ${(r[2] ?? '').padEnd(w[2] ?? 0)}  ${r[3] ?? ''}`;
    console.log(`\n${line(['metric', 'figure', 'target', 'result'])}\n${'-'.repeat(line(['', '', '', 'result']).length)}`);
    for (const r of rows) console.log(line(r));
    console.log(
      `\n* RSS of this Node process (server + bench; the load generator is a child process). PostgreSQL runs in its own processes and is not counted.` +
        `\n  Whole run: ${((performance.now() - startedAt) / 1000).toFixed(0)} s, Node maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.\n`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
