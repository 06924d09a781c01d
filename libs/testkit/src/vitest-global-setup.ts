import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@astrolabe/embedded-pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the `postgres` maintenance database of the shared test cluster. */
    pgMaintenanceUrl: string;
  }
}

/**
 * One real PostgreSQL for the whole test run (unless DATABASE_URL points at one). Test files
 * get their own database cloned from a migrated template, so they never see each other's rows.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_MAINTENANCE_URL;
  if (external) {
    project.provide('pgMaintenanceUrl', external);
    return async () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'astrolabe-test-pg-'));
  // As root, PostgreSQL runs as a separate system user that must be able to enter this directory.
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), unsafeNoFsync: true });
  project.provide('pgMaintenanceUrl', pg.url('postgres'));
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
