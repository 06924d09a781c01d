import type { CheckView, FindingView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { CopyButton } from '../components/copy-button';
import { TimeAgo } from '../components/time-ago';
import { shortHash } from '../lib/format';
import { RemediationPanel } from './remediation-panel';

function EvidenceLinks({ hashes }: { hashes: string[] }) {
  if (hashes.length === 0) return <span className="muted">No evidence item: nothing could be observed.</span>;
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

/** The opened resource: why it has this status, what the verdict rests on, and what to do next. */
export function FindingDetails({ finding, check }: { finding: FindingView; check: CheckView }) {
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
        <div className="facts-wide">
          <dt>Evidence</dt>
          <dd>
            <EvidenceLinks hashes={finding.evidence} />
          </dd>
        </div>
      </dl>
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
