import { AWS_IAM_KINDS, accountSummarySchema, type EvidenceSet } from '@astrolabe/core';
import { readSingle } from '../shared/evidence';

export type SummaryFlag = { ok: true; value: boolean; count: number; hash: string } | { ok: false; reason: string; evidence: string[] };

/**
 * Reads a 0/1 entry of GetAccountSummary (`AccountMFAEnabled`, `AccountAccessKeysPresent`).
 * A missing key means AWS did not tell us, so the caller answers `unknown`, never assumes 0.
 */
export function readSummaryFlag(evidence: EvidenceSet, key: string): SummaryFlag {
  const summary = readSingle(evidence, AWS_IAM_KINDS.accountSummary, accountSummarySchema, 'account summary');
  if (!summary.ok) return summary;
  const count = summary.data.summaryMap[key];
  if (count === undefined) {
    return { ok: false, reason: `The account summary has no ${key} entry, so AWS did not say; re-run the collection.`, evidence: [summary.item.hash] };
  }
  return { ok: true, value: count > 0, count, hash: summary.item.hash };
}
