import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring counts findings per (connection, check, status) on every re-score. This index answers
 * that with an index-only scan: thanks to B-tree deduplication it is a few MB for a million
 * findings (the heap is hundreds), and it never holds resource ids.
 */
export class FindingCountsIndex1732460000000 implements MigrationInterface {
  name = 'FindingCountsIndex1732460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX finding_counts ON finding (workspace_id, connection_id, check_id, status)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX finding_counts');
  }
}
