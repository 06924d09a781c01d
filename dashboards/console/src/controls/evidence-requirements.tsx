import type { ControlDetail } from '@astrolabe/api-contract';
import { EvidenceStatePill } from '../components/status-pill';
import { formatDay, formatDueDay } from '../lib/days';

function cadence(days: number): string {
  if (days % 365 === 0) return days === 365 ? 'yearly' : `every ${days / 365} years`;
  if (days >= 89 && days <= 92) return 'quarterly';
  if (days >= 28 && days <= 31) return 'monthly';
  return `every ${days} days`;
}

/** What manual evidence the control needs, how fresh each is, and when the next is due. */
/** Without `onUpload` (a role that may not upload) the rows have no Upload button. */
export function EvidenceRequirements({ control, onUpload }: { control: ControlDetail; onUpload: ((requirementId: string) => void) | undefined }) {
  return (
    <ul className="evidence-requirements" data-testid="evidence-requirements">
      {control.evidence.map((e) => (
        <li key={e.id} data-testid={`evidence-requirement-${e.id}`} data-state={e.state}>
          <div className="min-w-0">
            <div className="evidence-requirement-head">
              <span className="cell-title">{e.title}</span>
              <EvidenceStatePill state={e.state} />
            </div>
            <p className="evidence-requirement-desc">{e.description}</p>
            <p className="small muted">
              Needed {cadence(e.cadenceDays)} ·{' '}
              {e.latest ? (
                <>
                  latest effective {formatDay(e.latest.effectiveOn)} ·{' '}
                  <span className={e.state === 'overdue' ? 'text-bad' : e.state === 'due_soon' ? 'text-warn' : undefined} data-testid="evidence-due-at">
                    {e.state === 'overdue' ? 'was due' : 'next due'} {formatDueDay(e.dueAt)}
                  </span>
                </>
              ) : (
                <span className="text-warn">nothing uploaded yet</span>
              )}
            </p>
          </div>
          {onUpload && (
            <button type="button" className="btn btn-small" onClick={() => onUpload(e.id)} data-testid={`evidence-upload-${e.id}`}>
              Upload
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
