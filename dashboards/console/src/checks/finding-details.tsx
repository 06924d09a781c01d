import type { CheckView, ExceptionView, FindingView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { CopyButton } from '../components/copy-button';
import { TimeAgo } from '../components/time-ago';
import { formatDate, plural, shortHash } from '../lib/format';
import { useMay } from '../members/permissions';
import { exceptionHref } from './finding-due';
import { FindingException } from './finding-exception';
import { RemediationPanel } from './remediation-panel';

function EvidenceLinks({ hashes }: { hashes: string[] }) {
  const mayRead = useMay('evidence.read');
  if (hashes.length === 0) return <span className="muted">No evidence item: nothing could be observed.</span>;
  // A viewer sees results, not the raw evidence behind them.
  if (!mayRead) return <span className="muted">{plural(hashes.length, 'evidence item')} (your role does not open raw evidence)</span>;
  return (
    <ul className="hash-list" data-testid="evidence-links">
      {hashes.map((h) => (
        <li key={h}>
          <Link to={`/evidence/${encodeURIComponent(h)}`} className="mono" title={h}>
            {shortHash(h)}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** A failing finding's deadline (the workspace SLA for its severity), or the exception accepting it. */
function Deadline({ finding: f }: { finding: FindingView }) {
  if (f.exceptionId) {
    return (
      <div>
        <dt>Exception</dt>
        <dd>
          <Link to={exceptionHref(f.exceptionId)} className="marker marker-info" data-testid="finding-exception">
            Excepted
          </Link>{' '}
          <span className="muted small">accepted for now</span>
        </dd>
      </div>
    );
  }
  if (!f.dueAt) return null;
  return (
    <div>
      <dt>Remediation due</dt>
      <dd data-testid="finding-due-at" data-overdue={String(f.overdue)}>
        {formatDate(f.dueAt)} {f.overdue && <span className="marker marker-bad">Overdue</span>}
      </dd>
    </div>
  );
}

interface Props {
  finding: FindingView;
  check: CheckView;
  /** Called after "Accept risk…" requested an exception for this finding. */
  onExceptionRequested?: (x: ExceptionView) => void;
}

/** The opened resource: why it has this status, what the verdict rests on, and what to do next. */
export function FindingDetails({ finding, check, onExceptionRequested }: Props) {
  return (
    <div className="finding-details" data-testid="finding-details">
      <dl className="facts facts-3">
        <div className="facts-wide">
          <dt>Reason</dt>
          <dd data-testid="finding-reason">{finding.reason}</dd>
        </div>
        <div className="facts-wide">
          <dt>Resource</dt>
          <dd className="resource-id">
            <code>{finding.resource.id}</code>
            <CopyButton text={finding.resource.id} label="Copy ARN" />
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{finding.resource.type}</dd>
        </div>
        <div>
          <dt>In this state since</dt>
          <dd>
            <TimeAgo iso={finding.statusSince} />
          </dd>
        </div>
        <div>
          <dt>Last observed</dt>
          <dd>
            <TimeAgo iso={finding.lastSeenAt} />
          </dd>
        </div>
        <Deadline finding={finding} />
        <div className="facts-wide">
          <dt>Evidence</dt>
          <dd>
            <EvidenceLinks hashes={finding.evidence} />
          </dd>
        </div>
      </dl>
      {finding.status === 'fail' && !finding.exceptionId && <FindingException finding={finding} onRequested={onExceptionRequested} />}
      {finding.status === 'fail' && <RemediationPanel remediation={check.remediation} />}
      {finding.status === 'unknown' && (
        <div className="alert alert-unknown">
          Astrolabe could not assess this resource, so it is neither passing nor failing. Fix collection on the{' '}
          <Link to={`/connections/${finding.connectionId}`}>connection</Link>, then run it again.
        </div>
      )}
    </div>
  );
}
