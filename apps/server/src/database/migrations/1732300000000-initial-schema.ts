import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The walking-skeleton schema. Every table carries workspace_id: tenancy is never implicit. */
export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workspace (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        demo boolean NOT NULL DEFAULT false,
        evidence_max_age_hours integer NOT NULL DEFAULT 48,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE connection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        connector_id text NOT NULL,
        name text NOT NULL,
        config jsonb NOT NULL DEFAULT '{}',
        secret_sealed text,
        schedule text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        scope jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX connection_workspace ON connection (workspace_id);

      CREATE TABLE collection_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        state text NOT NULL CHECK (state IN ('queued','running','succeeded','partial','failed')),
        trigger text NOT NULL CHECK (trigger IN ('schedule','manual','startup')),
        attempt integer NOT NULL DEFAULT 0,
        queued_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz,
        progress jsonb,
        kinds jsonb NOT NULL DEFAULT '{}',
        error text,
        finding_counts jsonb
      );
      CREATE INDEX collection_run_connection ON collection_run (connection_id, queued_at DESC);
      CREATE INDEX collection_run_workspace ON collection_run (workspace_id, queued_at DESC);
      CREATE INDEX collection_run_live ON collection_run (state) WHERE state IN ('queued','running');
      -- The one-run-at-a-time rule lives in the schema, not in the queue: at most one waiting and
      -- one running run per connection, whatever the number of API or worker processes.
      CREATE UNIQUE INDEX collection_run_one_queued ON collection_run (connection_id) WHERE state = 'queued';
      CREATE UNIQUE INDEX collection_run_one_running ON collection_run (connection_id) WHERE state = 'running';

      -- Content-addressed evidence: one row per distinct canonical document per workspace.
      CREATE TABLE evidence_blob (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        hash char(64) NOT NULL,
        kind text NOT NULL,
        canonical jsonb NOT NULL,
        first_observed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, hash)
      );

      -- What each run saw: the full snapshot per (run, kind). Never updated, pruned by whole run.
      CREATE TABLE evidence_observation (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid NOT NULL,
        run_id uuid NOT NULL REFERENCES collection_run(id) ON DELETE CASCADE,
        kind text NOT NULL,
        resource_id text NOT NULL,
        hash char(64) NOT NULL,
        FOREIGN KEY (workspace_id, hash) REFERENCES evidence_blob(workspace_id, hash),
        UNIQUE (run_id, kind, resource_id)
      );
      CREATE INDEX evidence_observation_hash ON evidence_observation (workspace_id, hash);

      -- Current verdict per (connection, check, resource). A row is written only when the verdict,
      -- its reason or its evidence changes; when it was last seen lives in finding_coverage.
      CREATE TABLE finding (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        check_id text NOT NULL,
        resource_id text NOT NULL,
        resource_type text NOT NULL,
        resource_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('pass','fail','unknown','not_applicable')),
        reason text NOT NULL,
        evidence_hashes text[] NOT NULL DEFAULT '{}',
        first_seen_at timestamptz NOT NULL,
        status_since timestamptz NOT NULL,
        last_run_id uuid NOT NULL,
        UNIQUE (connection_id, check_id, resource_id)
      );
      CREATE INDEX finding_workspace_status ON finding (workspace_id, status, id);
      CREATE INDEX finding_workspace_check ON finding (workspace_id, check_id, status, id);

      -- When each check last evaluated fresh evidence for a connection. A run replaces a check's
      -- findings as a full snapshot, so every current finding of a covered check was seen then.
      CREATE TABLE finding_coverage (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        check_id text NOT NULL,
        last_seen_at timestamptz NOT NULL,
        last_run_id uuid NOT NULL,
        PRIMARY KEY (connection_id, check_id)
      );

      -- Append-only log of every write to a finding (new, changed status, reason or evidence,
      -- removed): the finding table at any past instant can be rebuilt from it.
      CREATE TABLE finding_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL,
        run_id uuid NOT NULL,
        check_id text NOT NULL,
        resource_id text NOT NULL,
        from_status text,
        to_status text,
        reason text,
        evidence_hashes text[],
        at timestamptz NOT NULL
      );
      CREATE INDEX finding_change_workspace_at ON finding_change (workspace_id, at);

      CREATE TABLE control (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        id text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        category text NOT NULL,
        check_ids text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'not_monitored'
          CHECK (status IN ('passing','failing','at_risk','unknown','not_monitored','excepted')),
        status_reason text NOT NULL DEFAULT '',
        status_since timestamptz,
        counts jsonb NOT NULL DEFAULT '{"pass":0,"fail":0,"unknown":0,"not_applicable":0}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, id)
      );

      CREATE TABLE control_status_day (
        workspace_id uuid NOT NULL,
        control_id text NOT NULL,
        day date NOT NULL,
        status text NOT NULL,
        PRIMARY KEY (workspace_id, control_id, day),
        FOREIGN KEY (workspace_id, control_id) REFERENCES control(workspace_id, id) ON DELETE CASCADE
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE control_status_day, control, finding_change, finding_coverage, finding, evidence_observation, evidence_blob, collection_run, connection, workspace`);
  }
}
