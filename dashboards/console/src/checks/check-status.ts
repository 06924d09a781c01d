import type { CheckView } from '@astrolabe/api-contract';
import { SEVERITY_RANK } from '../components/severity-badge';

/** What a check says overall, worst first: one failing resource makes the check failing. */
export type CheckOutcome = 'failing' | 'unknown' | 'passing' | 'not_applicable' | 'not_evaluated';

export function checkOutcome(c: Pick<CheckView, 'counts'>): CheckOutcome {
  const { fail, unknown, pass, not_applicable } = c.counts;
  if (fail > 0) return 'failing';
  if (unknown > 0) return 'unknown';
  if (pass > 0) return 'passing';
  if (not_applicable > 0) return 'not_applicable';
  return 'not_evaluated';
}

const OUTCOME_RANK: Record<CheckOutcome, number> = { failing: 0, unknown: 1, not_evaluated: 2, passing: 3, not_applicable: 4 };

/** Failing first, then by severity, then by how many resources fail or are unknown. */
export function sortChecksWorstFirst(checks: readonly CheckView[]): CheckView[] {
  return [...checks].sort(
    (a, b) =>
      OUTCOME_RANK[checkOutcome(a)] - OUTCOME_RANK[checkOutcome(b)] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      b.counts.fail - a.counts.fail ||
      b.counts.unknown - a.counts.unknown ||
      a.title.localeCompare(b.title),
  );
}
