import type { MyWork } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { EvidenceStatePill } from '../components/status-pill';
import { formatDueDay } from '../lib/days';

export function MyWorkEvidence({ items }: { items: MyWork['evidenceDue'] }) {
  if (items.length === 0) return <p className="muted">No evidence of yours is due.</p>;
  return (
    <ul className="work-list" data-testid="my-work-evidence">
      {items.map((e) => (
        <li key={`${e.controlId}:${e.requirement.id}`} data-testid={`my-work-evidence-${e.controlId}`} data-state={e.requirement.state}>
          <EvidenceStatePill state={e.requirement.state} />
          <div className="min-w-0">
            <Link to={`/controls/${encodeURIComponent(e.controlId)}`} className="work-title">
              {e.requirement.title}
            </Link>
            <div className="cell-sub truncate">{e.controlTitle}</div>
          </div>
          <span className={`small nowrap ${e.requirement.state === 'overdue' ? 'text-bad' : 'muted'}`}>
            {e.requirement.dueAt ? `${e.requirement.state === 'overdue' ? 'was due' : 'due'} ${formatDueDay(e.requirement.dueAt)}` : 'never provided'}
          </span>
        </li>
      ))}
    </ul>
  );
}
