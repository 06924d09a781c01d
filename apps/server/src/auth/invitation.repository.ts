import type { MemberRole } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SystemDb } from '../database/system-db';

export interface InvitationRow {
  id: string;
  workspaceId: string;
  email: string;
  role: MemberRole;
  invitedBy: { id: string; displayName: string };
  createdAt: Date;
  expiresAt: Date;
  accessStartsAt: Date | null;
  accessEndsAt: Date | null;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

interface RawInvitation {
  id: string;
  workspace_id: string;
  email: string;
  role: MemberRole;
  invited_by: string;
  inviter_name: string;
  created_at: Date;
  expires_at: Date;
  access_starts_at: Date | null;
  access_ends_at: Date | null;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

const toRow = (r: RawInvitation): InvitationRow => ({
  id: r.id,
  workspaceId: r.workspace_id,
  email: r.email,
  role: r.role,
  invitedBy: { id: r.invited_by, displayName: r.inviter_name },
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  accessStartsAt: r.access_starts_at,
  accessEndsAt: r.access_ends_at,
  acceptedAt: r.accepted_at,
  revokedAt: r.revoked_at,
});

const SELECT = `SELECT i.*, m.display_name AS inviter_name FROM invitation i JOIN member m ON m.workspace_id = i.workspace_id AND m.id = i.invited_by`;

export class OpenInvitationExistsError extends Error {}

@Injectable()
export class InvitationRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly system: SystemDb,
  ) {}

  async create(
    workspaceId: string,
    input: { email: string; role: MemberRole; tokenHash: string; invitedBy: string; now: Date; expiresAt: Date; accessStartsAt: Date | null; accessEndsAt: Date | null },
  ): Promise<InvitationRow> {
    const rows: { id: string }[] = await this.ds.query(
      `INSERT INTO invitation (workspace_id, email, role, token_hash, invited_by, created_at, expires_at, access_starts_at, access_ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (workspace_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL DO NOTHING RETURNING id`,
      [workspaceId, input.email, input.role, input.tokenHash, input.invitedBy, input.now, input.expiresAt, input.accessStartsAt, input.accessEndsAt],
    );
    const id = rows[0]?.id;
    if (!id) throw new OpenInvitationExistsError(`${input.email} already has an open invitation; revoke it to send a new one`);
    return (await this.get(workspaceId, id)) as InvitationRow;
  }

  async list(workspaceId: string): Promise<InvitationRow[]> {
    const rows: RawInvitation[] = await this.ds.query(`${SELECT} WHERE i.workspace_id = $1 ORDER BY i.created_at DESC, i.id`, [workspaceId]);
    return rows.map(toRow);
  }

  async get(workspaceId: string, id: string, manager: EntityManager | DataSource = this.ds): Promise<InvitationRow | null> {
    const rows: RawInvitation[] = await manager.query(`${SELECT} WHERE i.workspace_id = $1 AND i.id = $2`, [workspaceId, id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async revoke(workspaceId: string, id: string, now: Date): Promise<void> {
    await this.ds.query('UPDATE invitation SET revoked_at = $3 WHERE workspace_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL', [workspaceId, id, now]);
  }

  /** Marks it accepted, once: false when someone else accepted or revoked it first. */
  async accept(manager: EntityManager, workspaceId: string, id: string, memberId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
      'WITH u AS (UPDATE invitation SET accepted_at = $3, accepted_member_id = $4 WHERE workspace_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING 1) SELECT * FROM u',
      [workspaceId, id, now, memberId],
    );
    return rows.length === 1;
  }

  /**
   * The invitation a link's secret belongs to. The link names no workspace before it is found,
   * so this lookup reads through the owner connection (SystemDb); everything after it is scoped.
   */
  async findByTokenHash(tokenHash: string): Promise<(InvitationRow & { workspaceName: string }) | null> {
    const rows: (RawInvitation & { workspace_name: string })[] = await this.system.dataSource.query(
      `SELECT i.*, m.display_name AS inviter_name, w.name AS workspace_name
         FROM invitation i JOIN member m ON m.workspace_id = i.workspace_id AND m.id = i.invited_by JOIN workspace w ON w.id = i.workspace_id
        WHERE i.token_hash = $1`,
      [tokenHash],
    );
    const r = rows[0];
    return r ? { ...toRow(r), workspaceName: r.workspace_name } : null;
  }
}
