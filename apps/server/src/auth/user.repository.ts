import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
}

interface RawUser {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  failed_logins: number;
  locked_until: Date | null;
}

const toRow = (r: RawUser): UserRow => ({ id: r.id, email: r.email, displayName: r.display_name, passwordHash: r.password_hash, failedLogins: r.failed_logins, lockedUntil: r.locked_until });

/** User accounts: global (one per email), not owned by a workspace. */
@Injectable()
export class UserRepository {
  constructor(private readonly ds: DataSource) {}

  async findByEmail(email: string): Promise<UserRow | null> {
    const rows: RawUser[] = await this.ds.query('SELECT * FROM user_account WHERE email = $1', [email.toLowerCase()]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async get(id: string): Promise<UserRow | null> {
    const rows: RawUser[] = await this.ds.query('SELECT * FROM user_account WHERE id = $1', [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async count(): Promise<number> {
    const rows: { n: string }[] = await this.ds.query('SELECT count(*) AS n FROM user_account');
    return Number(rows[0]?.n ?? 0);
  }

  /** The account for `email`, created (without a password) if there is none yet. */
  async ensure(input: { email: string; displayName: string; passwordHash?: string | null }, manager: EntityManager | DataSource = this.ds): Promise<UserRow> {
    const rows: RawUser[] = await manager.query(
      `INSERT INTO user_account (email, display_name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING *`,
      [input.email.toLowerCase(), input.displayName, input.passwordHash ?? null],
    );
    return toRow(rows[0] as RawUser);
  }

  async setPassword(id: string, passwordHash: string, manager: EntityManager | DataSource = this.ds): Promise<void> {
    await manager.query('UPDATE user_account SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1', [id, passwordHash]);
  }

  /** Counts a failed password; at `maxFailures` in a row the account locks until `lockUntil`. */
  async recordFailure(id: string, maxFailures: number, lockUntil: Date): Promise<void> {
    await this.ds.query(
      `UPDATE user_account SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
       WHERE id = $1`,
      [id, maxFailures, lockUntil],
    );
  }

  async clearFailures(id: string): Promise<void> {
    await this.ds.query('UPDATE user_account SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)', [id]);
  }
}
