import type { FindingView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { SeverityBadge } from '../components/severity-badge';
import { TimeAgo } from '../components/time-ago';

export function MyWorkFindings({ findings }: { findings: FindingView[] }) {
  if (findings.length === 0) return <p className="muted">No failing finding of yours is past its remediation deadline.</p>;
  return (
    <ul className="work-list" data-testid="my-work-findings">
      {findings.map((f) => (
        <li key={f.id} data-testid="my-work-finding" data-resource={f.resource.id}>
          <SeverityBadge severity={f.severity} />
          <div className="min-w-0">
            <Link to={`/checks/${encodeURIComponent(f.checkId)}`} className="work-title">
              {f.checkTitle}
            </Link>
            <div className="cell-sub mono truncate" title={f.resource.id}>
              {f.resource.id}
            </div>
          </div>
          <span className="small nowrap text-bad">{f.dueAt ? <TimeAgo iso={f.dueAt} prefix="due " /> : 'overdue'}</span>
        </li>
      ))}
    </ul>
  );
}
