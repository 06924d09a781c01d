import type { MemberRole } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { SystemDb } from '../database/system-db';

export interface MembershipRow {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  workspaceDemo: boolean;
  workspaceCreatedAt: Date;
  memberId: string;
  role: MemberRole;
  accessStartsAt: Date | null;
  accessEndsAt: Date | null;
}

/**
 * A user's memberships across workspaces: the one question about members that no single
 * workspace can answer, so it reads through the owner connection (SystemDb).
 */
@Injectable()
export class MembershipRepository {
  constructor(private readonly system: SystemDb) {}

  /** `confinedTo`: an SSO session sees only the workspace whose provider signed it in. */
  async ofUser(userId: string, confinedTo: string | null = null): Promise<MembershipRow[]> {
    const rows: { workspace_id: string; name: string; slug: string; demo: boolean; ws_created_at: Date; id: string; role: MemberRole; access_starts_at: Date | null; access_ends_at: Date | null }[] = await this.system.dataSource.query(
      `SELECT m.workspace_id, w.name, w.slug, w.demo, w.created_at AS ws_created_at, m.id, m.role, m.access_starts_at, m.access_ends_at
         FROM member m JOIN workspace w ON w.id = m.workspace_id
        WHERE m.user_id = $1 AND ($2::uuid IS NULL OR m.workspace_id = $2::uuid) ORDER BY w.name, w.id`,
      [userId, confinedTo],
    );
    return rows.map((r) => ({ workspaceId: r.workspace_id, workspaceName: r.name, workspaceSlug: r.slug, workspaceDemo: r.demo, workspaceCreatedAt: r.ws_created_at, memberId: r.id, role: r.role, accessStartsAt: r.access_starts_at, accessEndsAt: r.access_ends_at }));
  }

  /**
   * The demo workspace and its seeded personas, the only accounts one may sign in as without a
   * password (demo mode only): someone invited into the demo workspace with their own password
   * is not a persona. Read before anyone is signed in, so through the owner connection.
   */
  async demoPersonas(personaEmails: readonly string[]): Promise<{ workspaceId: string; workspaceName: string; members: { id: string; userId: string; displayName: string; role: MemberRole }[] } | null> {
    const rows: { workspace_id: string; name: string; id: string; user_id: string; display_name: string; role: MemberRole }[] = await this.system.dataSource.query(
      `SELECT w.id AS workspace_id, w.name, m.id, m.user_id, m.display_name, m.role
         FROM workspace w JOIN member m ON m.workspace_id = w.id
        WHERE w.demo AND m.user_id IS NOT NULL AND m.email = ANY($1::text[])
        ORDER BY w.created_at, array_position(ARRAY['owner','admin','compliance_lead','engineer','auditor','viewer'], m.role), m.display_name`,
      [personaEmails],
    );
    const first = rows[0];
    if (!first) return null;
    return {
      workspaceId: first.workspace_id,
      workspaceName: first.name,
      members: rows.filter((r) => r.workspace_id === first.workspace_id).map((r) => ({ id: r.id, userId: r.user_id, displayName: r.display_name, role: r.role })),
    };
  }
}
