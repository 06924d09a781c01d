import type { AuditBreakReason, AuditEntry, AuditVerification } from '@astrolabe/api-contract';
import { computeAuditHash, GENESIS_HASH } from './audit-hash';

export interface AuditBreak {
  firstBrokenSeq: number;
  reason: AuditBreakReason;
  row: AuditEntry;
}

/**
 * Checks one chain row by row, in seq order, holding only the previous row's seq and hash, so a
 * chain of millions of rows is verified in constant memory. For each row, in this order:
 * - its seq is the previous seq + 1 (the first is 1), else a row is missing (or out of place);
 * - its prev_hash is the previous row's stored hash (GENESIS_HASH for the first);
 * - its hash is what its content hashes to (auditHashContent).
 * The first failure is the first broken link: every row before it is intact.
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private verified = 0;
  private broken: AuditBreak | null = null;

  /** Feeds the next row; returns the break once found (and keeps returning it). */
  check(row: AuditEntry): AuditBreak | null {
    if (this.broken) return this.broken;
    if (row.seq > this.expectedSeq) return this.fail(this.expectedSeq, 'missing row (seq gap)', row);
    // A seq already seen (only possible with the unique index dropped): it cannot link here.
    if (row.seq < this.expectedSeq) return this.fail(row.seq, 'prev_hash does not link', row);
    if (row.prevHash !== this.prevHash) return this.fail(row.seq, 'prev_hash does not link', row);
    if (computeAuditHash(row) !== row.hash) return this.fail(row.seq, 'hash mismatch', row);
    this.verified += 1;
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
    return null;
  }

  verdict(): AuditVerification {
    if (this.broken) return { intact: false, rows: this.verified, ...this.broken };
    return { intact: true, rows: this.verified, headSeq: this.verified > 0 ? this.expectedSeq - 1 : null, headHash: this.verified > 0 ? this.prevHash : null };
  }

  private fail(firstBrokenSeq: number, reason: AuditBreakReason, row: AuditEntry): AuditBreak {
    this.broken = { firstBrokenSeq, reason, row };
    return this.broken;
  }
}

/** Rows of one chain with seq > afterSeq, ascending, at most `limit`. */
export type AuditBatchReader = (afterSeq: number, limit: number) => Promise<AuditEntry[]>;

export const AUDIT_VERIFY_BATCH = 5_000;

/**
 * Walks a whole chain batch by batch (keyset on seq) and stops at the first broken link. Each
 * batch is its own read: rows are immutable and appends only add higher seqs, so the walk sees
 * a consistent prefix of the chain even while it grows.
 */
export async function verifyAuditChain(readBatch: AuditBatchReader, batchSize = AUDIT_VERIFY_BATCH): Promise<AuditVerification> {
  const verifier = new AuditChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await readBatch(after, batchSize);
    for (const row of rows) if (verifier.check(row)) return verifier.verdict();
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return verifier.verdict();
    after = last.seq;
  }
}

/** The same walk over rows already in memory (tests, exported files). */
export function verifyAuditRows(rows: Iterable<AuditEntry>): AuditVerification {
  const verifier = new AuditChainVerifier();
  for (const row of rows) if (verifier.check(row)) break;
  return verifier.verdict();
}
