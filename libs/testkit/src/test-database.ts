import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Clones `template` (created once per run by `migrate`, under an advisory lock so parallel
 * test files do not race) into a fresh database for one test file.
 */
export async function createTestDatabase(maintenanceUrl: string, template: string, migrate: (url: string) => Promise<void>): Promise<TestDatabase> {
  const admin = new Client({ connectionString: maintenanceUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(4242)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${template}"`);
      await migrate(withDatabase(maintenanceUrl, template));
    }
    const name = `t_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    return {
      name,
      url: withDatabase(maintenanceUrl, name),
      drop: async () => {
        const c = new Client({ connectionString: maintenanceUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  } finally {
    await admin.query('SELECT pg_advisory_unlock(4242)').catch(() => undefined);
    await admin.end();
  }
}
