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
}

interface RawMember {
  id: string;
  workspace_id: string;
  display_name: string;
  email: string;
  role: MemberRole;
  created_at: Date;
}

const toRow = (r: RawMember): MemberRow => ({ id: r.id, workspaceId: r.workspace_id, displayName: r.display_name, email: r.email, role: r.role, createdAt: r.created_at });

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

  async count(workspaceId: string): Promise<number> {
    const rows: { n: string }[] = await this.ds.query('SELECT count(*) AS n FROM member WHERE workspace_id = $1', [workspaceId]);
    return Number(rows[0]?.n ?? 0);
  }

  async create(workspaceId: string, input: { displayName: string; email: string; role: MemberRole }): Promise<MemberRow> {
    const rows: RawMember[] = await this.ds.query(
      `INSERT INTO member (workspace_id, display_name, email, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, email) DO NOTHING RETURNING *`,
      [workspaceId, input.displayName, input.email, input.role],
    );
    if (!rows[0]) throw new EmailTakenError(input.email);
    return toRow(rows[0]);
  }

  async updateRole(workspaceId: string, id: string, role: MemberRole): Promise<MemberRow | null> {
    const rows: RawMember[] = await this.ds.query('UPDATE member SET role = $3 WHERE workspace_id = $1 AND id = $2 RETURNING *', [workspaceId, id, role]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async countByRole(workspaceId: string, role: MemberRole): Promise<number> {
    const rows: { n: string }[] = await this.ds.query('SELECT count(*) AS n FROM member WHERE workspace_id = $1 AND role = $2', [workspaceId, role]);
    return Number(rows[0]?.n ?? 0);
  }
}
