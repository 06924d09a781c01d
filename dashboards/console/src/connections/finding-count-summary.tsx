import type { FindingCounts } from '@astrolabe/api-contract';

export function FindingCountSummary({ counts }: { counts: FindingCounts | null }) {
  if (!counts) return <span className="muted">—</span>;
  return (
    <span className="count-summary" data-testid="run-finding-counts">
      <span className={counts.fail ? 'num num-bad' : 'num num-zero'}>{counts.fail} fail</span>
      <span className={counts.unknown ? 'num num-unknown' : 'num num-zero'}>{counts.unknown} unknown</span>
      <span className={counts.pass ? 'num num-good' : 'num num-zero'}>{counts.pass} pass</span>
    </span>
  );
}
