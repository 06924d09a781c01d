import type { MemberRole } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface MemberRow {
  id: string;
  workspaceId: string;
  displayName: string;
  email: string;
  role: MemberRole;
  createdAt: Date;
  userId: string | null;
  accessStartsAt: Date | null;
  accessEndsAt: Date | null;
}

interface RawMember {
  id: string;
  workspace_id: string;
  display_name: string;
  email: string;
  role: MemberRole;
  created_at: Date;
  user_id: string | null;
  access_starts_at: Date | null;
  access_ends_at: Date | null;
}

const toRow = (r: RawMember): MemberRow => ({
  id: r.id,
  workspaceId: r.workspace_id,
  displayName: r.display_name,
  email: r.email,
  role: r.role,
  createdAt: r.created_at,
  userId: r.user_id,
  accessStartsAt: r.access_starts_at,
  accessEndsAt: r.access_ends_at,
});

export interface NewMember {
  displayName: string;
  email: string;
  role: MemberRole;
  userId?: string | null;
  accessStartsAt?: Date | null;
  accessEndsAt?: Date | null;
}

export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`a member with email "${email}" already exists in this workspace`);
  }
}

@Injectable()
export class MemberRepository {
  constructor(private readonly ds: DataSource) {}

  async list(workspaceId: string): Promise<MemberRow[]> {
    const rows: RawMember[] = await this.ds.query('SELECT * FROM member WHERE workspace_id = $1 ORDER BY display_name, id', [workspaceId]);
    return rows.map(toRow);
  }

  async get(workspaceId: string, id: string, manager: EntityManager | DataSource = this.ds): Promise<MemberRow | null> {
    const rows: RawMember[] = await manager.query('SELECT * FROM member WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The member a signed-in user is in this workspace, if any. */
  async getByUser(workspaceId: string, userId: string): Promise<MemberRow | null> {
    const rows: RawMember[] = await this.ds.query('SELECT * FROM member WHERE workspace_id = $1 AND user_id = $2', [workspaceId, userId]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async count(workspaceId: string): Promise<number> {
    const rows: { n: string }[] = await this.ds.query('SELECT count(*) AS n FROM member WHERE workspace_id = $1', [workspaceId]);
    return Number(rows[0]?.n ?? 0);
  }

  async create(workspaceId: string, input: NewMember, manager: EntityManager | DataSource = this.ds): Promise<MemberRow> {
    const rows: RawMember[] = await manager.query(
      `INSERT INTO member (workspace_id, display_name, email, role, user_id, access_starts_at, access_ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (workspace_id, email) DO NOTHING RETURNING *`,
      [workspaceId, input.displayName, input.email, input.role, input.userId ?? null, input.accessStartsAt ?? null, input.accessEndsAt ?? null],
    );
    if (!rows[0]) throw new EmailTakenError(input.email);
    return toRow(rows[0]);
  }

  async update(workspaceId: string, id: string, change: { role: MemberRole; accessStartsAt: Date | null; accessEndsAt: Date | null }): Promise<MemberRow | null> {
    const rows: RawMember[] = await this.ds.query(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
      'WITH u AS (UPDATE member SET role = $3, access_starts_at = $4, access_ends_at = $5 WHERE workspace_id = $1 AND id = $2 RETURNING *) SELECT * FROM u',
      [workspaceId, id, change.role, change.accessStartsAt, change.accessEndsAt],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Links a member that was added by email to the account that now signs in with that email. */
  async linkUser(workspaceId: string, id: string, userId: string, manager: EntityManager | DataSource = this.ds): Promise<void> {
    await manager.query('UPDATE member SET user_id = $3 WHERE workspace_id = $1 AND id = $2 AND user_id IS NULL', [workspaceId, id, userId]);
  }

  async getByEmail(workspaceId: string, email: string, manager: EntityManager | DataSource = this.ds): Promise<MemberRow | null> {
    const rows: RawMember[] = await manager.query('SELECT * FROM member WHERE workspace_id = $1 AND email = $2', [workspaceId, email]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async countByRole(workspaceId: string, role: MemberRole): Promise<number> {
    const rows: { n: string }[] = await this.ds.query('SELECT count(*) AS n FROM member WHERE workspace_id = $1 AND role = $2', [workspaceId, role]);
    return Number(rows[0]?.n ?? 0);
  }
}
