import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SystemDb } from '../../database/system-db';

export interface OidcLoginStateRow {
  stateHash: string;
  workspaceId: string;
  codeVerifier: string;
  nonce: string;
  createdAt: Date;
}

interface RawLoginState {
  state_hash: string;
  workspace_id: string;
  code_verifier: string;
  nonce: string;
  created_at: Date;
}

const toRow = (r: RawLoginState): OidcLoginStateRow => ({ stateHash: r.state_hash, workspaceId: r.workspace_id, codeVerifier: r.code_verifier, nonce: r.nonce, createdAt: r.created_at });

/**
 * Started OIDC sign-ins, keyed by sha256 of their `state` (the value itself travels through the
 * browser and the provider and is never stored). Each row is used at most once.
 */
@Injectable()
export class OidcLoginStateRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly system: SystemDb,
  ) {}

  async create(workspaceId: string, input: { stateHash: string; codeVerifier: string; nonce: string; now: Date }): Promise<void> {
    await this.ds.query('INSERT INTO oidc_login_state (state_hash, workspace_id, code_verifier, nonce, created_at) VALUES ($1, $2, $3, $4, $5)', [
      input.stateHash,
      workspaceId,
      input.codeVerifier,
      input.nonce,
      input.now,
    ]);
  }

  /** Drops the workspace's abandoned sign-ins, so the table holds only the last few minutes. */
  async prune(workspaceId: string, before: Date): Promise<void> {
    await this.ds.query('DELETE FROM oidc_login_state WHERE workspace_id = $1 AND created_at < $2', [workspaceId, before]);
  }

  /**
   * The started sign-in a callback's state belongs to. The callback names no workspace until
   * this row is found, so the lookup reads through the owner connection (SystemDb); consuming
   * it, and everything after, happens in that workspace's scope.
   */
  async find(stateHash: string): Promise<OidcLoginStateRow | null> {
    const rows: RawLoginState[] = await this.system.dataSource.query('SELECT * FROM oidc_login_state WHERE state_hash = $1', [stateHash]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Deletes the row; false when another request consumed it first (a replayed callback). */
  async consume(workspaceId: string, stateHash: string): Promise<boolean> {
    // Counted in a SELECT: for a bare DELETE, TypeORM's query() answers [rows, rowCount], not rows.
    const rows: { n: number }[] = await this.ds.query('WITH gone AS (DELETE FROM oidc_login_state WHERE workspace_id = $1 AND state_hash = $2 RETURNING 1) SELECT count(*)::int AS n FROM gone', [workspaceId, stateHash]);
    return rows[0]?.n === 1;
  }
}
