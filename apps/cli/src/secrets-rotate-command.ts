import { chmodSync, copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMasterKey, rotateConnectionSecrets, SecretBox, SecretRotationError } from '@astrolabe/secret-box';
import { DatabaseUnavailable, openDatabase, type DatabaseSettings } from './database';

export interface SecretsRotateOptions {
  /** The new master key, base64 of 32 bytes. */
  newKey?: string;
  /** A file holding the new master key (base64), as written by the server. */
  newKeyFile?: string;
}

export interface SecretsRotateIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** 0 rotated, 1 re-wrapping failed (rolled back, nothing changed), 2 could not rotate (no database, wrong or unusable key). */
export const ROTATE_EXIT = { rotated: 0, failed: 1, error: 2 } as const;

class CannotRotate extends Error {}

const KEY_HELP = 'Generate one with: openssl rand -base64 32';

function newMasterKey(opts: SecretsRotateOptions): Buffer {
  if (Boolean(opts.newKey) === Boolean(opts.newKeyFile)) throw new CannotRotate(`Pass the new master key with exactly one of --new-key <base64> or --new-key-file <path>. ${KEY_HELP}`);
  let text = opts.newKey ?? '';
  if (opts.newKeyFile) {
    try {
      text = readFileSync(opts.newKeyFile, 'utf8').trim();
    } catch (err) {
      throw new CannotRotate(`Cannot read the new key file ${opts.newKeyFile}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32) throw new CannotRotate(`The new master key must be base64 of 32 random bytes (got ${key.length} bytes). ${KEY_HELP}`);
  return key;
}

/** Writes `key` as the key file (0600), keeping the file it replaces as master.key.previous (0600). */
function replaceKeyFile(keyFile: string, key: Buffer): void {
  const previous = `${keyFile}.previous`;
  const temp = `${keyFile}.new`;
  copyFileSync(keyFile, previous);
  chmodSync(previous, 0o600);
  writeFileSync(temp, key.toString('base64'), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, keyFile);
}

/**
 * `astrolabe secrets rotate`: re-wraps every connection secret from the current master key
 * (ASTROLABE_MASTER_KEY, else <dataDir>/master.key, as the server finds it) to a new one, in one
 * transaction; with the key file in use, the new key replaces it once the transaction committed.
 */
export async function runSecretsRotateCommand(opts: SecretsRotateOptions, db: DatabaseSettings, masterKeyEnv: string | undefined, io: SecretsRotateIo): Promise<number> {
  let opened: Awaited<ReturnType<typeof openDatabase>> | undefined;
  const keyFile = join(db.dataDir, 'master.key');
  try {
    const next = newMasterKey(opts);
    const current = readMasterKey(masterKeyEnv, keyFile);
    if (!current) throw new CannotRotate(`No current master key: ASTROLABE_MASTER_KEY is not set and ${keyFile} does not exist.\nSet ASTROLABE_MASTER_KEY to the key the server runs with, or run this where the server keeps its data (./.astrolabe, or ASTROLABE_DATA_DIR).`);
    if (current.key.length !== 32) throw new CannotRotate(`The current master key (${current.source === 'env' ? 'ASTROLABE_MASTER_KEY' : keyFile}) is not base64 of 32 bytes: fix it to the key the server runs with.`);
    if (current.key.equals(next)) throw new CannotRotate('The new master key is the current one: pass a different key.');

    opened = await openDatabase(db);
    const { client } = opened;
    const table = await client.query<{ ok: boolean }>("SELECT to_regclass('connection') IS NOT NULL AS ok");
    if (!table.rows[0]?.ok) throw new CannotRotate('This database has no connection table: start the Astrolabe server once (it applies its migrations), then run again.');

    const { rewrapped } = await rotateConnectionSecrets(async (sql, params) => (await client.query(sql, params)).rows, new SecretBox(current.key), new SecretBox(next));
    io.stdout(`Re-wrapped ${rewrapped} secret${rewrapped === 1 ? '' : 's'} (connections and SSO) under the new master key.\n`);
    if (current.source === 'file') {
      try {
        replaceKeyFile(keyFile, next);
      } catch (err) {
        io.stderr(
          `The secrets are re-wrapped under the new key, but writing ${keyFile} failed: ${err instanceof Error ? err.message : String(err)}\n` +
            `Write the new key to ${keyFile} yourself (mode 0600) before restarting the server.\n`,
        );
        return ROTATE_EXIT.failed;
      }
      io.stdout(`Wrote the new key to ${keyFile}; the old one is kept as ${keyFile}.previous. Restart the server to use it.\n`);
    } else {
      io.stdout('Set ASTROLABE_MASTER_KEY to the new key and restart the server: the old key no longer opens these secrets.\n');
    }
    return ROTATE_EXIT.rotated;
  } catch (err) {
    if (err instanceof SecretRotationError && err.reason === 'cannot-open') {
      io.stderr(
        `Nothing was changed: ${err.message}.\n` +
          'Run with the key the server runs with (ASTROLABE_MASTER_KEY, or the master.key file in its data directory); if that is the key in use, this secret is damaged: update that connection with a new secret, then rotate again.\n',
      );
      return ROTATE_EXIT.error;
    }
    if (err instanceof SecretRotationError) {
      io.stderr(`Nothing was changed (rolled back): ${err.message}\n`);
      return ROTATE_EXIT.failed;
    }
    if (err instanceof CannotRotate || err instanceof DatabaseUnavailable) {
      io.stderr(`${err.message}\n`);
      return ROTATE_EXIT.error;
    }
    io.stderr(`Could not rotate the master key: ${err instanceof Error ? err.message : String(err)}\n`);
    return ROTATE_EXIT.error;
  } finally {
    await opened?.client.end().catch(() => undefined);
    await opened?.close().catch(() => undefined);
  }
}
