import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@astrolabe/embedded-pg';
import type { Logger } from 'pino';
import { ensureDatabase } from './data-source.factory';

export interface DatabaseLocation {
  url: string;
  /** Stops the embedded server, if this process started one. */
  stop: () => Promise<void>;
  embedded: boolean;
}

/** DATABASE_URL wins; without it the app runs a real embedded PostgreSQL under the data dir. */
export async function locateDatabase(databaseUrl: string | undefined, dataDir: string, logger: Logger): Promise<DatabaseLocation> {
  if (databaseUrl) return { url: databaseUrl, stop: async () => undefined, embedded: false };
  const pgDir = join(dataDir, 'pg');
  logger.info({ dataDir: pgDir }, 'DATABASE_URL is not set: starting embedded PostgreSQL');
  const handle: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir: pgDir, onLog: (line) => logger.trace({ pg: line.trim() }) });
  await ensureDatabase(handle.url('postgres'), 'astrolabe');
  return { url: handle.url('astrolabe'), stop: () => handle.stop(), embedded: true };
}
