import type { ControlView } from '@astrolabe/api-contract';
import { EvidenceStatePill } from '../components/status-pill';
import { formatDueDay } from '../lib/days';
import { mostUrgentEvidence } from './evidence-summary';

/** Controls-table cell: the most urgent manual evidence requirement, with its due date. */
export function EvidenceDueCell({ control }: { control: ControlView }) {
  const e = mostUrgentEvidence(control);
  if (!e) return <span className="muted small">No manual evidence</span>;
  const more = control.evidence.length - 1;
  return (
    <div className="evidence-due" data-testid="evidence-due" data-state={e.state}>
      <EvidenceStatePill state={e.state} />
      <span className={`small nowrap ${e.state === 'overdue' ? 'text-bad' : 'muted'}`} title={e.title}>
        {e.dueAt ? `${e.state === 'overdue' ? 'was due' : 'due'} ${formatDueDay(e.dueAt)}` : 'not yet provided'}
        {more > 0 && ` · +${more}`}
      </span>
    </div>
  );
}
