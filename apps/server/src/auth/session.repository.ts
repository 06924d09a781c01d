import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type SignInMethod = 'password' | 'oidc' | 'demo' | 'invitation';

export interface SessionRow {
  idHash: string;
  userId: string;
  /** The session's user, read in the same query: every authenticated request needs both. */
  user: { id: string; email: string; displayName: string };
  method: SignInMethod;
  confinedTo: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

interface RawSession {
  id_hash: string;
  user_id: string;
  email: string;
  display_name: string;
  method: SignInMethod;
  confined_to: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

const toRow = (r: RawSession): SessionRow => ({
  idHash: r.id_hash,
  userId: r.user_id,
  user: { id: r.user_id, email: r.email, displayName: r.display_name },
  method: r.method,
  confinedTo: r.confined_to,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

/** Server-side sessions, stored by the hash of the cookie value. */
@Injectable()
export class SessionRepository {
  constructor(private readonly ds: DataSource) {}

  async create(input: { idHash: string; userId: string; method: SignInMethod; confinedTo: string | null; now: Date; expiresAt: Date; sourceIp: string | null }): Promise<void> {
    await this.ds.query(
      `INSERT INTO auth_session (id_hash, user_id, method, confined_to, created_at, last_seen_at, expires_at, source_ip) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`,
      [input.idHash, input.userId, input.method, input.confinedTo, input.now, input.expiresAt, input.sourceIp],
    );
  }

  /** A live session: not revoked, before its absolute end and used within the idle timeout. */
  async findLive(idHash: string, now: Date, idleSince: Date): Promise<SessionRow | null> {
    const rows: RawSession[] = await this.ds.query(
      `SELECT s.*, u.email, u.display_name FROM auth_session s JOIN user_account u ON u.id = s.user_id
        WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3`,
      [idHash, now, idleSince],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async touch(idHash: string, now: Date): Promise<void> {
    await this.ds.query('UPDATE auth_session SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $2', [idHash, now]);
  }

  async revoke(idHash: string, now: Date): Promise<void> {
    await this.ds.query('UPDATE auth_session SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL', [idHash, now]);
  }

  async revokeAllOf(userId: string, now: Date): Promise<number> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count], not the rows.
    const rows: unknown[] = await this.ds.query('WITH u AS (UPDATE auth_session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1) SELECT * FROM u', [userId, now]);
    return rows.length;
  }

  /** Ended sessions are kept a day for investigation, then dropped. */
  async prune(before: Date): Promise<void> {
    await this.ds.query('DELETE FROM auth_session WHERE expires_at < $1 OR revoked_at < $1', [before]);
  }
}
