import { DataSource, type DataSourceOptions, type QueryRunner, type ReplicationMode } from 'typeorm';
import type { TenantContext } from '../platform/tenant-context';

/** The setting the row-level security policies read (migration 1732800000000-row-level-security). */
export const TENANT_SETTING = 'astrolabe.workspace_id';

/** TypeORM's QueryRunner.query without its overloads: the third argument asks for a QueryResult. */
type RawQuery = (sql: string, parameters?: unknown[], useStructuredResult?: boolean) => Promise<unknown>;
type IsolationLevel = Parameters<QueryRunner['startTransaction']>[0];

/**
 * The app's DataSource: every query it runs carries the current workspace (TenantContext) as the
 * transaction-local setting `astrolabe.workspace_id`, so row-level security shows and accepts that
 * workspace's rows only. Repositories keep filtering by workspace_id themselves; this is the second
 * wall, for the query that forgets to.
 *
 * Every path of TypeORM to the database (DataSource.query, transaction, getRepository().find/update/
 * save, query builders, EntityManager.query) obtains its QueryRunner from createQueryRunner, so the
 * hook sits there. With no workspace in context queries run unchanged, and see no workspace rows.
 */
export class TenantDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly tenant: TenantContext,
  ) {
    super(options);
  }

  override createQueryRunner(mode: ReplicationMode = 'master'): QueryRunner {
    const runner = super.createQueryRunner(mode);
    scopeToTenant(runner, this.tenant);
    return runner;
  }
}

/**
 * Wraps one QueryRunner (one pooled connection while it is held):
 *
 * - startTransaction: after TypeORM's START TRANSACTION (and isolation level), set the workspace
 *   for the transaction. Savepoints (nested transactions) inherit it.
 * - query outside a transaction, with a workspace: run it as its own transaction, the setting
 *   first, so it is never left on the connection: `set_config(…, true)` ends with COMMIT or
 *   ROLLBACK, and the next borrower of the pooled connection starts clean whatever happened.
 *
 * Queries TypeORM issues inside startTransaction/commit/rollback see isTransactionActive already
 * true and pass straight through (it sets the flag before sending START TRANSACTION).
 */
function scopeToTenant(runner: QueryRunner, tenant: TenantContext): void {
  const query = runner.query.bind(runner) as RawQuery;
  const startTransaction = runner.startTransaction.bind(runner);

  const scopedQuery: RawQuery = async (sql, parameters, useStructuredResult) => {
    const workspaceId = tenant.workspaceId();
    if (workspaceId === null || runner.isTransactionActive) return query(sql, parameters, useStructuredResult);
    // One round trip for both statements (simple protocol, no parameters): the id is inlined,
    // which TenantContext allows only for a canonical uuid.
    await query(`START TRANSACTION; SELECT set_config('${TENANT_SETTING}', '${workspaceId}', true)`);
    try {
      const result = await query(sql, parameters, useStructuredResult);
      await query('COMMIT');
      return result;
    } catch (err) {
      // After a failed COMMIT there is no transaction left and ROLLBACK only warns. If ROLLBACK
      // itself fails the connection is broken, and TypeORM's error listener discards it.
      await query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  };

  const scopedStartTransaction = async (isolationLevel?: IsolationLevel): Promise<void> => {
    const outermost = !runner.isTransactionActive;
    await startTransaction(isolationLevel);
    const workspaceId = tenant.workspaceId();
    if (outermost && workspaceId !== null) await query('SELECT set_config($1, $2, true)', [TENANT_SETTING, workspaceId]);
  };

  // Own properties shadow the prototype's methods, so TypeORM's internal `this.query(...)` calls
  // (startTransaction, commit, EntityManager) go through the wrapper too.
  Object.assign(runner, { query: scopedQuery, startTransaction: scopedStartTransaction });
}
