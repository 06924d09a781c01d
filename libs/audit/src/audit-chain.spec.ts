import { createHash } from 'node:crypto';
import type { AuditEntry } from '@astrolabe/api-contract';
import { describe, expect, it } from 'vitest';
import { AuditChainVerifier, verifyAuditChain, verifyAuditRows } from './audit-chain';
import { auditTimestamp, computeAuditHash, GENESIS_HASH, type AuditRowContent } from './audit-hash';

const WS = '6d1f4c1e-0c52-4d35-a8b4-2f3f8b1f0a11';

function chain(n: number): AuditEntry[] {
  const rows: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: AuditRowContent = {
      workspaceId: WS,
      seq,
      at: auditTimestamp(new Date(Date.UTC(2025, 0, 1, 0, 0, seq))),
      actorType: 'member',
      actorId: 'b7e0c0de-0000-4000-8000-000000000001',
      actorLabel: 'Lena Lead',
      action: seq % 2 ? 'exception.approve' : 'control.update',
      targetType: 'exception',
      targetId: `x-${seq}`,
      sourceIp: '127.0.0.1',
      outcome: 'success',
      statusCode: 200,
      details: { state: 'active', n: seq },
      prevHash,
    };
    const row = { ...content, hash: computeAuditHash(content) };
    rows.push(row);
    prevHash = row.hash;
  }
  return rows;
}

/** Recomputes a row's hash after tampering, as an attacker with write access would. */
const rehash = (row: AuditEntry): AuditEntry => ({ ...row, hash: computeAuditHash(row) });

describe('audit row hash', () => {
  it('is sha256(prev_hash || RFC 8785 canonical JSON of every column but id and hash), as documented', () => {
    const row = chain(1)[0]!;
    const canonical =
      '{"action":"exception.approve","actor_id":"b7e0c0de-0000-4000-8000-000000000001","actor_label":"Lena Lead","actor_type":"member",' +
      '"at":"2025-01-01T00:00:01.000000Z","details":{"n":1,"state":"active"},"outcome":"success","prev_hash":"' +
      GENESIS_HASH +
      '","seq":1,"source_ip":"127.0.0.1","status_code":200,"target_id":"x-1","target_type":"exception","workspace_id":"' +
      WS +
      '"}';
    expect(row.hash).toBe(createHash('sha256').update(GENESIS_HASH + canonical, 'utf8').digest('hex'));
  });

  it('writes timestamps with PostgreSQL’s six fractional digits', () => {
    expect(auditTimestamp(new Date('2025-03-04T05:06:07.891Z'))).toBe('2025-03-04T05:06:07.891000Z');
  });
});

describe('audit chain verification', () => {
  it('reports an intact chain with its row count and head', () => {
    const rows = chain(5);
    expect(verifyAuditRows(rows)).toEqual({ intact: true, rows: 5, headSeq: 5, headHash: rows[4]!.hash });
  });

  it('calls an empty chain intact', () => {
    expect(verifyAuditRows([])).toEqual({ intact: true, rows: 0, headSeq: null, headHash: null });
  });

  it('pinpoints an altered row (hash mismatch) at its seq', () => {
    const rows = chain(6);
    rows[3] = { ...rows[3]!, action: 'exception.reject' };
    expect(verifyAuditRows(rows)).toMatchObject({ intact: false, rows: 3, firstBrokenSeq: 4, reason: 'hash mismatch', row: { seq: 4, action: 'exception.reject' } });
  });

  it('sees a change of a single microsecond or of a nested detail', () => {
    const a = chain(3);
    a[1] = { ...a[1]!, at: a[1]!.at.replace('000Z', '001Z') };
    expect(verifyAuditRows(a)).toMatchObject({ intact: false, firstBrokenSeq: 2, reason: 'hash mismatch' });
    const b = chain(3);
    b[2] = { ...b[2]!, details: { ...b[2]!.details, state: 'rejected' } };
    expect(verifyAuditRows(b)).toMatchObject({ intact: false, firstBrokenSeq: 3, reason: 'hash mismatch' });
  });

  it('catches a re-hashed forgery at the next row, whose prev_hash no longer links', () => {
    const rows = chain(6);
    rows[2] = rehash({ ...rows[2]!, outcome: 'denied' });
    expect(verifyAuditRows(rows)).toMatchObject({ intact: false, rows: 3, firstBrokenSeq: 4, reason: 'prev_hash does not link' });
  });

  it('pinpoints a deleted row as a seq gap', () => {
    const rows = chain(6);
    rows.splice(2, 1);
    expect(verifyAuditRows(rows)).toMatchObject({ intact: false, rows: 2, firstBrokenSeq: 3, reason: 'missing row (seq gap)', row: { seq: 4 } });
  });

  it('pinpoints a deleted first row', () => {
    expect(verifyAuditRows(chain(3).slice(1))).toMatchObject({ intact: false, rows: 0, firstBrokenSeq: 1, reason: 'missing row (seq gap)' });
  });

  it('pinpoints two rows that swapped places (their seq values exchanged)', () => {
    const rows = chain(6);
    const [r2, r4] = [rows[1]!, rows[3]!];
    rows[1] = { ...r4, seq: 2 };
    rows[3] = { ...r2, seq: 4 };
    expect(verifyAuditRows(rows)).toMatchObject({ intact: false, rows: 1, firstBrokenSeq: 2, reason: 'prev_hash does not link' });
  });

  it('pinpoints a swap even when the forger re-links and re-hashes the moved rows, from the first row they did not rewrite', () => {
    const rows = chain(5);
    // Swap rows 2 and 3 and rebuild their links and hashes: row 4 still points at the old row 3.
    const moved3 = rehash({ ...rows[1]!, seq: 3, prevHash: 'x' });
    const moved2 = rehash({ ...rows[2]!, seq: 2, prevHash: rows[0]!.hash });
    const relinked3 = rehash({ ...moved3, prevHash: moved2.hash });
    const forged = [rows[0]!, moved2, relinked3, rows[3]!, rows[4]!];
    expect(verifyAuditRows(forged)).toMatchObject({ intact: false, firstBrokenSeq: 4, reason: 'prev_hash does not link' });
  });

  it('reports a duplicated seq as a row that does not link', () => {
    const rows = chain(3);
    const forged = [rows[0]!, rows[1]!, rows[1]!, rows[2]!];
    expect(verifyAuditRows(forged)).toMatchObject({ intact: false, rows: 2, firstBrokenSeq: 2, reason: 'prev_hash does not link' });
  });

  it('keeps reporting the first break once found', () => {
    const rows = chain(4);
    const v = new AuditChainVerifier();
    v.check(rows[0]!);
    expect(v.check({ ...rows[1]!, actorLabel: 'Mallory' })).toMatchObject({ firstBrokenSeq: 2 });
    expect(v.check(rows[3]!)).toMatchObject({ firstBrokenSeq: 2 });
  });

  it('walks a long chain in keyset batches and finds a break past the first batch', async () => {
    const rows = chain(23);
    const reads: number[] = [];
    const reader = async (afterSeq: number, limit: number) => {
      reads.push(afterSeq);
      return rows.filter((r) => r.seq > afterSeq).slice(0, limit);
    };
    expect(await verifyAuditChain(reader, 5)).toMatchObject({ intact: true, rows: 23, headSeq: 23 });
    expect(reads).toEqual([0, 5, 10, 15, 20]);

    rows[16] = { ...rows[16]!, targetId: 'someone-else' };
    reads.length = 0;
    expect(await verifyAuditChain(reader, 5)).toMatchObject({ intact: false, rows: 16, firstBrokenSeq: 17, reason: 'hash mismatch' });
    expect(reads).toEqual([0, 5, 10, 15]);
  });
});
