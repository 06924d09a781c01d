import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A workspace's compliance program: members, enabled frameworks and scope, custom controls and
 * mappings, owners, manual evidence, exceptions, SLAs, trust labels and daily framework history.
 */
export class ProgramState1732400000000 implements MigrationInterface {
  name = 'ProgramState1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- People of a workspace. Sign-in arrives with the product-security issue; until then a member
      -- is who an action is attributed to (requester, approver, owner, reviewer).
      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        display_name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner','admin','compliance_lead','engineer','auditor','viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, email),
        UNIQUE (workspace_id, id)
      );

      ALTER TABLE workspace
        ADD COLUMN sla_days jsonb NOT NULL DEFAULT '{"critical":7,"high":30,"medium":90,"low":180,"info":365}',
        ADD COLUMN scored_at timestamptz,
        ADD COLUMN finding_counts jsonb NOT NULL DEFAULT '{"pass":0,"fail":0,"unknown":0,"not_applicable":0}';

      ALTER TABLE control
        ADD COLUMN source text NOT NULL DEFAULT 'catalog' CHECK (source IN ('catalog','custom')),
        ADD COLUMN automation text NOT NULL DEFAULT 'automated' CHECK (automation IN ('automated','manual','hybrid')),
        ADD COLUMN manual_evidence jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN public_title text NOT NULL DEFAULT '',
        ADD COLUMN default_owner_role text NOT NULL DEFAULT 'compliance_lead',
        ADD COLUMN owner_member_id uuid,
        ADD COLUMN trust_label text CHECK (trust_label IN ('implemented','in_progress','planned','supported_by_contract')),
        ADD COLUMN evidence_state jsonb NOT NULL DEFAULT '[]',
        ADD FOREIGN KEY (workspace_id, owner_member_id) REFERENCES member(workspace_id, id) ON DELETE SET NULL (owner_member_id);
      CREATE INDEX control_owner ON control (workspace_id, owner_member_id);

      CREATE TABLE workspace_framework (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        framework_id text NOT NULL,
        enabled_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, framework_id)
      );

      -- A requirement the workspace does not claim, with why: shown to auditors, left out of readiness.
      CREATE TABLE requirement_scope (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        framework_id text NOT NULL,
        requirement_id text NOT NULL,
        justification text NOT NULL,
        set_by uuid NOT NULL,
        set_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, framework_id, requirement_id),
        FOREIGN KEY (workspace_id, set_by) REFERENCES member(workspace_id, id)
      );

      -- The workspace's own crosswalk entries, added to the built-in ones.
      CREATE TABLE control_mapping (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        framework_id text NOT NULL,
        requirement_id text NOT NULL,
        control_id text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (workspace_id, framework_id, requirement_id, control_id),
        FOREIGN KEY (workspace_id, control_id) REFERENCES control(workspace_id, id) ON DELETE CASCADE,
        FOREIGN KEY (workspace_id, created_by) REFERENCES member(workspace_id, id)
      );

      -- Manual evidence is history: a newer item supersedes an older one for scoring, nothing is
      -- overwritten. Files live in the database so a snapshot can include exactly what was seen.
      CREATE TABLE manual_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        control_id text NOT NULL,
        requirement_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('file','link')),
        file_name text,
        media_type text,
        size_bytes integer,
        sha256 char(64),
        content bytea,
        url text,
        effective_on date NOT NULL,
        note text NOT NULL DEFAULT '',
        uploaded_by uuid NOT NULL,
        reviewer_id uuid NOT NULL,
        uploaded_at timestamptz NOT NULL,
        CHECK ((kind = 'file' AND content IS NOT NULL AND sha256 IS NOT NULL AND url IS NULL) OR (kind = 'link' AND url IS NOT NULL AND content IS NULL)),
        FOREIGN KEY (workspace_id, control_id) REFERENCES control(workspace_id, id) ON DELETE CASCADE,
        FOREIGN KEY (workspace_id, uploaded_by) REFERENCES member(workspace_id, id),
        FOREIGN KEY (workspace_id, reviewer_id) REFERENCES member(workspace_id, id)
      );
      CREATE INDEX manual_evidence_latest ON manual_evidence (workspace_id, control_id, requirement_id, effective_on DESC);

      -- An accepted failure: one finding (check + resource, across connections) or a whole control.
      -- state is the decision; "active" vs "expired" is derived from expires_at at read time, so an
      -- exception can never outlive its expiry because a job did not run.
      CREATE TABLE control_exception (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        scope text NOT NULL CHECK (scope IN ('finding','control')),
        control_id text,
        check_id text,
        resource_id text,
        reason text NOT NULL CHECK (char_length(reason) >= 20),
        requested_by uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('requested','approved','rejected','revoked')),
        decided_by uuid,
        decided_at timestamptz,
        revoked_by uuid,
        revoked_at timestamptz,
        expiry_recorded boolean NOT NULL DEFAULT false,
        CHECK ((scope = 'control' AND control_id IS NOT NULL AND check_id IS NULL AND resource_id IS NULL)
            OR (scope = 'finding' AND control_id IS NULL AND check_id IS NOT NULL AND resource_id IS NOT NULL)),
        CHECK (decided_by IS NULL OR decided_by <> requested_by),
        FOREIGN KEY (workspace_id, requested_by) REFERENCES member(workspace_id, id),
        FOREIGN KEY (workspace_id, decided_by) REFERENCES member(workspace_id, id),
        FOREIGN KEY (workspace_id, revoked_by) REFERENCES member(workspace_id, id)
      );
      CREATE INDEX control_exception_finding ON control_exception (workspace_id, check_id, resource_id) WHERE scope = 'finding' AND state = 'approved';
      CREATE INDEX control_exception_control ON control_exception (workspace_id, control_id) WHERE scope = 'control';
      CREATE INDEX control_exception_state ON control_exception (workspace_id, state, requested_at DESC);

      -- Every step of an exception's life, for auditors. actor NULL = the system (expiry).
      CREATE TABLE exception_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        exception_id uuid NOT NULL REFERENCES control_exception(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('requested','approved','rejected','revoked','expired')),
        actor_id uuid,
        note text NOT NULL DEFAULT '',
        at timestamptz NOT NULL,
        FOREIGN KEY (workspace_id, actor_id) REFERENCES member(workspace_id, id)
      );
      CREATE INDEX exception_event_exception ON exception_event (exception_id, id);

      CREATE TABLE framework_status_day (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        framework_id text NOT NULL,
        day date NOT NULL,
        percent numeric(4,1) NOT NULL,
        counts jsonb NOT NULL,
        PRIMARY KEY (workspace_id, framework_id, day)
      );

      -- Finding exceptions and SLA lists read failing findings by check; statuses change rarely.
      CREATE INDEX finding_workspace_fail ON finding (workspace_id, check_id, status_since) WHERE status = 'fail';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX finding_workspace_fail;
      DROP TABLE framework_status_day, exception_event, control_exception, manual_evidence, control_mapping, requirement_scope, workspace_framework;
      ALTER TABLE control DROP COLUMN source, DROP COLUMN automation, DROP COLUMN manual_evidence, DROP COLUMN public_title,
        DROP COLUMN default_owner_role, DROP COLUMN owner_member_id, DROP COLUMN trust_label, DROP COLUMN evidence_state;
      ALTER TABLE workspace DROP COLUMN sla_days, DROP COLUMN scored_at, DROP COLUMN finding_counts;
      DROP TABLE member;
    `);
  }
}
