import type { MemberRole } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SystemDb } from '../../database/system-db';

/** The roles single sign-on may provision people with (the table's check constraint agrees). */
export type SsoDefaultRole = Extract<MemberRole, 'compliance_lead' | 'engineer' | 'auditor' | 'viewer'>;

export interface SsoConfigRow {
  workspaceId: string;
  issuer: string;
  clientId: string;
  clientSecretSealed: string;
  domains: string[];
  defaultRole: SsoDefaultRole;
  updatedAt: Date;
}

interface RawSsoConfig {
  workspace_id: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  domains: string[];
  default_role: SsoDefaultRole;
  updated_at: Date;
}

const toRow = (r: RawSsoConfig): SsoConfigRow => ({
  workspaceId: r.workspace_id,
  issuer: r.issuer,
  clientId: r.client_id,
  clientSecretSealed: r.client_secret_sealed,
  domains: r.domains,
  defaultRole: r.default_role,
  updatedAt: r.updated_at,
});

/** A workspace's OIDC settings (one row per workspace); the client secret only ever sealed. */
@Injectable()
export class SsoConfigRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly system: SystemDb,
  ) {}

  async get(workspaceId: string): Promise<SsoConfigRow | null> {
    const rows: RawSsoConfig[] = await this.ds.query('SELECT * FROM workspace_sso WHERE workspace_id = $1', [workspaceId]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async upsert(workspaceId: string, input: Omit<SsoConfigRow, 'workspaceId'>): Promise<SsoConfigRow> {
    const rows: RawSsoConfig[] = await this.ds.query(
      `INSERT INTO workspace_sso (workspace_id, issuer, client_id, client_secret_sealed, domains, default_role, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (workspace_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id, client_secret_sealed = EXCLUDED.client_secret_sealed,
         domains = EXCLUDED.domains, default_role = EXCLUDED.default_role, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [workspaceId, input.issuer, input.clientId, input.clientSecretSealed, input.domains, input.defaultRole, input.updatedAt],
    );
    return toRow(rows[0] as RawSsoConfig);
  }

  /** True when there was a configuration to remove. */
  async delete(workspaceId: string): Promise<boolean> {
    // Counted in a SELECT: for a bare DELETE, TypeORM's query() answers [rows, rowCount], not rows.
    const rows: { n: number }[] = await this.ds.query('WITH gone AS (DELETE FROM workspace_sso WHERE workspace_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone', [workspaceId]);
    return rows[0]?.n === 1;
  }

  /**
   * The workspace whose identity provider signs in people of this email domain. Asked before
   * anyone is signed in and before any workspace is known (the sign-in page has only an email),
   * so it reads through the owner connection (SystemDb); everything after it is scoped.
   */
  async findByDomain(domain: string): Promise<{ workspaceId: string; workspaceName: string } | null> {
    const rows: { workspace_id: string; name: string }[] = await this.system.dataSource.query(
      'SELECT s.workspace_id, w.name FROM workspace_sso s JOIN workspace w ON w.id = s.workspace_id WHERE $1 = ANY (s.domains) ORDER BY s.updated_at LIMIT 1',
      [domain.toLowerCase()],
    );
    const r = rows[0];
    return r ? { workspaceId: r.workspace_id, workspaceName: r.name } : null;
  }

  /**
   * Which of `domains` another workspace already routes to its own provider. A domain routes to
   * one workspace only, and no single workspace can see the others' settings, so this too reads
   * through the owner connection; it returns the domains, never which workspace holds them.
   */
  async domainsClaimedElsewhere(workspaceId: string, domains: readonly string[]): Promise<string[]> {
    if (domains.length === 0) return [];
    const rows: { domain: string }[] = await this.system.dataSource.query(
      'SELECT DISTINCT d AS domain FROM workspace_sso s, unnest(s.domains) AS d WHERE s.workspace_id <> $1 AND d = ANY ($2::text[]) ORDER BY 1',
      [workspaceId, domains],
    );
    return rows.map((r) => r.domain);
  }
}
