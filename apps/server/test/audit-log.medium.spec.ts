import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AuditEntry, AuditPage, AuditVerification, ExceptionView, MemberView, Problem, Run, Workspace } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScoringService } from '../src/scoring/scoring.service';
import { MutableClock } from './support/mutable-clock';
import { ANONYMOUS, AS_MEMBER, startTestServer, waitForRun, type TestServer } from './support/test-server';

const DAY = 86_400_000;
const CLI = join(__dirname, '../../cli/bin/astrolabe.cjs');
const CONTROL = 'ctl-incident-response-plan';
const SECRET = 'wJalrXUtnFEMI-audit-must-never-see-this';
const REASON = 'Compensating control: quarterly manual review until the tool lands';

interface Team {
  ws: Workspace;
  base: string;
  owner: MemberView;
  lead: MemberView;
  engineer: MemberView;
}

/** Runs the built CLI (through SWC, as users do) and collects its exit code and output. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Only what the CLI needs: no DATABASE_URL leaks in from the developer's shell.
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('audit log: every mutation and system event, hash-chained, append-only', () => {
  let server: TestServer;
  let emulator: IamEmulator;
  let db: Client;
  const clock = new MutableClock();
  let a: Team;
  let exceptionId: string;
  const as = (m: MemberView) => ({ [AS_MEMBER]: m.id });

  async function team(slug: string): Promise<Team> {
    const ws = await server.call<Workspace>('POST', '/api/v1/workspaces', { slug, name: slug });
    const base = `/api/v1/workspaces/${ws.id}`;
    const owner = (await server.call<{ items: MemberView[] }>('GET', `${base}/members`)).items[0]!;
    const add = async (displayName: string, role: string) =>
      (await server.api<MemberView>('POST', `${base}/members`, { displayName, email: `${role}@${slug}.example.com`, role }, as(owner))).body;
    // A comma in a name: the CSV export has to quote it.
    return { ws, base, owner, lead: await add('Lena Lead', 'compliance_lead'), engineer: await add('Eli Engineer, Jr.', 'engineer') };
  }

  /** The whole chain, oldest first, through the API. */
  async function chain(t: Team, query = ''): Promise<AuditEntry[]> {
    const items: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = [query, 'limit=500', cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&');
      const page: AuditPage = (await server.api<AuditPage>('GET', `${t.base}/audit-log?${qs}`)).body;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items.reverse();
  }

  const verify = async (t: Team) => (await server.api<AuditVerification>('GET', `${t.base}/audit-log/verify`)).body;

  /** Runs `sql` as the database superuser with the append-only trigger bypassed, as an attacker with that power could. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await db.query('SET session_replication_role = replica');
    try {
      await db.query(sql, params);
    } finally {
      await db.query('SET session_replication_role = DEFAULT');
    }
  }

  beforeAll(async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    server = await startTestServer({}, { clock });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    a = await team('audited');
  });
  afterAll(async () => {
    await db?.end();
    await server?.close();
    await emulator?.stop();
  });

  it('records who did what to which target, with source IP, status and outcome — refusals and failures included', async () => {
    const before = (await chain(a)).length;
    expect((await server.api('PATCH', `${a.base}/controls/${CONTROL}`, { ownerId: a.lead.id }, as(a.lead))).status).toBe(200);
    expect((await server.api('POST', `${a.base}/members`, { displayName: 'Eve', email: 'eve@example.com', role: 'owner' }, as(a.engineer))).status).toBe(403);
    expect((await server.api('POST', `${a.base}/members`, { displayName: 'Eve', email: 'not-an-email', role: 'owner' })).status).toBe(400);
    // The lead's own cookie without the CSRF token: what a forged cross-site form would send.
    const { cookie } = await server.sessionFor(a.lead.id);
    expect((await server.api('PATCH', `${a.base}/controls/${CONTROL}`, { trustLabel: 'implemented' }, { [ANONYMOUS]: '1', cookie: cookie ?? '' })).status).toBe(403);
    // Nobody signed in: refused at the door and not written to the workspace's chain.
    expect((await server.api('PATCH', `${a.base}/controls/${CONTROL}`, { trustLabel: 'implemented' }, { [ANONYMOUS]: '1' })).status).toBe(401);
    expect((await server.api('PATCH', `${a.base}/controls/ctl-does-not-exist`, { trustLabel: 'implemented' }, as(a.lead))).status).toBe(404);
    const requested = await server.api<ExceptionView>(
      'POST',
      `${a.base}/exceptions`,
      { scope: 'control', controlId: CONTROL, reason: REASON, expiresAt: new Date(clock.now().getTime() + 10 * DAY).toISOString() },
      as(a.engineer),
    );
    expect(requested.status).toBe(201);
    exceptionId = requested.body.id;
    expect((await server.api('POST', `${a.base}/exceptions/${exceptionId}/approve`, { note: 'Accepted by the lead for ten days' }, as(a.lead))).status).toBe(200);

    const rows = (await chain(a)).slice(before);
    expect(rows.map((r) => ({ action: r.action, actor: r.actorLabel, actorType: r.actorType, target: `${r.targetType}:${r.targetId}`, outcome: r.outcome, status: r.statusCode }))).toEqual([
      { action: 'control.update', actor: 'Lena Lead', actorType: 'member', target: `control:${CONTROL}`, outcome: 'success', status: 200 },
      { action: 'member.create', actor: 'Eli Engineer, Jr.', actorType: 'member', target: 'member:null', outcome: 'denied', status: 403 },
      { action: 'member.create', actor: 'Olivia Owner', actorType: 'member', target: 'member:null', outcome: 'failed', status: 400 },
      { action: 'control.update', actor: 'Lena Lead', actorType: 'member', target: `control:${CONTROL}`, outcome: 'denied', status: 403 },
      { action: 'control.update', actor: 'Lena Lead', actorType: 'member', target: 'control:ctl-does-not-exist', outcome: 'failed', status: 404 },
      { action: 'exception.request', actor: 'Eli Engineer, Jr.', actorType: 'member', target: `exception:${exceptionId}`, outcome: 'success', status: 201 },
      { action: 'exception.approve', actor: 'Lena Lead', actorType: 'member', target: `exception:${exceptionId}`, outcome: 'success', status: 200 },
    ]);
    expect(rows[0]).toMatchObject({ actorId: a.lead.id, workspaceId: a.ws.id, details: { ownerId: a.lead.id } });
    expect(rows[0]!.sourceIp).toMatch(/127\.0\.0\.1/);
    // The refusal keeps what was attempted (a safe scalar) and why it failed, never the detail text.
    expect(rows[1]!.details).toEqual({ role: 'owner', error: 'Not allowed' });
    expect(rows[2]!.details).toEqual({ role: 'owner', error: 'The request is invalid', fields: ['email'] });
    expect(rows[3]!.details).toMatchObject({ trustLabel: 'implemented', error: 'Not allowed' });
    expect(rows[5]!.details).toMatchObject({ scope: 'control', controlId: CONTROL, state: 'requested' });
    expect(rows[6]!.details).toEqual({ state: 'active' });
    // seq counts up by one, each row linking to the one before.
    for (let i = 1; i < rows.length; i++) expect(rows[i]).toMatchObject({ seq: rows[i - 1]!.seq + 1, prevHash: rows[i - 1]!.hash });
  });

  it('puts the creation of a workspace at the start of its own chain, and its members after it', async () => {
    const rows = await chain(a);
    expect(rows.slice(0, 3).map((r) => [r.seq, r.action, r.actorLabel, r.targetId])).toEqual([
      [1, 'workspace.create', 'Olivia Owner', a.ws.id],
      [2, 'member.create', 'Olivia Owner', a.lead.id],
      [3, 'member.create', 'Olivia Owner', a.engineer.id],
    ]);
    expect(rows[0]).toMatchObject({ prevHash: '0'.repeat(64), details: { slug: 'audited' } });
  });

  it('never records request bodies or secrets: a connection secret, its rotation and free-text reasons stay out', async () => {
    const conn = await server.api<{ id: string }>(
      'POST',
      `${a.base}/connections`,
      { connectorId: 'aws-iam', name: 'prod', config: { endpointUrl: emulator.url }, secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET } },
      as(a.owner),
    );
    expect(conn.status).toBe(201);
    expect((await server.api('PATCH', `${a.base}/connections/${conn.body.id}`, { secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: `${SECRET}-2` } }, as(a.owner))).status).toBe(200);
    const rows = await chain(a);
    expect(rows.at(-2)).toMatchObject({ action: 'connection.create', targetId: conn.body.id, details: { connectorId: 'aws-iam' } });
    expect(rows.at(-1)).toMatchObject({ action: 'connection.update', targetId: conn.body.id, details: { changed: ['secret'] } });
    const everything = JSON.stringify((await db.query('SELECT * FROM audit_log')).rows);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(everything).not.toContain(REASON);
    expect(everything).not.toContain('Accepted by the lead');
  });

  it('records a collection run: requested by a member, finished by the system in the run’s own transaction', async () => {
    const conn = (await chain(a, 'action=connection.create')).at(-1)!;
    const run = await server.api<Run>('POST', `${a.base}/connections/${conn.targetId}/runs`, undefined, as(a.lead));
    expect(run.status).toBe(202);
    const done = await waitForRun<Run>(server, a.ws.id, run.body.id);
    expect(done.state).toBe('succeeded');
    const [requested, finished] = (await chain(a, 'action=run.*')).slice(-2);
    expect(requested).toMatchObject({ action: 'run.request', actorLabel: 'Lena Lead', targetType: 'connection', targetId: conn.targetId, details: { runId: run.body.id } });
    expect(finished).toMatchObject({
      action: 'run.finish',
      actorType: 'system',
      actorId: null,
      sourceIp: null,
      statusCode: null,
      targetType: 'run',
      targetId: run.body.id,
      outcome: 'success',
      details: { state: 'succeeded', connectionId: conn.targetId, connectorId: 'aws-iam', attempt: 1 },
    });
  });

  it('records an exception’s expiry as a system event', async () => {
    clock.advance(11 * DAY);
    try {
      await server.app.get(ScoringService).recomputeAll(clock.now());
      const expiry = await chain(a, 'action=exception.expire');
      expect(expiry).toHaveLength(1);
      expect(expiry[0]).toMatchObject({ actorType: 'system', targetType: 'exception', targetId: exceptionId, outcome: 'success', details: { scope: 'control', controlId: CONTROL, state: 'expired' } });
      // Once: the next re-score finds nothing new to record.
      await server.app.get(ScoringService).recomputeAll(clock.now());
      expect(await chain(a, 'action=exception.expire')).toHaveLength(1);
    } finally {
      clock.advance(-11 * DAY);
    }
  });

  it('filters by actor, action, target, outcome and time, pages by cursor, and answers bad filters with 400 problem+json', async () => {
    const all = await chain(a);
    const byEngineer = await chain(a, `actor=${a.engineer.id}`);
    expect(byEngineer.map((r) => r.action)).toEqual(['member.create', 'exception.request']);
    expect((await chain(a, 'actor=system')).every((r) => r.actorType === 'system')).toBe(true);
    expect((await chain(a, 'actor=anonymous')).length).toBe(all.filter((r) => r.actorType === 'anonymous').length);
    expect((await chain(a, 'action=exception.*')).map((r) => r.action)).toEqual(['exception.request', 'exception.approve', 'exception.expire']);
    expect((await chain(a, 'action=member.create&outcome=denied')).map((r) => r.actorLabel)).toEqual(['Eli Engineer, Jr.']);
    expect((await chain(a, `target=${exceptionId}`)).map((r) => r.action)).toEqual(['exception.request', 'exception.approve', 'exception.expire']);
    expect((await chain(a, 'targetType=run')).map((r) => r.action)).toEqual(['run.finish']);

    const from = all[4]!.at;
    const to = all[8]!.at;
    const window = await chain(a, `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(window.map((r) => r.seq)).toEqual(all.filter((r) => r.at >= from && r.at < to).map((r) => r.seq));
    expect(window.length).toBeGreaterThan(0);

    // Newest first, two at a time, until the cursor runs out.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = (await server.api<AuditPage>('GET', `${a.base}/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((r) => r.seq).reverse());

    const bad = async (qs: string) => {
      const res = await fetch(`${server.url}${a.base}/audit-log?${qs}`, { headers: server.ownerHeaders });
      expect(res.status, qs).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return ((await res.json()) as Problem).errors?.map((e) => e.field);
    };
    expect(await bad('action=DROP%20TABLE')).toEqual(['action']);
    expect(await bad('from=yesterday')).toEqual(['from']);
    expect(await bad(`from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`)).toEqual(['to']);
    expect(await bad('outcome=maybe&limit=0')).toEqual(expect.arrayContaining(['outcome', 'limit']));
    expect(await bad('cursor=garbage')).toEqual(['cursor']);
    expect((await fetch(`${server.url}${a.base}/audit-log.csv?targetType=BAD!`, { headers: server.ownerHeaders })).status).toBe(400);
  });

  it('exports CSV (RFC 4180) with the same filters, oldest first', async () => {
    const res = await fetch(`${server.url}${a.base}/audit-log.csv?action=exception.*`, { headers: server.ownerHeaders });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-audited-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('seq,at,actor_type,actor_id,actor_label,action,target_type,target_id,source_ip,outcome,status_code,details,prev_hash,hash');
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toHaveLength(3);
    expect(lines[1]).toContain(',"Eli Engineer, Jr.",exception.request,exception,');
    expect(lines[2]).toContain(',"{""state"":""active""}",');
    const everything = await (await fetch(`${server.url}${a.base}/audit-log.csv`, { headers: server.ownerHeaders })).text();
    expect(everything.split('\r\n').length - 2).toBe((await chain(a)).length);
  });

  it('verifies the chain intact, with its head', async () => {
    const rows = await chain(a);
    expect(await verify(a)).toEqual({ intact: true, rows: rows.length, headSeq: rows.at(-1)!.seq, headHash: rows.at(-1)!.hash });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, even for the superuser', async () => {
    await expect(db.query("UPDATE audit_log SET action = 'member.update' WHERE workspace_id = $1 AND seq = 2", [a.ws.id])).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.query('DELETE FROM audit_log WHERE workspace_id = $1 AND seq = 2', [a.ws.id])).rejects.toThrow(/append-only: DELETE/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await verify(a)).intact).toBe(true);
  });

  describe('tampering behind the trigger’s back is pinpointed', () => {
    let altered: Team;
    let deleted: Team;
    let reordered: Team;

    beforeAll(async () => {
      // Fresh chains: workspace.create, 2 × member.create, then 4 SLA changes = 7 rows each.
      [altered, deleted, reordered] = [await team('altered'), await team('deleted'), await team('reordered')];
      for (const t of [altered, deleted, reordered]) {
        for (const critical of [5, 6, 7, 8]) expect((await server.api('PUT', `${t.base}/settings/sla`, { critical, high: 30, medium: 90, low: 180, info: 365 }, as(t.owner))).status).toBe(200);
        expect(await verify(t)).toMatchObject({ intact: true, rows: 7 });
      }
    });

    it('an altered row: hash mismatch at its seq', async () => {
      await tamper("UPDATE audit_log SET action = 'framework.update' WHERE workspace_id = $1 AND seq = 5", [altered.ws.id]);
      expect(await verify(altered)).toMatchObject({ intact: false, rows: 4, firstBrokenSeq: 5, reason: 'hash mismatch', row: { seq: 5, action: 'framework.update' } });
    });

    it('a deleted row: a gap at its seq', async () => {
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
      try {
        await db.query('DELETE FROM audit_log WHERE workspace_id = $1 AND seq = 4', [deleted.ws.id]);
      } finally {
        await db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
      }
      expect(await verify(deleted)).toMatchObject({ intact: false, rows: 3, firstBrokenSeq: 4, reason: 'missing row (seq gap)', row: { seq: 5 } });
    });

    it('two rows swapped (their seq exchanged): broken at the first moved row', async () => {
      // Through a free seq: the (workspace_id, seq) index is unique.
      await tamper('UPDATE audit_log SET seq = 1000 WHERE workspace_id = $1 AND seq = 3', [reordered.ws.id]);
      await tamper('UPDATE audit_log SET seq = 3 WHERE workspace_id = $1 AND seq = 6', [reordered.ws.id]);
      await tamper('UPDATE audit_log SET seq = 6 WHERE workspace_id = $1 AND seq = 1000', [reordered.ws.id]);
      expect(await verify(reordered)).toMatchObject({ intact: false, rows: 2, firstBrokenSeq: 3, reason: 'prev_hash does not link' });
    });

    it('leaves every other chain intact', async () => {
      expect((await verify(a)).intact).toBe(true);
    });

    it('`astrolabe audit verify`: exit 0 intact, 1 broken with the row, 2 when it cannot check', async () => {
      const env = { DATABASE_URL: server.db.url };
      const [intact, broken, all, unknown, unreachable, noDatabase] = await Promise.all([
        runCli(['audit', 'verify', '--workspace', 'audited'], env),
        runCli(['audit', 'verify', '--workspace', altered.ws.id], env),
        runCli(['audit', 'verify', '--format', 'json'], env),
        runCli(['audit', 'verify', '--workspace', 'nope'], env),
        runCli(['audit', 'verify'], { DATABASE_URL: 'postgres://astrolabe:hunter2@127.0.0.1:1/astrolabe' }),
        runCli(['audit', 'verify'], { ASTROLABE_DATA_DIR: join(server.config.dataDir, 'nothing-here') }),
      ]);
      expect(intact.code, intact.stderr).toBe(0);
      expect(intact.stdout).toMatch(/✔ audited \(.+\): intact, \d+ rows/);

      expect(broken.code, broken.stdout + broken.stderr).toBe(1);
      expect(broken.stdout).toContain('BROKEN at seq 5: hash mismatch');
      expect(broken.stdout).toContain('"action": "framework.update"');

      expect(all.code, all.stderr).toBe(1);
      const report = JSON.parse(all.stdout) as { chain: string; intact: boolean; firstBrokenSeq?: number; reason?: string }[];
      expect(report.filter((r) => !r.intact).map((r) => [r.chain.split(' ')[0], r.firstBrokenSeq, r.reason])).toEqual([
        ['altered', 5, 'hash mismatch'],
        ['deleted', 4, 'missing row (seq gap)'],
        ['reordered', 3, 'prev_hash does not link'],
      ]);
      expect(report.at(-1)).toMatchObject({ chain: 'system chain', intact: true });

      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('No workspace "nope"');
      expect(unreachable.code).toBe(2);
      expect(unreachable.stderr).toContain('Cannot connect to PostgreSQL at postgres://astrolabe:***@127.0.0.1:1/astrolabe');
      expect(unreachable.stderr).toContain('Check DATABASE_URL');
      expect(unreachable.stderr).not.toContain('hunter2');
      expect(noDatabase.code).toBe(2);
      expect(noDatabase.stderr).toContain('No Astrolabe database found');
    }, 90_000);
  });

  it('keeps one chain under 20 concurrent mutations: seqs contiguous, every link intact', async () => {
    const t = await team('concurrent');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => server.api('POST', `${t.base}/members`, { displayName: `Parallel ${i}`, email: `p${i}@concurrent.example.com`, role: 'viewer' }, as(t.owner))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const seqs = (await db.query<{ seq: string }>('SELECT seq FROM audit_log WHERE workspace_id = $1 ORDER BY seq', [t.ws.id])).rows.map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(await verify(t)).toMatchObject({ intact: true, rows: 23 });
  });
});
