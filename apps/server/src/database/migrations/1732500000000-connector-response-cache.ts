import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Conditional-request validators per connection (GitHub ETags: a 304 costs no API quota), and
 * the provider quota each run used.
 */
export class ConnectorResponseCache1732500000000 implements MigrationInterface {
  name = 'ConnectorResponseCache1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connector_response_cache (
        workspace_id uuid NOT NULL REFERENCES workspace(id) ON DELETE CASCADE,
        connection_id uuid NOT NULL REFERENCES connection(id) ON DELETE CASCADE,
        key text NOT NULL,
        etag text NOT NULL,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (connection_id, key)
      );
      ALTER TABLE collection_run ADD COLUMN usage jsonb;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE collection_run DROP COLUMN usage; DROP TABLE connector_response_cache;');
  }
}
