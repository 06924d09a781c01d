import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (DESIGN.md "Storage"): append-only, one hash chain per workspace plus a system
 * chain (workspace_id NULL) for what belongs to no workspace. Rows are written only by
 * AuditLogRepository.append, which serializes each chain with an advisory lock and computes
 * seq, prev_hash and hash (libs/audit says what the hash covers).
 */
export class AuditLog1732600000000 implements MigrationInterface {
  name = 'AuditLog1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- No foreign key to workspace: the record of what happened must outlive what it describes,
      -- and a cascading delete would be refused by the trigger below anyway.
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid,
        seq bigint NOT NULL CHECK (seq >= 1),
        at timestamptz NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('member','token','system','anonymous')),
        actor_id text,
        actor_label text NOT NULL,
        action text NOT NULL,
        target_type text,
        target_id text,
        source_ip text,
        outcome text NOT NULL CHECK (outcome IN ('success','denied','failed')),
        status_code integer,
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      );
      -- unique (workspace_id, seq) per chain; the system chain's NULL workspace needs its own
      -- index (NULLs are distinct in a unique index before PostgreSQL 15's NULLS NOT DISTINCT).
      -- They also serve the verify walk and the newest-first listing.
      CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (workspace_id, seq) WHERE workspace_id IS NOT NULL;
      CREATE UNIQUE INDEX audit_log_system_seq ON audit_log (seq) WHERE workspace_id IS NULL;
      -- Console and API filters on a chain that may hold millions of rows.
      CREATE INDEX audit_log_actor ON audit_log (workspace_id, actor_id, seq);
      CREATE INDEX audit_log_target ON audit_log (workspace_id, target_id, seq);
      CREATE INDEX audit_log_action ON audit_log (workspace_id, action, seq);
      CREATE INDEX audit_log_at ON audit_log (workspace_id, at);

      -- Append-only, enforced by the database: an UPDATE, DELETE or TRUNCATE fails whoever
      -- issues it, the application's own role included. Only the table owner or a superuser can
      -- switch the triggers off (DISABLE TRIGGER, session_replication_role = replica); the hash
      -- chain is what catches that.
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'audit rows are never changed or removed; run "astrolabe audit verify" to check the chain';
      END;
      $$;
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // DROP TABLE fires no row or truncate trigger: only a deliberate rollback of this migration removes the log.
    await q.query('DROP TABLE audit_log; DROP FUNCTION audit_log_append_only();');
  }
}
