import type { FindingView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { formatDate } from '../lib/format';

export const exceptionHref = (exceptionId: string) => `/exceptions?focus=${encodeURIComponent(exceptionId)}`;

/**
 * Under a finding's status: "Excepted" (linking to the approved exception), "Overdue" past the
 * remediation deadline of the workspace SLA, or the deadline itself.
 */
export function FindingDueMarker({ finding: f }: { finding: FindingView }) {
  if (f.exceptionId) {
    return (
      <div className="cell-sub">
        <Link to={exceptionHref(f.exceptionId)} className="marker marker-info" data-testid="finding-excepted" title="An approved exception accepts this failure" onClick={(e) => e.stopPropagation()}>
          Excepted
        </Link>
      </div>
    );
  }
  if (!f.dueAt) return null;
  return (
    <div className="cell-sub nowrap" data-testid="finding-due" data-overdue={String(f.overdue)} title={`Remediation ${f.overdue ? 'was' : 'is'} due ${formatDate(f.dueAt)} (workspace SLA)`}>
      {f.overdue ? <span className="marker marker-bad">Overdue</span> : `due ${formatDate(f.dueAt)}`}
    </div>
  );
}
