import type { SecretBox } from './secret-box';

/** Runs one statement on a single connection (a transaction spans calls), returning its rows. */
export type SqlQuery = <R>(sql: string, params?: unknown[]) => Promise<R[]>;

export interface RotationResult {
  /** Connections whose secret was re-wrapped (connections without a secret are left alone). */
  rewrapped: number;
}

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
 * Re-wraps the data key of every `connection.secret_sealed` from `current` to `next`, in one
 * transaction: either every secret opens with the new key afterwards, or nothing changed.
 */
export async function rotateConnectionSecrets(query: SqlQuery, current: SecretBox, next: SecretBox): Promise<RotationResult> {
  await query('BEGIN');
  let connectionId: string | undefined;
  try {
    const rows = await query<{ id: string; secret_sealed: string }>('SELECT id::text AS id, secret_sealed FROM connection WHERE secret_sealed IS NOT NULL ORDER BY id FOR UPDATE');
    for (const row of rows) {
      connectionId = row.id;
      let rewrapped: string;
      try {
        rewrapped = current.rewrap(row.secret_sealed, next);
      } catch {
        throw new SecretRotationError('cannot-open', row.id, `the current master key does not open the secret of connection ${row.id}`);
      }
      await query('UPDATE connection SET secret_sealed = $2 WHERE id = $1', [row.id, rewrapped]);
    }
    connectionId = undefined;
    await query('COMMIT');
    return { rewrapped: rows.length };
  } catch (err) {
    await query('ROLLBACK').catch(() => undefined);
    if (err instanceof SecretRotationError) throw err;
    const at = connectionId ? ` at connection ${connectionId}` : '';
    throw new SecretRotationError('failed', connectionId, `re-wrapping failed${at}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
