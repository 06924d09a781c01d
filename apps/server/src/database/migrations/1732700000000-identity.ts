import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People and how they prove who they are: user accounts (global, one per email), server-side
 * sessions, workspace-scoped API tokens, invitations, per-workspace OIDC single sign-on and the
 * short-lived state of an OIDC login. Members gain the user they belong to and an access window.
 *
 * Secrets are never stored: sessions, tokens and invitations keep only sha256 of their random
 * value (256 bits of entropy, so a slow hash adds nothing); passwords keep an argon2id hash;
 * an SSO client secret is sealed by the secret box like a connector secret.
 */
export class Identity1732700000000 implements MigrationInterface {
  name = 'Identity1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        display_name text NOT NULL,
        password_hash text,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (email)
      );

      ALTER TABLE member
        ADD COLUMN user_id uuid REFERENCES user_account(id) ON DELETE SET NULL,
        ADD COLUMN access_starts_at timestamptz,
        ADD COLUMN access_ends_at timestamptz,
        ADD CHECK (access_ends_at IS NULL OR access_starts_at IS NULL OR access_ends_at > access_starts_at);
      CREATE UNIQUE INDEX member_user ON member (workspace_id, user_id) WHERE user_id IS NOT NULL;
      CREATE INDEX member_by_user ON member (user_id) WHERE user_id IS NOT NULL;

      CREATE TABLE auth_session (
        id_hash char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        method text NOT NULL CHECK (method IN ('password','oidc','demo','invitation')),
        -- An SSO session acts only in the workspace whose identity provider vouched for it:
        -- a provider is trusted for its own workspace, never for the account's other ones.
        confined_to uuid REFERENCES workspace(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        source_ip text
      );
      CREATE INDEX auth_session_user ON auth_session (user_id) WHERE revoked_at IS NULL;

      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner','admin','compliance_lead','engineer','auditor','viewer')),
        token_hash char(64) NOT NULL UNIQUE,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        UNIQUE (workspace_id, id),
        FOREIGN KEY (workspace_id, created_by) REFERENCES member(workspace_id, id) ON DELETE CASCADE
      );

      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('owner','admin','compliance_lead','engineer','auditor','viewer')),
        token_hash char(64) NOT NULL UNIQUE,
        invited_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        access_starts_at timestamptz,
        access_ends_at timestamptz,
        accepted_at timestamptz,
        accepted_member_id uuid,
        revoked_at timestamptz,
        UNIQUE (workspace_id, id),
        FOREIGN KEY (workspace_id, invited_by) REFERENCES member(workspace_id, id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX invitation_open_per_email ON invitation (workspace_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

      CREATE TABLE workspace_sso (
        workspace_id uuid PRIMARY KEY REFERENCES workspace(id) ON DELETE CASCADE,
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_secret_sealed text NOT NULL,
        -- Email domains whose users are routed to this workspace's identity provider.
        domains text[] NOT NULL DEFAULT '{}',
        default_role text NOT NULL DEFAULT 'viewer' CHECK (default_role IN ('compliance_lead','engineer','auditor','viewer')),
        updated_at timestamptz NOT NULL
      );

      -- A signed-in person acting outside any workspace (signing in, creating one) is a "user".
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_type_check;
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_type_check CHECK (actor_type IN ('member','user','token','system','anonymous'));

      -- A started OIDC login: PKCE verifier, nonce and where it goes, for ten minutes at most.
      CREATE TABLE oidc_login_state (
        state_hash char(64) PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        code_verifier text NOT NULL,
        nonce text NOT NULL,
        created_at timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE oidc_login_state;
      DROP TABLE workspace_sso;
      DROP TABLE invitation;
      DROP TABLE api_token;
      DROP TABLE auth_session;
      ALTER TABLE member DROP COLUMN user_id, DROP COLUMN access_starts_at, DROP COLUMN access_ends_at;
      DROP TABLE user_account;
    `);
  }
}
