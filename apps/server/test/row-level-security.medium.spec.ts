import { createHash, randomBytes } from 'node:crypto';
import type { TestDatabase } from '@astrolabe/testkit';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLoginRole, appRolePassword, withLogin } from '../src/database/app-role';
import { openServerDatabases, type ServerDatabases } from '../src/database/data-source.factory';
import { TenantContext } from '../src/platform/tenant-context';
import { newTestDatabase } from './support/test-server';

/**
 * Tables that have no workspace_id on purpose: they belong to no single workspace. A new table
 * lands either here (with a reason) or with workspace_id, row-level security and a policy.
 */
const GLOBAL_TABLES: Record<string, string> = {
  migrations: 'TypeORM bookkeeping; the app role has no access at all',
  user_account: 'a person signs in once and may belong to several workspaces',
  auth_session: "a signed-in person's session, before any workspace is chosen",
};

/** Every table that has a workspace_id column, plus workspace itself (its id is the key). */
async function workspaceTables(db: Client): Promise<string[]> {
  const rows = await db.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND (c.relname = 'workspace' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped))
     ORDER BY 1`,
  );
  return rows.rows.map((r) => r.table);
}

const keyOf = (table: string) => (table === 'workspace' ? 'id' : 'workspace_id');

/**
 * One row in every workspace table for a new workspace, as the owner (a superuser: row-level
 * security does not apply). Returns the workspace id.
 */
async function seedWorkspace(db: Client, slug: string): Promise<string> {
  const one = async (sql: string, params: unknown[]): Promise<string> => (await db.query<{ id: string }>(sql, params)).rows[0]!.id;
  const ws = await one(`INSERT INTO workspace (slug, name) VALUES ($1, $1) RETURNING id`, [slug]);
  const hash = (what: string) => createHash('sha256').update(`${slug}:${what}`).digest('hex');
  const member = await one(`INSERT INTO member (workspace_id, display_name, email, role) VALUES ($1, 'Owner', $2, 'owner') RETURNING id`, [ws, `owner@${slug}.example`]);
  const conn = await one(`INSERT INTO connection (workspace_id, connector_id, name, schedule) VALUES ($1, 'aws-iam', 'prod', '0 * * * *') RETURNING id`, [ws]);
  const run = await one(`INSERT INTO collection_run (workspace_id, connection_id, state, trigger) VALUES ($1, $2, 'succeeded', 'manual') RETURNING id`, [ws, conn]);
  await db.query(`INSERT INTO evidence_blob (workspace_id, hash, kind, canonical) VALUES ($1, $2, 'aws-iam.users', '{}')`, [ws, hash('blob')]);
  await db.query(`INSERT INTO evidence_observation (workspace_id, run_id, kind, resource_id, hash) VALUES ($1, $2, 'aws-iam.users', 'u1', $3)`, [ws, run, hash('blob')]);
  await db.query(
    `INSERT INTO finding (workspace_id, connection_id, check_id, resource_id, resource_type, resource_name, status, reason, first_seen_at, status_since, last_run_id)
     VALUES ($1, $2, 'aws-iam.console-user-mfa', 'u1', 'aws:iam-user', 'u1', 'fail', 'no MFA', now(), now(), $3)`,
    [ws, conn, run],
  );
  await db.query(`INSERT INTO finding_coverage (workspace_id, connection_id, check_id, last_seen_at, last_run_id) VALUES ($1, $2, 'aws-iam.console-user-mfa', now(), $3)`, [ws, conn, run]);
  await db.query(`INSERT INTO finding_change (workspace_id, connection_id, run_id, check_id, resource_id, to_status, at) VALUES ($1, $2, $3, 'aws-iam.console-user-mfa', 'u1', 'fail', now())`, [ws, conn, run]);
  await db.query(`INSERT INTO control (workspace_id, id, title, description, category) VALUES ($1, 'ctl-1', 'Control', 'A control', 'access-security')`, [ws]);
  await db.query(`INSERT INTO control_status_day (workspace_id, control_id, day, status) VALUES ($1, 'ctl-1', current_date, 'failing')`, [ws]);
  await db.query(`INSERT INTO workspace_framework (workspace_id, framework_id, enabled_at) VALUES ($1, 'soc2', now())`, [ws]);
  await db.query(`INSERT INTO requirement_scope (workspace_id, framework_id, requirement_id, justification, set_by, set_at) VALUES ($1, 'soc2', 'CC1.1', 'not applicable', $2, now())`, [ws, member]);
  await db.query(`INSERT INTO control_mapping (workspace_id, framework_id, requirement_id, control_id, created_by, created_at) VALUES ($1, 'soc2', 'CC1.2', 'ctl-1', $2, now())`, [ws, member]);
  await db.query(
    `INSERT INTO manual_evidence (workspace_id, control_id, requirement_id, kind, url, effective_on, uploaded_by, reviewer_id, uploaded_at)
     VALUES ($1, 'ctl-1', 'policy', 'link', 'https://example.com/policy', current_date, $2, $2, now())`,
    [ws, member],
  );
  const exception = await one(
    `INSERT INTO control_exception (workspace_id, scope, control_id, reason, requested_by, requested_at, expires_at, state)
     VALUES ($1, 'control', 'ctl-1', 'accepted for this quarter, see the risk register', $2, now(), now() + interval '30 days', 'requested') RETURNING id`,
    [ws, member],
  );
  await db.query(`INSERT INTO exception_event (workspace_id, exception_id, action, actor_id, at) VALUES ($1, $2, 'requested', $3, now())`, [ws, exception, member]);
  await db.query(`INSERT INTO framework_status_day (workspace_id, framework_id, day, percent, counts) VALUES ($1, 'soc2', current_date, 50, '{}')`, [ws]);
  await db.query(`INSERT INTO connector_response_cache (workspace_id, connection_id, key, etag, value, updated_at) VALUES ($1, $2, 'users', 'W/"1"', '{}', now())`, [ws, conn]);
  await db.query(
    `INSERT INTO audit_log (workspace_id, seq, at, actor_type, actor_label, action, outcome, prev_hash, hash) VALUES ($1, 1, now(), 'system', 'system', 'seed', 'success', repeat('0', 64), $2)`,
    [ws, hash('audit')],
  );
  await db.query(`INSERT INTO api_token (workspace_id, name, role, token_hash, created_by, created_at) VALUES ($1, 'ci', 'viewer', $2, $3, now())`, [ws, hash('token'), member]);
  await db.query(`INSERT INTO invitation (workspace_id, email, role, token_hash, invited_by, created_at, expires_at) VALUES ($1, $2, 'viewer', $3, $4, now(), now() + interval '1 day')`, [
    ws,
    `new@${slug}.example`,
    hash('invitation'),
    member,
  ]);
  await db.query(`INSERT INTO workspace_sso (workspace_id, issuer, client_id, client_secret_sealed, updated_at) VALUES ($1, 'https://idp.example', 'client', 'sealed', now())`, [ws]);
  await db.query(`INSERT INTO oidc_login_state (state_hash, workspace_id, code_verifier, nonce, created_at) VALUES ($1, $2, 'verifier', 'nonce', now())`, [hash('state'), ws]);
  return ws;
}

const count = async (ds: DataSource, table: string, key: string, workspaceId: string) =>
  ((await ds.query(`SELECT count(*)::int AS n, (count(*) FILTER (WHERE ${key} = $1))::int AS mine FROM "${table}"`, [workspaceId])) as { n: number; mine: number }[])[0]!;

describe('row-level security: the app login sees and writes only the workspace of its transaction', () => {
  const masterKey = randomBytes(32);
  const tenant = new TenantContext();
  let database: TestDatabase;
  let owner: Client;
  let dbs: ServerDatabases;
  let tables: string[];
  let a: string;
  let b: string;

  beforeAll(async () => {
    database = await newTestDatabase();
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    a = await seedWorkspace(owner, 'tenant-a');
    b = await seedWorkspace(owner, 'tenant-b');
    // System chain of the audit log: belongs to no workspace.
    await owner.query(`INSERT INTO audit_log (workspace_id, seq, at, actor_type, actor_label, action, outcome, prev_hash, hash) VALUES (NULL, 1, now(), 'system', 'system', 'seed', 'success', repeat('0', 64), repeat('1', 64))`);
    tables = await workspaceTables(owner);
    // The server's own way in: migrations as owner, then the derived login. One connection, so
    // the "does not leak" checks below are on the same pooled connection.
    dbs = await openServerDatabases(database.url, undefined, masterKey, tenant, 1);
  });
  afterAll(async () => {
    await dbs?.app.destroy();
    await dbs?.owner.destroy();
    await owner?.end();
    await database?.drop();
  });

  it('seeds a row of both workspaces in every workspace table (so the checks below cover them all)', async () => {
    expect(tables).toEqual(expect.arrayContaining(['workspace', 'connection', 'finding', 'audit_log', 'api_token', 'invitation', 'workspace_sso', 'oidc_login_state']));
    for (const t of tables) {
      const rows = await owner.query<{ a: number; b: number }>(`SELECT (count(*) FILTER (WHERE ${keyOf(t)} = $1))::int AS a, (count(*) FILTER (WHERE ${keyOf(t)} = $2))::int AS b FROM "${t}"`, [a, b]);
      expect(rows.rows[0]!.a, `seed a row of ${t} in seedWorkspace() of this test`).toBeGreaterThan(0);
      expect(rows.rows[0]!.b, `seed a row of ${t} in seedWorkspace() of this test`).toBeGreaterThan(0);
    }
  });

  it('in workspace A, every workspace table shows all of A and nothing of B', async () => {
    for (const t of tables) {
      const expected = Number((await owner.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}" WHERE ${keyOf(t)} = $1`, [a])).rows[0]!.n);
      const seen = await tenant.run(a, () => count(dbs.app, t, keyOf(t), a));
      expect(seen, t).toEqual({ n: expected, mine: expected });
    }
  });

  it('with no workspace set, every workspace table is empty (the audit system chain included)', async () => {
    for (const t of tables) expect(await count(dbs.app, t, keyOf(t), a), t).toEqual({ n: 0, mine: 0 });
    // The same in an explicit transaction: nothing sets the workspace.
    const inTx = (await dbs.app.transaction((m) => m.query('SELECT count(*)::int AS n FROM finding'))) as { n: number }[];
    expect(inTx[0]!.n).toBe(0);
  });

  it("refuses in A's context to insert a row for B into any workspace table (WITH CHECK)", async () => {
    for (const t of tables) {
      const key = keyOf(t);
      // A copy of one of A's rows, moved to B: every NOT NULL column filled, only the tenant differs.
      const insert = tenant.run(a, () =>
        dbs.app.query(`INSERT INTO "${t}" OVERRIDING SYSTEM VALUE SELECT (jsonb_populate_record(NULL::"${t}", to_jsonb(x) || jsonb_build_object('${key}', $1::text))).* FROM "${t}" x LIMIT 1`, [b]),
      );
      await expect(insert, t).rejects.toThrow(/violates row-level security policy/);
    }
  });

  it("cannot move A's rows to B, nor touch B's rows, from A's context", async () => {
    await expect(tenant.run(a, () => dbs.app.query('UPDATE connection SET workspace_id = $1', [b]))).rejects.toThrow(/violates row-level security policy/);
    const [, deleted] = (await tenant.run(a, () => dbs.app.query('DELETE FROM member WHERE workspace_id = $1', [b]))) as [unknown[], number];
    expect(deleted).toBe(0);
    const [, updated] = (await tenant.run(a, () => dbs.app.query(`UPDATE workspace SET name = 'taken' WHERE id = $1`, [b]))) as [unknown[], number];
    expect(updated).toBe(0);
    expect((await owner.query<{ n: string }>('SELECT count(*) AS n FROM member WHERE workspace_id = $1', [b])).rows[0]!.n).toBe('1');
    expect((await owner.query<{ name: string }>('SELECT name FROM workspace WHERE id = $1', [b])).rows[0]!.name).toBe('tenant-b');
  });

  it('logs in as a role that is no superuser, has no BYPASSRLS and owns no table', async () => {
    const rows = (await dbs.app.query(
      `SELECT current_user AS name, r.rolsuper, r.rolbypassrls, pg_has_role(current_user, 'astrolabe_app', 'MEMBER') AS member,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    )) as { name: string; rolsuper: boolean; rolbypassrls: boolean; member: boolean; owned: number }[];
    expect(rows[0]).toEqual({ name: appLoginRole(database.name), rolsuper: false, rolbypassrls: false, member: true, owned: 0 });
    const group = await owner.query(`SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'astrolabe_app'`);
    expect(group.rows[0]).toEqual({ rolcanlogin: false, rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    // Not the owner: it can neither switch row-level security off nor ask to skip it.
    await expect(dbs.app.query('ALTER TABLE connection DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
    await expect(dbs.app.transaction(async (m) => m.query('SET LOCAL row_security = off; SELECT * FROM connection'))).rejects.toThrow(/row-level security/);
    // Append-only stays append-only: no UPDATE or DELETE on the audit log at all.
    await expect(tenant.run(a, () => dbs.app.query(`UPDATE audit_log SET action = 'x'`))).rejects.toThrow(/permission denied/);
    await expect(tenant.run(a, () => dbs.app.query('DELETE FROM audit_log'))).rejects.toThrow(/permission denied/);
  });

  it('leaves nothing on the pooled connection: the next query, on the same connection, has no workspace', async () => {
    const probe = async () => ((await dbs.app.query(`SELECT current_setting('astrolabe.workspace_id', true) AS ws, pg_backend_pid() AS pid, (SELECT count(*)::int FROM connection) AS n`)) as { ws: string | null; pid: number; n: number }[])[0]!;
    const inA = await tenant.run(a, probe);
    expect(inA).toMatchObject({ ws: a, n: 1 });
    const after = await probe();
    expect(after.pid).toBe(inA.pid);
    expect(after.ws ?? '').toBe('');
    expect(after.n).toBe(0);

    // A transaction in A, then a failed query in A: neither leaves its setting (nor an aborted transaction) behind.
    await tenant.run(a, () => dbs.app.transaction((m) => m.query('SELECT 1')));
    await expect(tenant.run(a, () => dbs.app.query('SELECT 1 / 0'))).rejects.toThrow(/division by zero/);
    const afterFailure = await probe();
    expect(afterFailure).toMatchObject({ pid: inA.pid, n: 0 });
    expect(afterFailure.ws ?? '').toBe('');
    expect(await tenant.run(b, probe)).toMatchObject({ ws: b, pid: inA.pid, n: 1 });
  });

  it('a plain client with the derived password: a setting made in one transaction is gone in the next', async () => {
    const client = new Client({ connectionString: withLogin(database.url, appLoginRole(database.name), appRolePassword(masterKey)) });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('astrolabe.workspace_id', $1, true)`, [b]);
      expect((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM finding')).rows[0]!.n).toBe(1);
      await client.query('COMMIT');
      expect((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM finding')).rows[0]!.n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('refuses to start with an app login that could bypass row-level security', async () => {
    // The owner (a superuser here) given as ASTROLABE_APP_DATABASE_URL.
    await expect(openServerDatabases(database.url, database.url, masterKey, tenant, 1)).rejects.toThrow(/is a superuser.*row-level security would not confine it/);
  });

  it('uses an operator-provided login as it is (ASTROLABE_APP_DATABASE_URL)', async () => {
    const role = `rls_operator_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE astrolabe_app`);
    const own = await openServerDatabases(database.url, withLogin(database.url, role, password), masterKey, tenant, 1);
    try {
      const who = (await own.app.query('SELECT current_user AS name')) as { name: string }[];
      expect(who[0]!.name).toBe(role);
      expect(await tenant.run(b, () => count(own.app, 'connection', 'workspace_id', b))).toEqual({ n: 1, mine: 1 });
    } finally {
      await own.app.destroy();
      await own.owner.destroy();
    }
  });
});

describe('row-level security covers every workspace table', () => {
  let database: TestDatabase;
  let db: Client;

  beforeAll(async () => {
    database = await newTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });

  it('every table with a workspace_id (and workspace) has RLS enabled and forced, with a policy on astrolabe.workspace_id', async () => {
    const rows = await db.query<{ table: string; enabled: boolean; forced: boolean; policies: { cmd: string; qual: string | null; check: string | null }[] }>(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              COALESCE((SELECT json_agg(json_build_object('cmd', p.polcmd, 'qual', pg_get_expr(p.polqual, p.polrelid), 'check', pg_get_expr(p.polwithcheck, p.polrelid)))
                        FROM pg_policy p WHERE p.polrelid = c.oid), '[]') AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relname = ANY($1::text[])`,
      [await workspaceTables(db)],
    );
    expect(rows.rows.length).toBeGreaterThanOrEqual(24);
    for (const t of rows.rows) {
      expect({ table: t.table, enabled: t.enabled, forced: t.forced }).toEqual({ table: t.table, enabled: true, forced: true });
      expect(t.policies, `${t.table}: one policy for every command`).toHaveLength(1);
      const [p] = t.policies;
      const key = keyOf(t.table);
      for (const expr of [p!.qual, p!.check]) {
        expect(expr, `${t.table}: USING and WITH CHECK compare ${key} with the setting`).toContain(`${key} = (NULLIF(current_setting('astrolabe.workspace_id'::text, true), ''::text))::uuid`);
      }
      expect(p!.cmd, t.table).toBe('*');
    }
  });

  it('every other table is global on purpose (listed with a reason), and the app role may use every table but the migrations', async () => {
    const rows = await db.query<{ table: string; has_workspace: boolean; dml: boolean }>(
      `SELECT c.relname AS table,
              c.relname = 'workspace' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped) AS has_workspace,
              has_table_privilege('astrolabe_app', c.oid, 'SELECT') AND has_table_privilege('astrolabe_app', c.oid, 'INSERT') AS dml
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    const global = rows.rows.filter((r) => !r.has_workspace).map((r) => r.table);
    expect(global, 'a table without workspace_id: add one (and row-level security), or list it in GLOBAL_TABLES with why').toEqual(Object.keys(GLOBAL_TABLES).sort());
    for (const r of rows.rows) expect({ table: r.table, dml: r.dml }).toEqual({ table: r.table, dml: r.table !== 'migrations' });
  });
});
