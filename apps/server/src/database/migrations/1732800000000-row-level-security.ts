import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant isolation in depth (DESIGN.md "Storage"): besides every repository filtering by
 * workspace_id, PostgreSQL itself shows a session only the rows of the workspace named by the
 * transaction-local setting `astrolabe.workspace_id` (set by TenantDataSource), on every table that
 * has a workspace_id column and on `workspace` itself. No setting: no workspace rows at all.
 *
 * The app does not query as the owner of these tables: it logs in as a role that is a member of
 * `astrolabe_app` (NOLOGIN, no BYPASSRLS), which gets plain DML and nothing else. FORCE applies the
 * policies to the table owner too, so only a superuser or a BYPASSRLS role — the migrations and
 * SystemDb's few cross-workspace lookups — sees across workspaces.
 *
 * Tables without workspace_id (user_account, auth_session, the migrations table) have no policy.
 * A table added later needs its own GRANT and, with a workspace_id, ENABLE/FORCE and a policy:
 * row-level-security.medium.spec.ts fails until it has them.
 */
export class RowLevelSecurity1732800000000 implements MigrationInterface {
  name = 'RowLevelSecurity1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Roles belong to the whole cluster, and several databases (test databases, a staging copy)
      -- may migrate at once: whoever loses the race to create it finds it created.
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'astrolabe_app') THEN
          CREATE ROLE astrolabe_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOREPLICATION;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END
      $$;

      GRANT USAGE ON SCHEMA public TO astrolabe_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO astrolabe_app;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO astrolabe_app;
      -- The app never migrates, and the audit log is append-only (its trigger refuses UPDATE,
      -- DELETE and TRUNCATE to everyone; without the privilege they do not even get that far).
      REVOKE ALL ON TABLE migrations FROM astrolabe_app;
      REVOKE UPDATE, DELETE ON TABLE audit_log FROM astrolabe_app;

      DO $$
      DECLARE
        t text;
      BEGIN
        -- workspace is keyed on its own id; every other workspace table on workspace_id.
        EXECUTE 'ALTER TABLE workspace ENABLE ROW LEVEL SECURITY';
        EXECUTE 'ALTER TABLE workspace FORCE ROW LEVEL SECURITY';
        EXECUTE $p$CREATE POLICY workspace_isolation ON workspace
          USING (id = nullif(current_setting('astrolabe.workspace_id', true), '')::uuid)
          WITH CHECK (id = nullif(current_setting('astrolabe.workspace_id', true), '')::uuid)$p$;
        FOR t IN
          SELECT c.table_name FROM information_schema.columns c
          JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
          WHERE c.table_schema = 'public' AND c.column_name = 'workspace_id' AND tb.table_type = 'BASE TABLE'
          ORDER BY c.table_name
        LOOP
          EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
          EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
          -- audit_log's system chain (workspace_id NULL) matches no setting: the app role never
          -- sees or extends it; it is written through SystemDb.
          EXECUTE format($p$CREATE POLICY workspace_isolation ON %I
            USING (workspace_id = nullif(current_setting('astrolabe.workspace_id', true), '')::uuid)
            WITH CHECK (workspace_id = nullif(current_setting('astrolabe.workspace_id', true), '')::uuid)$p$, t);
        END LOOP;
      END
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      DECLARE
        t text;
      BEGIN
        FOR t IN SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = 'workspace_isolation' LOOP
          EXECUTE format('DROP POLICY workspace_isolation ON %I', t);
          EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
          EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
        END LOOP;
      END
      $$;
      -- The role stays: other databases of the cluster may still use it.
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM astrolabe_app;
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM astrolabe_app;
      REVOKE USAGE ON SCHEMA public FROM astrolabe_app;
    `);
  }
}
