// npm run bench:run — a whole scheduled-run path at scale: queue → collect (5,000 users via the
// emulator at 30 ms per request) → checks → ONE transaction storing evidence, findings and scores,
// on a real embedded PostgreSQL. Runs twice: first run, then an unchanged re-run (content-addressed
// evidence means the second stores observations but no new blobs).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateScenario, startIamEmulator } from '@astrolabe/emulator-aws-iam';
import { loadConfig } from '../../apps/server/src/config/app-config';
import { createLogger } from '../../apps/server/src/logging/logger';
import { benchAuth } from './scoring-program';
import { startServer } from '../../apps/server/src/server';

interface RunView {
  id: string;
  state: string;
  startedAt: string | null;
  finishedAt: string | null;
  findingCounts: Record<string, number> | null;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'astrolabe-bench-'));
  chmodSync(dir, 0o755);
  const emulator = await startIamEmulator({ scenario: generateScenario({ users: 5000, roles: 300, policies: 200, seed: 2025 }), latencyMs: 30 });
  // No rate limit: the bench measures the server, not the limiter.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ASTROLABE_DATA_DIR: dir, LOG_LEVEL: 'info', ASTROLABE_MASTER_KEY: randomBytes(32).toString('base64'), ASTROLABE_RATE_LIMIT_PER_MINUTE: '0', ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE: '0' });
  const server = await startServer(config, createLogger('info', { write: (l: string) => { if (l.includes('run committed')) { const j = JSON.parse(l) as { collectMs: number; commitMs: number; items: number }; console.log(`  collect ${j.collectMs} ms, evaluate+store ${j.commitMs} ms, ${j.items} evidence items`); } } }));
  const auth = await benchAuth(server);
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { method, headers: { 'content-type': 'application/json', ...auth.owner }, body: body ? JSON.stringify(body) : undefined });
    return (await res.json()) as T;
  };
  try {
    const ws = await api<{ id: string }>('POST', '/api/v1/workspaces', { slug: 'bench', name: 'Bench' });
    const conn = await api<{ id: string }>('POST', `/api/v1/workspaces/${ws.id}/connections`, {
      connectorId: 'aws-iam',
      name: 'bench',
      config: { endpointUrl: emulator.url },
      secret: { accessKeyId: 'AKIABENCHMARK0000001', secretAccessKey: 'bench-secret' },
    });
    console.log('\nserver run bench: 5000 users, 300 roles, 200 policies, 30 ms latency, embedded PostgreSQL\n');
    for (const label of ['first run', 'unchanged re-run']) {
      const queued = performance.now();
      const run = await api<RunView>('POST', `/api/v1/workspaces/${ws.id}/connections/${conn.id}/runs`);
      let view = run;
      while (!['succeeded', 'partial', 'failed'].includes(view.state)) {
        await new Promise((r) => setTimeout(r, 50));
        view = await api<RunView>('GET', `/api/v1/workspaces/${ws.id}/runs/${run.id}`);
      }
      const total = performance.now() - queued;
      const exec = view.startedAt && view.finishedAt ? Date.parse(view.finishedAt) - Date.parse(view.startedAt) : NaN;
      const counts = view.findingCounts ?? {};
      console.log(`${label.padEnd(18)} state ${view.state}, run ${Math.round(exec)} ms (queue to done ${Math.round(total)} ms), findings ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
    }
    const overviewStart = performance.now();
    await api('GET', `/api/v1/workspaces/${ws.id}/overview`);
    console.log(`overview query      ${Math.round(performance.now() - overviewStart)} ms`);
    console.log(`peak RSS            ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (server, emulator and bench in one process)\n`);
  } finally {
    await server.close();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
