import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { TenantContext } from '../platform/tenant-context';
import { appRolePassword, assertBypassesRowLevelSecurity, assertConfinedByRowLevelSecurity, ensureAppLogin, withLogin } from './app-role';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { TenantDataSource } from './tenant-data-source';

function options(url: string, poolSize: number): DataSourceOptions {
  return { type: 'postgres', url, entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false, extra: { max: poolSize } };
}

/** Opens TypeORM on `url` and applies checked-in migrations (never `synchronize`). */
export async function openDataSource(url: string, poolSize = 10): Promise<DataSource> {
  const ds = new DataSource(options(url, poolSize));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

export interface ServerDatabases {
  /** The schema owner: migrations, then SystemDb's few cross-workspace lookups. Small pool. */
  owner: DataSource;
  /** Everything else, as a login that row-level security confines to the current workspace. */
  app: DataSource;
}

/** Owner connections: migrations at start, then only SystemDb's handful of lookups. */
const OWNER_POOL_SIZE = 3;

/**
 * Opens a server's two connections. The owner migrates; the app login is `appUrl` when the
 * operator gives one (ASTROLABE_APP_DATABASE_URL), else this database's own login, created or
 * updated by the owner with a password derived from the master key. Either way the server refuses
 * to start if the app login could bypass row-level security, or the owner could not.
 */
export async function openServerDatabases(ownerUrl: string, appUrl: string | undefined, masterKey: Buffer, tenant: TenantContext, poolSize = 10): Promise<ServerDatabases> {
  const owner = await openDataSource(ownerUrl, OWNER_POOL_SIZE);
  try {
    await assertBypassesRowLevelSecurity(owner);
    let url = appUrl;
    if (url === undefined) {
      const password = appRolePassword(masterKey);
      url = withLogin(ownerUrl, await ensureAppLogin(owner, password), password);
    }
    const app = new TenantDataSource(options(url, poolSize), tenant);
    await app.initialize();
    try {
      await assertConfinedByRowLevelSecurity(app);
    } catch (err) {
      await app.destroy();
      throw err;
    }
    return { owner, app };
  } catch (err) {
    await owner.destroy();
    throw err;
  }
}

/** CREATE DATABASE if missing (embedded mode: the server owns the cluster). */
export async function ensureDatabase(maintenanceUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const tpl = template ? ` TEMPLATE "${template}"` : '';
      await client.query(`CREATE DATABASE "${name}"${tpl}`);
    }
  } finally {
    await client.end();
  }
}
