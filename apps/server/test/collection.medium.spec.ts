import type { CheckView, Connection, ControlView, FindingView, FrameworkView, Run, Workspace } from '@astrolabe/api-contract';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, waitForRun, type TestServer } from './support/test-server';

const SECRET = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'planted-secret-value-7f3a9c' };

describe('collection → evidence → findings → scores over HTTP, on real PostgreSQL', () => {
  let server: TestServer;
  let emulator: IamEmulator;
  let ws: Workspace;
  let connection: Connection;
  let db: Client;
  const logLines: string[] = [];

  beforeAll(async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    server = await startTestServer({ LOG_LEVEL: 'debug' }, {}, { logSink: (line) => logLines.push(line) });
    db = new Client({ connectionString: server.db.url });
    await db.connect();
    ws = (await server.api<Workspace>('POST', '/api/v1/workspaces', { slug: 'acme', name: 'Acme' })).body;
    const created = await server.api<Connection>('POST', `/api/v1/workspaces/${ws.id}/connections`, {
      connectorId: 'aws-iam',
      name: 'prod',
      config: { region: 'us-east-1', endpointUrl: emulator.url },
      secret: SECRET,
      schedule: '0 */6 * * *',
    });
    expect(created.status).toBe(201);
    connection = created.body;
  });

  afterAll(async () => {
    await db?.end();
    await server?.close();
    await emulator?.stop();
  });

  const runNow = async () => {
    const res = await server.api<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${connection.id}/runs`);
    expect(res.status).toBe(202);
    return waitForRun<Run>(server, ws.id, res.body.id);
  };

  it('never returns the secret, only that one is stored', async () => {
    expect(connection.hasSecret).toBe(true);
    const list = await server.api('GET', `/api/v1/workspaces/${ws.id}/connections`);
    expect(list.text).not.toContain(SECRET.secretAccessKey);
    const stored = await db.query('SELECT secret_sealed FROM connection WHERE id = $1', [connection.id]);
    expect(stored.rows[0].secret_sealed).not.toContain(SECRET.secretAccessKey);
  });

  it('validates a connection: credentials work and the account is identified; a missing permission is named', async () => {
    type Validation = { ok: boolean; scope?: { id: string }; steps: { ok: boolean; missingPermission?: string }[] };
    const ok = await server.api<Validation>('POST', `/api/v1/workspaces/${ws.id}/connections/${connection.id}/validate`);
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.scope?.id).toMatch(/^arn:aws:iam::\d{12}:root$/);
    emulator.setFaults({ accessDenied: ['GetAccountAuthorizationDetails'] });
    try {
      const denied = await server.api<Validation>('POST', `/api/v1/workspaces/${ws.id}/connections/${connection.id}/validate`);
      expect(denied.body.ok).toBe(false);
      expect(denied.body.steps.filter((s) => !s.ok).map((s) => s.missingPermission)).toContain('iam:GetAccountAuthorizationDetails');
    } finally {
      emulator.setFaults({ accessDenied: [] });
    }
  });

  it('runs now: collects every kind, stores evidence and findings, scores controls', async () => {
    const run = await runNow();
    expect(run.state).toBe('succeeded');
    expect(Object.values(run.kinds).every((k) => k.status === 'succeeded')).toBe(true);
    expect(run.findingCounts!.fail).toBeGreaterThan(0);
    expect(run.findingCounts!.pass).toBeGreaterThan(0);

    const checks = (await server.api<{ items: CheckView[] }>('GET', `/api/v1/workspaces/${ws.id}/checks`)).body.items;
    const mfa = checks.find((c) => c.id === 'aws-iam.console-user-mfa')!;
    expect(mfa.counts.fail).toBeGreaterThan(0);
    expect(mfa.remediation.cli).toMatch(/aws iam/);

    const controls = (await server.api<{ items: ControlView[] }>('GET', `/api/v1/workspaces/${ws.id}/controls`)).body.items;
    expect(controls.some((c) => c.status === 'failing')).toBe(true);
    // Manual controls without evidence are never counted as passing.
    expect(controls.some((c) => c.checkIds.length === 0 && c.status === 'not_monitored')).toBe(true);

    const frameworks = (await server.api<{ items: FrameworkView[] }>('GET', `/api/v1/workspaces/${ws.id}/frameworks`)).body.items;
    expect(frameworks.map((f) => f.id)).toContain('soc2-tsc-2017');
    for (const f of frameworks) {
      const r = f.readiness;
      expect(r.passing + r.failing + r.unknown + r.notMonitored).toBe(r.inScope);
      expect(r.percent).toBeLessThan(100);
    }
  });

  it('the overview says when evidence was last collected', async () => {
    const overview = await server.api<{ lastCollectedAt: string | null }>('GET', `/api/v1/workspaces/${ws.id}/overview`);
    expect(Date.now() - Date.parse(overview.body.lastCollectedAt!)).toBeLessThan(60_000);
  });

  it('traces a failing finding to the raw evidence it rests on', async () => {
    const page = await server.api<{ items: FindingView[] }>('GET', `/api/v1/workspaces/${ws.id}/findings?status=fail&checkId=aws-iam.console-user-mfa`);
    expect(page.status).toBe(200);
    const finding = page.body.items[0]!;
    expect(finding.resource.id).toMatch(/^arn:aws:iam::\d{12}:user\//);
    expect(finding.controlIds.length).toBeGreaterThan(0);
    const evidence = await server.api<{ kind: string; data: Record<string, string> }>('GET', `/api/v1/workspaces/${ws.id}/evidence/${finding.evidence[0]}`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.kind).toBe('aws.iam.credential-report-row');
    expect(evidence.body.data.mfa_active).toBe('false');
  });

  it('stores unchanged evidence once (content-addressed) and keeps first-seen stable', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM evidence_blob');
    const firstSeen = await db.query(`SELECT min(first_seen_at) AS t FROM finding`);
    const run = await runNow();
    expect(run.state).toBe('succeeded');
    const after = await db.query('SELECT count(*)::int AS n FROM evidence_blob');
    const obs = await db.query('SELECT count(*)::int AS n FROM evidence_observation WHERE run_id = $1', [run.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect(obs.rows[0].n).toBeGreaterThan(30);
    expect((await db.query(`SELECT min(first_seen_at) AS t FROM finding`)).rows[0].t).toEqual(firstSeen.rows[0].t);
    // Nothing changed, so no finding row was rewritten; coverage records that every check saw fresh evidence.
    expect((await db.query('SELECT count(*)::int AS n FROM finding WHERE last_run_id = $1', [run.id])).rows[0].n).toBe(0);
    const coverage = await db.query('SELECT DISTINCT last_run_id FROM finding_coverage');
    expect(coverage.rows).toEqual([{ last_run_id: run.id }]);
    const page = await server.api<{ items: FindingView[] }>('GET', `/api/v1/workspaces/${ws.id}/findings?limit=1`);
    expect(Date.parse(page.body.items[0]!.lastSeenAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt!));
  });

  it('pages findings with a cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const res = await server.api<{ items: FindingView[]; nextCursor: string | null }>('GET', `/api/v1/workspaces/${ws.id}/findings?limit=7${q}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((f) => f.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const total = await db.query('SELECT count(*)::int AS n FROM finding');
    expect(seen.length).toBe(total.rows[0].n);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('AccessDenied on one call: that kind fails with the permission named, its checks turn unknown, others still run', async () => {
    emulator.setFaults({ accessDenied: ['ListVirtualMFADevices'] });
    try {
      const run = await runNow();
      expect(run.state).toBe('partial');
      expect(run.kinds['aws.iam.virtual-mfa-device']!.status).toBe('failed');
      expect(run.kinds['aws.iam.virtual-mfa-device']!.error!.missingPermission).toBe('iam:ListVirtualMFADevices');
      const hw = await server.api<{ items: FindingView[] }>('GET', `/api/v1/workspaces/${ws.id}/findings?checkId=aws-iam.root-hardware-mfa`);
      expect(hw.body.items.length).toBeGreaterThan(0);
      expect(hw.body.items.every((f) => f.status === 'unknown')).toBe(true);
      expect(hw.body.items[0]!.reason).toContain('iam:ListVirtualMFADevices');
      const mfa = await server.api<{ items: FindingView[] }>('GET', `/api/v1/workspaces/${ws.id}/findings?checkId=aws-iam.console-user-mfa&status=fail`);
      expect(mfa.body.items.length).toBeGreaterThan(0);
    } finally {
      emulator.setFaults({ accessDenied: [] });
    }
  });

  it('an unreachable source makes findings unknown — never fail, never pass — and keeps the resources', async () => {
    const failingBefore = await db.query(`SELECT count(*)::int AS n FROM finding WHERE status = 'fail'`);
    expect(failingBefore.rows[0].n).toBeGreaterThan(0);
    const patched = await server.api<Connection>('PATCH', `/api/v1/workspaces/${ws.id}/connections/${connection.id}`, { config: { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' } });
    expect(patched.status).toBe(200);
    const run = await runNow();
    expect(run.state).toBe('failed');
    expect(run.error).toBeTruthy();
    expect(run.error).not.toContain(SECRET.secretAccessKey);
    const statuses = await db.query('SELECT status, count(*)::int AS n FROM finding GROUP BY status');
    expect(statuses.rows).toEqual([{ status: 'unknown', n: expect.any(Number) }]);
    expect(statuses.rows[0].n).toBeGreaterThanOrEqual(failingBefore.rows[0].n);
    const controls = (await server.api<{ items: ControlView[] }>('GET', `/api/v1/workspaces/${ws.id}/controls`)).body.items;
    expect(controls.filter((c) => c.automation === 'automated').every((c) => c.status === 'unknown')).toBe(true);
    // Recovery: point back at the emulator and the verdicts return.
    await server.api('PATCH', `/api/v1/workspaces/${ws.id}/connections/${connection.id}`, { config: { region: 'us-east-1', endpointUrl: emulator.url } });
    expect((await runNow()).state).toBe('succeeded');
    const history = await db.query(`SELECT count(*)::int AS n FROM finding_change WHERE to_status = 'unknown'`);
    expect(history.rows[0].n).toBeGreaterThan(0);
  });

  it('commits a run atomically: a failure while storing leaves no evidence and marks the run failed', async () => {
    await db.query(`CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await db.query(`CREATE TRIGGER boom BEFORE INSERT ON control_status_day FOR EACH ROW EXECUTE FUNCTION boom()`);
    await db.query(`DELETE FROM control_status_day`);
    try {
      const res = await server.api<Run>('POST', `/api/v1/workspaces/${ws.id}/connections/${connection.id}/runs`);
      // Attempt 1 rolls back and is re-queued; the last attempt rolls back and fails the run.
      const run = await waitForRun<Run>(server, ws.id, res.body.id);
      expect(run.state).toBe('failed');
      expect(run.error).toContain('rolled back');
      const obs = await db.query('SELECT count(*)::int AS n FROM evidence_observation WHERE run_id = $1', [run.id]);
      expect(obs.rows[0].n).toBe(0);
    } finally {
      await db.query('DROP TRIGGER boom ON control_status_day; DROP FUNCTION boom()');
    }
  });

  it('never writes a secret to a log line (debug level, through failures and retries)', () => {
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.some((l) => l.includes('run committed'))).toBe(true);
    for (const line of logLines) expect(line).not.toContain(SECRET.secretAccessKey);
  });
});
