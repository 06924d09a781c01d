import type { MemberRole } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SystemDb } from '../database/system-db';

export interface ApiTokenRow {
  id: string;
  workspaceId: string;
  name: string;
  role: MemberRole;
  createdBy: { id: string; displayName: string };
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

interface RawToken {
  id: string;
  workspace_id: string;
  name: string;
  role: MemberRole;
  created_by: string;
  creator_name: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const toRow = (r: RawToken): ApiTokenRow => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  role: r.role,
  createdBy: { id: r.created_by, displayName: r.creator_name },
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

const SELECT = `SELECT t.*, m.display_name AS creator_name FROM api_token t JOIN member m ON m.workspace_id = t.workspace_id AND m.id = t.created_by`;

/** API tokens, stored by the hash of their value; a workspace's own list goes through its scope. */
@Injectable()
export class ApiTokenRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly system: SystemDb,
  ) {}

  async create(workspaceId: string, input: { name: string; role: MemberRole; tokenHash: string; createdBy: string; now: Date; expiresAt: Date | null }): Promise<ApiTokenRow> {
    const rows: { id: string }[] = await this.ds.query(
      'INSERT INTO api_token (workspace_id, name, role, token_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [workspaceId, input.name, input.role, input.tokenHash, input.createdBy, input.now, input.expiresAt],
    );
    return (await this.get(workspaceId, (rows[0] as { id: string }).id)) as ApiTokenRow;
  }

  async list(workspaceId: string): Promise<ApiTokenRow[]> {
    const rows: RawToken[] = await this.ds.query(`${SELECT} WHERE t.workspace_id = $1 ORDER BY t.created_at DESC, t.id`, [workspaceId]);
    return rows.map(toRow);
  }

  async get(workspaceId: string, id: string): Promise<ApiTokenRow | null> {
    const rows: RawToken[] = await this.ds.query(`${SELECT} WHERE t.workspace_id = $1 AND t.id = $2`, [workspaceId, id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async revoke(workspaceId: string, id: string, now: Date): Promise<void> {
    await this.ds.query('UPDATE api_token SET revoked_at = $3 WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL', [workspaceId, id, now]);
  }

  /**
   * The usable token with this hash. A bearer token names no workspace before it is found, so
   * this lookup reads through the owner connection (SystemDb); everything after it is scoped.
   */
  async findUsable(tokenHash: string, now: Date): Promise<ApiTokenRow | null> {
    const rows: RawToken[] = await this.system.dataSource.query(
      `${SELECT} WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`,
      [tokenHash, now],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Last use, to the minute: enough to spot a forgotten token without a write per request. */
  async touch(id: string, now: Date): Promise<void> {
    await this.system.dataSource.query(
      `UPDATE api_token SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, now],
    );
  }
}
