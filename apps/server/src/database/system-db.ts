import type { DataSource, EntityManager } from 'typeorm';

/** What the scheduler needs of a connection to keep its cron. */
export interface ScheduledConnection {
  id: string;
  workspaceId: string;
  schedule: string;
  enabled: boolean;
}

/**
 * The database as the schema owner, which row-level security does not restrict. Only a few named
 * lookups may use it, each one a question no single workspace can answer: a token or invitation
 * by the hash of its secret, a user's memberships across workspaces, SSO routing by email
 * domain, the list of workspaces that sweeps (catalog sync, re-scoring, the run reaper) then
 * visit one at a time, the scheduler's connections, and the audit log's system chain. Everything
 * else goes through the app's own connection, where every workspace table only shows the
 * workspace of the current transaction (TenantContext).
 */
export class SystemDb {
  constructor(readonly dataSource: DataSource) {}

  /** Every workspace id, oldest first: start-up and periodic sweeps then enter each one in turn. */
  async workspaceIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM workspace ORDER BY created_at, id');
    return rows.map((r) => r.id);
  }

  /** A workspace's id by its slug (the demo finds its workspace this way at start-up, before it can enter it). */
  async workspaceIdBySlug(slug: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query('SELECT id FROM workspace WHERE slug = $1', [slug]);
    return rows[0]?.id ?? null;
  }

  /** The scheduler keeps one cron per enabled connection, whatever its workspace. */
  async enabledConnections(): Promise<ScheduledConnection[]> {
    const rows: { id: string; workspace_id: string; schedule: string }[] = await this.dataSource.query('SELECT id, workspace_id, schedule FROM connection WHERE enabled');
    return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, schedule: r.schedule, enabled: true }));
  }

  /** Workspaces with a run in progress: the reaper and crash recovery look into each one for dead runs. */
  async workspacesWithRunningRuns(): Promise<string[]> {
    const rows: { workspace_id: string }[] = await this.dataSource.query(`SELECT DISTINCT workspace_id FROM collection_run WHERE state = 'running'`);
    return rows.map((r) => r.workspace_id);
  }

  /**
   * A transaction for appending to the audit log's system chain (workspace_id NULL): it belongs to
   * no workspace, so no workspace's transaction may read or extend it.
   */
  systemAuditTransaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }
}
