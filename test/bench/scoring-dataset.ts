// Set-based SQL that grows a freshly created workspace into a large, year-old program: a million
// findings across several AWS accounts, a year of scheduled runs, manual evidence history,
// exceptions in every state, owners, custom mappings, scope decisions and 365 days of control
// and framework history. Not generated: finding_change, evidence blobs and observations (no
// read measured here touches them). Pseudo-random but deterministic: every choice is a hash of row keys.
import type { DataSource } from 'typeorm';

export interface DatasetInput {
  workspaceId: string;
  now: Date;
  connectionIds: readonly string[];
  /** Members who may own controls, upload evidence and request exceptions (engineers, leads, admins). */
  workerIds: readonly string[];
  /** Members who approve (compliance leads, owner); never the requester. */
  approverIds: readonly string[];
  customControlIds: readonly string[];
  /** Every requirement of the enabled frameworks. */
  requirements: readonly { frameworkId: string; requirementId: string }[];
  /** Requirement count per enabled framework, for the framework history rows. */
  frameworks: readonly { id: string; requirementCount: number }[];
  findings: number;
}

export interface DatasetSummary {
  findings: number;
  runs: number;
  manualEvidence: number;
  exceptions: Record<string, number>;
  mappings: number;
  controlDays: number;
  frameworkDays: number;
  ms: Record<string, number>;
}

/** Findings per AWS account for each check: account-level checks see one resource, the others many. */
function checkShape(findingsPerConnection: number): { checkId: string; kind: 'account' | 'user' | 'policy' | 'cert'; perConnection: number }[] {
  const account = [
    'aws-iam.root-access-keys-absent',
    'aws-iam.root-mfa-enabled',
    'aws-iam.root-hardware-mfa',
    'aws-iam.root-not-used-recently',
    'aws-iam.password-min-length',
    'aws-iam.password-reuse-prevention',
    'aws-iam.support-role-exists',
  ];
  const user = ['aws-iam.console-user-mfa', 'aws-iam.credentials-unused-45d', 'aws-iam.single-active-access-key', 'aws-iam.access-keys-rotated-90d', 'aws-iam.permissions-through-groups'];
  const rest = findingsPerConnection - account.length;
  const perUser = Math.floor((rest * 0.8) / user.length);
  const certs = Math.max(1, Math.floor(rest * 0.008));
  const policies = rest - perUser * user.length - certs;
  return [
    ...account.map((checkId) => ({ checkId, kind: 'account' as const, perConnection: 1 })),
    ...user.map((checkId) => ({ checkId, kind: 'user' as const, perConnection: perUser })),
    { checkId: 'aws-iam.no-full-admin-policies', kind: 'policy' as const, perConnection: policies },
    { checkId: 'aws-iam.expired-certificates-removed', kind: 'cert' as const, perConnection: certs },
  ];
}

async function timed<T>(ms: Record<string, number>, label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  ms[label] = Math.round(performance.now() - t);
  return out;
}

const count = async (ds: DataSource, sql: string, params: unknown[]): Promise<number> => {
  const rows: { n: string }[] = await ds.query(sql, params);
  return Number(rows[0]?.n ?? 0);
};

// h(x): a stable non-negative pseudo-random integer from a text key.
const H = (key: string) => `(hashtext(${key}) & 2147483647)`;

export async function buildDataset(ds: DataSource, input: DatasetInput): Promise<DatasetSummary> {
  const { workspaceId: ws, now } = input;
  const ms: Record<string, number> = {};
  const perConnection = Math.floor(input.findings / input.connectionIds.length);
  if (perConnection * input.connectionIds.length !== input.findings) throw new Error('findings must divide evenly across connections');
  const shape = checkShape(perConnection);

  // A year of scheduled runs, every 6 hours (the aws-iam default), the newest 1 hour ago.
  await timed(ms, 'runs', () =>
    ds.query(
      `INSERT INTO collection_run (workspace_id, connection_id, state, trigger, attempt, queued_at, started_at, finished_at, heartbeat_at, finding_counts)
       SELECT $1, c.id, s.state, 'schedule', 1, q.at, q.at + interval '5 seconds', q.at + interval '4 minutes', q.at + interval '4 minutes',
              CASE WHEN s.state = 'failed' THEN NULL ELSE jsonb_build_object('pass', $4::int * 85 / 100, 'fail', $4::int * 8 / 100, 'unknown', $4::int * 4 / 100, 'not_applicable', $4::int * 3 / 100) END
       FROM unnest($3::uuid[]) WITH ORDINALITY AS c(id, n)
       CROSS JOIN generate_series(0, 365 * 4 - 1) AS k
       CROSS JOIN LATERAL (SELECT $2::timestamptz - interval '1 hour' - k * interval '6 hours' AS at) q
       CROSS JOIN LATERAL (SELECT CASE WHEN k = 0 THEN 'succeeded' WHEN ${H(`c.id::text || k`)} % 100 < 2 THEN 'failed'
                                       WHEN ${H(`c.id::text || k`)} % 100 < 5 THEN 'partial' ELSE 'succeeded' END AS state) s`,
      [ws, now, input.connectionIds, perConnection],
    ),
  );

  // The findings: one row per (account, check, resource), ~85% pass, 8% fail, 4% unknown, 3% n/a.
  await timed(ms, 'findings', () =>
    ds.query(
      `WITH checks AS (SELECT * FROM unnest($3::text[], $4::text[], $5::int[]) WITH ORDINALITY AS t(check_id, kind, per_conn, ord)),
       conns AS (
         SELECT c.id, c.n, (100000000000 + c.n)::text AS acct,
                (SELECT r.id FROM collection_run r WHERE r.connection_id = c.id ORDER BY r.queued_at DESC LIMIT 1) AS run_id
         FROM unnest($2::uuid[]) WITH ORDINALITY AS c(id, n))
       INSERT INTO finding (workspace_id, connection_id, check_id, resource_id, resource_type, resource_name, status, reason,
                            evidence_hashes, first_seen_at, status_since, last_run_id)
       SELECT $1, c.id, k.check_id, r.rid, r.rtype, r.rname, s.status,
              CASE s.status
                WHEN 'pass' THEN r.rname || ' meets ' || k.check_id || '.'
                WHEN 'fail' THEN r.rname || ' does not meet ' || k.check_id || ': the collected evidence shows the setting is missing.'
                WHEN 'unknown' THEN 'The evidence for ' || r.rname || ' could not be read; re-run the collection.'
                ELSE k.check_id || ' does not apply to ' || r.rname || '.' END,
              ARRAY[md5(r.rid || k.check_id) || md5(k.check_id || r.rid)],
              $6::timestamptz - make_interval(days => (1 + x.h2 % 360)::int),
              $6::timestamptz - make_interval(days => (1 + x.h2 % 360)::int) + make_interval(days => ((x.h2 / 360) % (1 + x.h2 % 360))::int),
              c.run_id
       FROM conns c CROSS JOIN checks k CROSS JOIN LATERAL generate_series(1, k.per_conn) AS i
       CROSS JOIN LATERAL (SELECT (hashint8(c.n * 1000003 + k.ord * 10000019 + i) & 2147483647) % 10000 AS h,
                                  (hashint8(c.n * 7919 + k.ord * 104729 + i * 31) & 2147483647) AS h2) x
       CROSS JOIN LATERAL (SELECT CASE WHEN x.h < 8500 THEN 'pass' WHEN x.h < 9300 THEN 'fail' WHEN x.h < 9700 THEN 'unknown' ELSE 'not_applicable' END AS status) s
       CROSS JOIN LATERAL (SELECT
           CASE k.kind WHEN 'account' THEN 'arn:aws:iam::' || c.acct || ':root'
                       WHEN 'user' THEN 'arn:aws:iam::' || c.acct || ':user/bench/u' || lpad(i::text, 6, '0')
                       WHEN 'policy' THEN 'arn:aws:iam::' || c.acct || ':policy/bench/p' || lpad(i::text, 6, '0')
                       ELSE 'arn:aws:iam::' || c.acct || ':server-certificate/cert-' || lpad(i::text, 5, '0') END AS rid,
           CASE k.kind WHEN 'account' THEN 'aws:account' WHEN 'user' THEN 'aws:iam:user' WHEN 'policy' THEN 'aws:iam:policy' ELSE 'aws:iam:server-certificate' END AS rtype,
           CASE k.kind WHEN 'account' THEN c.acct WHEN 'user' THEN 'u' || lpad(i::text, 6, '0') WHEN 'policy' THEN 'p' || lpad(i::text, 6, '0') ELSE 'cert-' || lpad(i::text, 5, '0') END AS rname) r`,
      [ws, input.connectionIds, shape.map((s) => s.checkId), shape.map((s) => s.kind), shape.map((s) => s.perConnection), now],
    ),
  );

  // Every check of every account was seen by the newest run: evidence is fresh.
  await timed(ms, 'coverage', () =>
    ds.query(
      `INSERT INTO finding_coverage (workspace_id, connection_id, check_id, last_seen_at, last_run_id)
       SELECT $1, r.connection_id, t.check_id, r.finished_at, r.id
       FROM (SELECT DISTINCT ON (connection_id) connection_id, id, finished_at FROM collection_run WHERE workspace_id = $1 ORDER BY connection_id, queued_at DESC) r
       CROSS JOIN unnest($2::text[]) AS t(check_id)`,
      [ws, shape.map((s) => s.checkId)],
    ),
  );

  // Owners for ~70% of controls, trust labels for ~30% of them.
  await timed(ms, 'owners', () =>
    ds.query(
      `UPDATE control SET
         owner_member_id = CASE WHEN ${H(`id || ':owner'`)} % 10 < 7 THEN ($2::uuid[])[1 + ${H(`id || ':who'`)} % cardinality($2::uuid[])] END,
         trust_label = CASE WHEN ${H(`id || ':label'`)} % 10 < 3 THEN (ARRAY['implemented','in_progress','planned','supported_by_contract'])[1 + ${H(`id || ':l'`)} % 4] END
       WHERE workspace_id = $1`,
      [ws, input.workerIds],
    ),
  );

  // The workspace's own crosswalk: each custom control serves three requirements.
  const approver = input.approverIds[0];
  await timed(ms, 'mappings', () =>
    ds.query(
      `INSERT INTO control_mapping (workspace_id, framework_id, requirement_id, control_id, created_by, created_at)
       SELECT $1, (req.f)[1 + ${H(`c.id || ':' || j`)} % cardinality(req.f)], (req.r)[1 + ${H(`c.id || ':' || j`)} % cardinality(req.r)],
              c.id, $5, $6::timestamptz - interval '200 days'
       FROM unnest($2::text[]) AS c(id) CROSS JOIN generate_series(1, 3) AS j CROSS JOIN (SELECT $3::text[] AS f, $4::text[] AS r) req
       ON CONFLICT DO NOTHING`,
      [ws, input.customControlIds, input.requirements.map((r) => r.frameworkId), input.requirements.map((r) => r.requirementId), approver, now],
    ),
  );

  // A dozen requirements the workspace does not claim.
  await timed(ms, 'scope', () =>
    ds.query(
      `INSERT INTO requirement_scope (workspace_id, framework_id, requirement_id, justification, set_by, set_at)
       SELECT $1, f, r, 'Not applicable: the service runs no physical premises of its own (hosted on AWS).', $4, $5::timestamptz - interval '300 days'
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(f, r, n) WHERE n % 40 = 7
       ON CONFLICT DO NOTHING`,
      [ws, input.requirements.map((r) => r.frameworkId), input.requirements.map((r) => r.requirementId), approver, now],
    ),
  );

  // Manual evidence history: 0–5 uploads per (control, requirement), a cadence apart, the newest
  // anywhere from current to overdue. Even uploads are small files, odd ones links.
  await timed(ms, 'manualEvidence', () =>
    ds.query(
      `WITH reqs AS (
         SELECT c.id AS control_id, e->>'id' AS requirement_id, (e->>'cadenceDays')::int AS cadence
         FROM control c CROSS JOIN jsonb_array_elements(c.manual_evidence) AS e WHERE c.workspace_id = $1),
       uploads AS (
         SELECT q.*, j, ($2::timestamptz AT TIME ZONE 'UTC')::date - (${H(`q.control_id || q.requirement_id`)} % (q.cadence * 13 / 10 + 1))::int - (j - 1) * q.cadence AS effective_on
         FROM reqs q CROSS JOIN LATERAL generate_series(1, ${H(`q.control_id || q.requirement_id || ':n'`)} % 6) AS j)
       INSERT INTO manual_evidence (workspace_id, control_id, requirement_id, kind, file_name, media_type, size_bytes, sha256, content, url,
                                    effective_on, note, uploaded_by, reviewer_id, uploaded_at)
       SELECT $1, u.control_id, u.requirement_id,
              CASE WHEN j % 2 = 0 THEN 'file' ELSE 'link' END,
              CASE WHEN j % 2 = 0 THEN u.requirement_id || '-' || u.effective_on || '.pdf' END,
              CASE WHEN j % 2 = 0 THEN 'application/pdf' END,
              CASE WHEN j % 2 = 0 THEN octet_length(b.content) END,
              CASE WHEN j % 2 = 0 THEN encode(sha256(b.content), 'hex') END,
              CASE WHEN j % 2 = 0 THEN b.content END,
              CASE WHEN j % 2 = 1 THEN 'https://docs.example.com/evidence/' || u.control_id || '/' || u.requirement_id || '/' || u.effective_on END,
              u.effective_on, 'Uploaded by the bench.',
              ($3::uuid[])[1 + ${H(`u.control_id || j`)} % cardinality($3::uuid[])], $4, u.effective_on + interval '1 day 3 hours'
       FROM uploads u CROSS JOIN LATERAL (SELECT convert_to(repeat('%PDF-1.7 bench evidence ' || u.control_id || ' ', 80), 'UTF8') AS content) b`,
      [ws, now, input.workerIds, approver],
    ),
  );

  // Exceptions: finding-level (live, expired-but-unrecorded, requested, rejected) on failing
  // findings, and control-level (live, revoked, requested). Requesters are never the approver.
  await timed(ms, 'exceptions', async () => {
    const failing = `SELECT DISTINCT check_id, resource_id FROM finding WHERE workspace_id = $1 AND status = 'fail' AND check_id <> 'aws-iam.root-mfa-enabled'`;
    const add = (sql: string, params: unknown[]) => ds.query(sql, params);
    const findingExceptions = (state: string, expires: string, offset: number, limit: number) =>
      add(
        `INSERT INTO control_exception (workspace_id, scope, check_id, resource_id, reason, requested_by, requested_at, expires_at, state, decided_by, decided_at)
         SELECT $1, 'finding', f.check_id, f.resource_id, 'Service account kept for the legacy batch job until its migration (ticket OPS-1234).',
                $2, $3::timestamptz - interval '40 days', ${expires}, '${state}',
                CASE WHEN '${state}' IN ('approved','rejected') THEN $4::uuid END, CASE WHEN '${state}' IN ('approved','rejected') THEN $3::timestamptz - interval '39 days' END
         FROM (SELECT * FROM (${failing}) d ORDER BY md5(d.check_id || d.resource_id) OFFSET ${offset} LIMIT ${limit}) f`,
        [ws, input.workerIds[0], now, approver],
      );
    await findingExceptions('approved', `$3::timestamptz + make_interval(days => 30 + ${H('resource_id')} % 150)`, 0, 400);
    await findingExceptions('approved', `$3::timestamptz - make_interval(days => 1 + ${H('resource_id')} % 20)`, 400, 50);
    await findingExceptions('requested', `$3::timestamptz + interval '90 days'`, 450, 40);
    await findingExceptions('rejected', `$3::timestamptz + interval '90 days'`, 490, 20);
    const controlExceptions = (state: string, where: string, limit: number) =>
      add(
        `INSERT INTO control_exception (workspace_id, scope, control_id, reason, requested_by, requested_at, expires_at, state, decided_by, decided_at, revoked_by, revoked_at)
         SELECT $1, 'control', c.id, 'Compensating control in place while the replacement system is rolled out this quarter.',
                $2, $3::timestamptz - interval '20 days', $3::timestamptz + interval '70 days', '${state}',
                CASE WHEN '${state}' IN ('approved','revoked') THEN $4::uuid END, CASE WHEN '${state}' IN ('approved','revoked') THEN $3::timestamptz - interval '19 days' END,
                CASE WHEN '${state}' = 'revoked' THEN $4::uuid END, CASE WHEN '${state}' = 'revoked' THEN $3::timestamptz - interval '2 days' END
         FROM control c WHERE c.workspace_id = $1 AND ${where} ORDER BY md5(c.id) LIMIT ${limit}`,
        [ws, input.workerIds[0], now, approver],
      );
    await controlExceptions('approved', "cardinality(c.check_ids) > 0 AND c.source = 'custom'", 6);
    await controlExceptions('approved', "cardinality(c.check_ids) = 0 AND c.source = 'catalog'", 4);
    await controlExceptions('revoked', "c.source = 'catalog' AND c.id LIKE '%-r%'", 2);
    await controlExceptions('requested', "c.source = 'custom' AND c.id LIKE '%5'", 4);
    // Their audit trail: requested, then the decision.
    await add(
      `INSERT INTO exception_event (workspace_id, exception_id, action, actor_id, note, at)
       SELECT workspace_id, id, 'requested', requested_by, '', requested_at FROM control_exception WHERE workspace_id = $1
       UNION ALL
       SELECT workspace_id, id, CASE WHEN state = 'revoked' THEN 'approved' ELSE state END, decided_by, '', decided_at FROM control_exception WHERE workspace_id = $1 AND decided_by IS NOT NULL
       UNION ALL
       SELECT workspace_id, id, 'revoked', revoked_by, 'Replacement live.', revoked_at FROM control_exception WHERE workspace_id = $1 AND state = 'revoked'`,
      [ws],
    );
  });

  // 365 days of control history (status runs of three weeks) and framework readiness history.
  await timed(ms, 'controlHistory', () =>
    ds.query(
      `INSERT INTO control_status_day (workspace_id, control_id, day, status)
       SELECT $1, c.id, d.day,
              CASE WHEN h.v < 55 THEN 'passing' WHEN h.v < 70 THEN 'failing' WHEN h.v < 78 THEN 'at_risk' WHEN h.v < 85 THEN 'unknown'
                   WHEN h.v < 95 THEN 'not_monitored' ELSE 'excepted' END
       FROM control c
       CROSS JOIN LATERAL (SELECT ($2::timestamptz AT TIME ZONE 'UTC')::date - g AS day FROM generate_series(1, 365) AS g) d
       CROSS JOIN LATERAL (SELECT ${H(`c.id || ':' || ((d.day - DATE '2000-01-01') / 21)`)} % 100 AS v) h
       WHERE c.workspace_id = $1
       ON CONFLICT (workspace_id, control_id, day) DO NOTHING`,
      [ws, now],
    ),
  );
  await timed(ms, 'frameworkHistory', () =>
    ds.query(
      `INSERT INTO framework_status_day (workspace_id, framework_id, day, percent, counts)
       SELECT $1, f.id, d.day, p.percent,
              jsonb_build_object('percent', p.percent, 'passing', p.passing, 'atRisk', p.rest / 5, 'failing', p.rest / 3, 'excepted', p.rest / 10,
                                 'unknown', p.rest / 6, 'notMonitored', p.rest - p.rest / 5 - p.rest / 3 - p.rest / 10 - p.rest / 6, 'inScope', f.n)
       FROM unnest($3::text[], $4::int[]) AS f(id, n)
       CROSS JOIN generate_series(1, 365) AS g
       CROSS JOIN LATERAL (SELECT ($2::timestamptz AT TIME ZONE 'UTC')::date - g AS day) d
       CROSS JOIN LATERAL (SELECT round(least(99.9, 35 + 40 * (365 - g) / 365.0 + ${H(`f.id || g`)} % 50 / 10.0), 1) AS percent) q
       CROSS JOIN LATERAL (SELECT q.percent, round(f.n * q.percent / 100)::int AS passing, f.n - round(f.n * q.percent / 100)::int AS rest) p
       ON CONFLICT (workspace_id, framework_id, day) DO NOTHING`,
      [ws, now, input.frameworks.map((f) => f.id), input.frameworks.map((f) => f.requirementCount)],
    ),
  );

  // VACUUM as well as ANALYZE: a year-old table has been autovacuumed (visibility map set, so
  // index-only scans skip the heap), and autovacuum must not wake up mid-measurement.
  await timed(ms, 'vacuumAnalyze', () => ds.query('VACUUM (ANALYZE)'));

  const exceptionRows: { scope: string; state: string; n: string }[] = await ds.query(
    'SELECT scope, state, count(*) AS n FROM control_exception WHERE workspace_id = $1 GROUP BY 1, 2 ORDER BY 1, 2',
    [ws],
  );
  return {
    findings: await count(ds, 'SELECT count(*) AS n FROM finding WHERE workspace_id = $1', [ws]),
    runs: await count(ds, 'SELECT count(*) AS n FROM collection_run WHERE workspace_id = $1', [ws]),
    manualEvidence: await count(ds, 'SELECT count(*) AS n FROM manual_evidence WHERE workspace_id = $1', [ws]),
    exceptions: Object.fromEntries(exceptionRows.map((r) => [`${r.scope}/${r.state}`, Number(r.n)])),
    mappings: await count(ds, 'SELECT count(*) AS n FROM control_mapping WHERE workspace_id = $1', [ws]),
    controlDays: await count(ds, 'SELECT count(*) AS n FROM control_status_day WHERE workspace_id = $1', [ws]),
    frameworkDays: await count(ds, 'SELECT count(*) AS n FROM framework_status_day WHERE workspace_id = $1', [ws]),
    ms,
  };
}
