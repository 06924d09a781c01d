import type { SecretBox } from './secret-box';

/** Runs one statement on a single connection (a transaction spans calls), returning its rows. */
export type SqlQuery = <R>(sql: string, params?: unknown[]) => Promise<R[]>;

export interface RotationResult {
  /** Secrets re-wrapped: connection secrets and SSO client secrets (rows without one are left alone). */
  rewrapped: number;
}

/** Every column that holds a sealed secret; a new one must be listed here or rotation strands it. */
const SEALED_COLUMNS = [
  { table: 'connection', key: 'id', column: 'secret_sealed', label: 'connection' },
  { table: 'workspace_sso', key: 'workspace_id', column: 'client_secret_sealed', label: 'SSO settings of workspace' },
] as const;

/**
 * Why a rotation stopped. `cannot-open`: the current key does not open this connection's secret
 * (a wrong current key, or a damaged value); `failed`: anything else. Never carries a secret.
 */
export class SecretRotationError extends Error {
  constructor(
    readonly reason: 'cannot-open' | 'failed',
    readonly connectionId: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Re-wraps the data key of every sealed secret (connection secrets, SSO client secrets) from
 * `current` to `next`, in one transaction: either every secret opens with the new key
 * afterwards, or nothing changed.
 */
export async function rotateConnectionSecrets(query: SqlQuery, current: SecretBox, next: SecretBox): Promise<RotationResult> {
  await query('BEGIN');
  let connectionId: string | undefined;
  try {
    let count = 0;
    for (const { table, key, column, label } of SEALED_COLUMNS) {
      const rows = await query<{ id: string; sealed: string }>(`SELECT ${key}::text AS id, ${column} AS sealed FROM ${table} WHERE ${column} IS NOT NULL ORDER BY ${key} FOR UPDATE`);
      for (const row of rows) {
        connectionId = table === 'connection' ? row.id : `${table}:${row.id}`;
        let rewrapped: string;
        try {
          rewrapped = current.rewrap(row.sealed, next);
        } catch {
          throw new SecretRotationError('cannot-open', connectionId, `the current master key does not open the secret of ${label} ${row.id}`);
        }
        await query(`UPDATE ${table} SET ${column} = $2 WHERE ${key} = $1`, [row.id, rewrapped]);
        count++;
      }
    }
    connectionId = undefined;
    await query('COMMIT');
    return { rewrapped: count };
  } catch (err) {
    await query('ROLLBACK').catch(() => undefined);
    if (err instanceof SecretRotationError) throw err;
    const at = connectionId ? ` at connection ${connectionId}` : '';
    throw new SecretRotationError('failed', connectionId, `re-wrapping failed${at}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
