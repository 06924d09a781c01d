import { CSRF_HEADER } from '@astrolabe/api-contract';
import { Client } from 'pg';
import { PasswordHasher } from '../../src/auth/password-hasher.adapter';
import { SecretTokens } from '../../src/auth/secret-tokens.adapter';
import { SESSION_COOKIE } from '../../src/auth/session.service';

/** Runs SQL as the schema owner (fixtures only): rows back. */
export type FixtureQuery = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

const secrets = new SecretTokens();

/** A fixture query function over a short-lived pg connection to `url`. */
export function queryVia(url: string): FixtureQuery {
  return async <T>(sql: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
}

/** Creates an account directly in the database (fixture); returns its id. */
export async function createAccount(query: FixtureQuery, input: { email: string; displayName: string; password?: string }): Promise<string> {
  const hash = input.password ? await new PasswordHasher().hash(input.password) : null;
  const rows = await query<{ id: string }>(
    'INSERT INTO user_account (email, display_name, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id',
    [input.email, input.displayName, hash],
  );
  return (rows[0] as { id: string }).id;
}

/**
 * A live session for a member, minted in the database (fixture): the member's account is created
 * and linked if missing. Returns the request headers that carry it (cookie + CSRF token).
 */
export async function mintMemberSession(query: FixtureQuery, memberId: string): Promise<Record<string, string>> {
  const member = (await query<{ email: string; display_name: string; user_id: string | null }>('SELECT email, display_name, user_id FROM member WHERE id = $1', [memberId]))[0];
  if (!member) throw new Error(`no member ${memberId}`);
  let userId = member.user_id;
  if (!userId) {
    userId = await createAccount(query, { email: member.email, displayName: member.display_name });
    await query('UPDATE member SET user_id = $2 WHERE id = $1', [memberId, userId]);
  }
  const token = secrets.mint();
  await query(
    `INSERT INTO auth_session (id_hash, user_id, method, created_at, last_seen_at, expires_at) VALUES ($1, $2, 'password', now(), now(), now() + interval '12 hours')`,
    [secrets.hash(token), userId],
  );
  return { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: secrets.csrfFor(token) };
}

/** Signs in through POST /api/v1/auth/login; returns the headers that carry the session. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('sign-in set no session cookie');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0] as string, [CSRF_HEADER]: body.csrfToken };
}
