import type { ExceptionView, FindingView } from '@astrolabe/api-contract';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExceptionRequestForm } from '../exceptions/exception-request-form';
import { formatDueDay } from '../lib/days';
import { useMay } from '../members/permissions';

/**
 * "Accept risk…" on a failing finding: a time-boxed exception for this one resource, decided by a
 * lead other than the requester. Once asked, says so and links to the request.
 */
export function FindingException({ finding, onRequested }: { finding: FindingView; onRequested?: (x: ExceptionView) => void }) {
  const [requesting, setRequesting] = useState(false);
  const [requested, setRequested] = useState<ExceptionView | null>(null);
  const mayRequest = useMay('exceptions.request');

  if (requested) {
    return (
      <div className="alert alert-success" role="status" data-testid="finding-exception-requested" data-exception={requested.id}>
        <div>
          Exception requested until {formatDueDay(requested.expiresAt)}; a lead other than you decides.{' '}
          <Link to={`/exceptions?state=requested&focus=${encodeURIComponent(requested.id)}`}>Open the request</Link>
        </div>
      </div>
    );
  }
  if (!mayRequest) return null;
  if (requesting) {
    return (
      <ExceptionRequestForm
        target={{ scope: 'finding', checkId: finding.checkId, resourceId: finding.resource.id }}
        onCancel={() => setRequesting(false)}
        onRequested={(x) => {
          setRequesting(false);
          setRequested(x);
          onRequested?.(x);
        }}
      />
    );
  }
  return (
    <div className="finding-actions">
      <button type="button" className="btn btn-small" onClick={() => setRequesting(true)} data-testid="accept-risk">
        Accept risk…
      </button>
      <span className="muted small">Can’t fix it for now? Ask for a time-boxed exception for this resource only.</span>
    </div>
  );
}
