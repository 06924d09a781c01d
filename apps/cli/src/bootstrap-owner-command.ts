import { readFileSync } from 'node:fs';
import { passwordSchema } from '@astrolabe/api-contract';
import { hashPassword } from '@astrolabe/secret-box';
import { z } from 'zod';
import { DatabaseUnavailable, openDatabase, type DatabaseSettings } from './database';

export interface BootstrapOwnerOptions {
  email: string;
  name?: string;
  /** A file holding the password (first line); else ASTROLABE_BOOTSTRAP_OWNER_PASSWORD. Never argv: every local user can read it. */
  passwordFile?: string;
}

export interface BootstrapOwnerIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** 0 created, 1 refused (an account already exists), 2 could not (bad input, no database). */
export const BOOTSTRAP_EXIT = { created: 0, refused: 1, error: 2 } as const;

class CannotBootstrap extends Error {}

function passwordOf(opts: BootstrapOwnerOptions, env: string | undefined): string {
  let password = env;
  if (opts.passwordFile) {
    try {
      password = readFileSync(opts.passwordFile, 'utf8').split(/\r?\n/)[0];
    } catch (err) {
      throw new CannotBootstrap(`Cannot read the password file ${opts.passwordFile}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!password) throw new CannotBootstrap('No password: pass --password-file <path> (first line is the password) or set ASTROLABE_BOOTSTRAP_OWNER_PASSWORD.');
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new CannotBootstrap(`The password is too weak: ${parsed.error.issues[0]?.message ?? 'invalid'}. Use a passphrase of at least 12 characters.`);
  return parsed.data;
}

/**
 * `astrolabe bootstrap-owner`: the first account of a fresh installation, written straight into
 * the database, so someone can sign in and create the first workspace (they own it). Refuses
 * once any account exists: after that, people join by invitation.
 */
export async function runBootstrapOwnerCommand(opts: BootstrapOwnerOptions, db: DatabaseSettings, passwordEnv: string | undefined, io: BootstrapOwnerIo): Promise<number> {
  let opened: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    const email = z.string().trim().toLowerCase().email().safeParse(opts.email);
    if (!email.success) throw new CannotBootstrap(`"${opts.email}" is not an email address: pass --email you@example.com.`);
    const password = passwordOf(opts, passwordEnv);
    opened = await openDatabase(db);
    const { client } = opened;
    const table = await client.query<{ ok: boolean }>("SELECT to_regclass('user_account') IS NOT NULL AS ok");
    if (!table.rows[0]?.ok) throw new CannotBootstrap('This database has no user_account table: start the Astrolabe server once (it applies its migrations), then run again.');
    const displayName = opts.name?.trim() || email.data.slice(0, email.data.indexOf('@'));
    // One statement: two concurrent bootstraps cannot both create a "first" account.
    const created = await client.query<{ id: string }>(
      `INSERT INTO user_account (email, display_name, password_hash)
       SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM user_account) RETURNING id`,
      [email.data, displayName, await hashPassword(password)],
    );
    if (created.rowCount === 0) {
      io.stderr('Accounts already exist, so there is nothing to bootstrap. Sign in to the console and invite people from Settings → Access.\n');
      return BOOTSTRAP_EXIT.refused;
    }
    io.stdout(`Created the first account, ${email.data}. Sign in to the console with it and create your workspace: you will be its owner.\n`);
    return BOOTSTRAP_EXIT.created;
  } catch (err) {
    if (err instanceof CannotBootstrap || err instanceof DatabaseUnavailable) {
      io.stderr(`${err.message}\n`);
      return BOOTSTRAP_EXIT.error;
    }
    io.stderr(`Bootstrapping failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return BOOTSTRAP_EXIT.error;
  } finally {
    await opened?.close();
  }
}
