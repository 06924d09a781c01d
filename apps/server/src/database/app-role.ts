import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** The NOLOGIN role the migrations grant the app's privileges to (1732800000000-row-level-security). */
export const APP_GROUP_ROLE = 'astrolabe_app';

/**
 * The password of the app's login, derived from the master key: nothing new to store or hand
 * over, every server process of an installation computes the same one, and rotating the master
 * key changes it at the next start.
 */
export function appRolePassword(masterKey: Buffer): string {
  return createHmac('sha256', masterKey).update('astrolabe database role').digest('base64url');
}

/**
 * The app's login role for `database`: a member of astrolabe_app, one per database. Roles are
 * shared by the whole cluster while master keys are not (a staging and a production database on
 * one server, every test database of a test run): with a single login, each installation would
 * reset the others' password at start-up.
 */
export function appLoginRole(database: string): string {
  const suffix = /^[a-z0-9_]{1,48}$/.test(database) ? database : createHash('sha256').update(database).digest('hex').slice(0, 16);
  return `${APP_GROUP_ROLE}_${suffix}`;
}

/**
 * A SCRAM-SHA-256 verifier (RFC 7677, PostgreSQL's `rolpassword` format) for `password`. The
 * server is sent this instead of the password, so the password itself is never in a statement
 * (nor in a statement log).
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * Creates (or updates) this database's app login with `password` and makes it a member of
 * astrolabe_app, as the owner, after migrations. The login can do nothing the group cannot:
 * no superuser, no BYPASSRLS, no role or database creation. Returns its name.
 */
export async function ensureAppLogin(owner: DataSource, password: string): Promise<string> {
  const rows: { db: string }[] = await owner.query('SELECT current_database() AS db');
  const role = appLoginRole(rows[0]?.db ?? '');
  // Nothing here can end a quoted name or literal: the role name is [a-z0-9_] by construction,
  // the verifier base64 with '$' and ':'. The password itself is not sent.
  const verifier = scramVerifier(password);
  await owner.transaction(async (m) => {
    // Processes of one installation start together (api + worker): one at a time edits the role.
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['astrolabe:app-login']);
    const exists: unknown[] = await m.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    await m.query(`${exists.length > 0 ? 'ALTER' : 'CREATE'} ROLE "${role}" WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB NOREPLICATION INHERIT PASSWORD '${verifier}'`);
    await m.query(`GRANT ${APP_GROUP_ROLE} TO "${role}"`);
  });
  return role;
}

/** `url` with another login; throws (without echoing the URL, which holds a password) if it has no host to keep. */
export function withLogin(url: string, user: string, password: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('DATABASE_URL cannot be parsed as a URL, so the app login cannot be derived from it: set ASTROLABE_APP_DATABASE_URL');
  }
  if (!u.hostname) throw new Error('DATABASE_URL names no host (a socket path?), so the app login cannot be derived from it: set ASTROLABE_APP_DATABASE_URL');
  u.username = user;
  u.password = password;
  return u.toString();
}

interface RoleFacts {
  name: string;
  superuser: boolean;
  bypassrls: boolean;
  /** Owns (or inherits the owner of) a table in public: could switch its row-level security off. */
  owns_tables: boolean;
}

async function roleFacts(ds: DataSource): Promise<RoleFacts> {
  const rows: RoleFacts[] = await ds.query(
    `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
            EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(r.oid, c.relowner, 'USAGE')) AS owns_tables
     FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const facts = rows[0];
  if (!facts) throw new Error('could not read the database role this connection uses');
  return facts;
}

/** Refuses an app connection whose role could read across workspaces: the point of the separate login. */
export async function assertConfinedByRowLevelSecurity(app: DataSource): Promise<void> {
  const r = await roleFacts(app);
  const why = [r.superuser && 'is a superuser', r.bypassrls && 'has BYPASSRLS', r.owns_tables && 'owns the tables'].filter(Boolean);
  if (why.length > 0) {
    throw new Error(
      `The app's database login "${r.name}" ${why.join(', ')}, so row-level security would not confine it. ` +
        `Use a role that is none of these and a member of ${APP_GROUP_ROLE} (ASTROLABE_APP_DATABASE_URL), or unset ASTROLABE_APP_DATABASE_URL to let the server create one.`,
    );
  }
}

/**
 * The owner (DATABASE_URL) runs migrations and SystemDb's cross-workspace lookups. The workspace
 * tables FORCE row-level security, so for the owner to see across workspaces it must be a
 * superuser or have BYPASSRLS; without, the scheduler and sweeps would silently find nothing.
 */
export async function assertBypassesRowLevelSecurity(owner: DataSource): Promise<void> {
  const r = await roleFacts(owner);
  if (!r.superuser && !r.bypassrls) {
    throw new Error(
      `DATABASE_URL logs in as "${r.name}", which is neither a superuser nor BYPASSRLS. It runs migrations and the few cross-workspace lookups, ` +
        `and the workspace tables force row-level security even on their owner: ALTER ROLE "${r.name}" BYPASSRLS (as a superuser), or use a superuser.`,
    );
  }
}
