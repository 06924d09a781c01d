import type { CheckView, ExceptionView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { CheckOutcomePill } from '../checks/check-outcome-pill';
import { checkOutcome } from '../checks/check-status';
import { FindingTable } from '../checks/finding-table';
import { useFindings } from '../checks/use-findings';
import { EmptyState, LoadingState, ProblemAlert } from '../components/page-state';
import { SeverityBadge } from '../components/severity-badge';
import { useWorkspace } from '../workspace/workspace-context';

/** One check of a control, with the resources that fail it (open one for reason, evidence and remediation). */
interface Props {
  controlId: string;
  check: CheckView;
  onExceptionRequested?: (x: ExceptionView) => void;
}

export function ControlCheckFindings({ controlId, check, onExceptionRequested }: Props) {
  const { workspace } = useWorkspace();
  const findings = useFindings(workspace.id, { controlId, checkId: check.id, status: 'fail' });
  return (
    <section className="card card-flush" data-testid={`control-check-${check.id}`}>
      <div className="card-head card-head-padded">
        <div className="min-w-0">
          <Link to={`/checks/${encodeURIComponent(check.id)}`} className="cell-title">
            {check.title}
          </Link>
          <div className="cell-sub cell-sub-refs">
            <SeverityBadge severity={check.severity} />
            <span className="mono">{check.id}</span>
          </div>
        </div>
        <div className="check-head-side">
          <span className="count-summary">
            <span className={check.counts.fail ? 'num num-bad' : 'num num-zero'}>{check.counts.fail} failing</span>
            <span className={check.counts.unknown ? 'num num-unknown' : 'num num-zero'}>{check.counts.unknown} unknown</span>
            <span className={check.counts.pass ? 'num num-good' : 'num num-zero'}>{check.counts.pass} passing</span>
          </span>
          <CheckOutcomePill outcome={checkOutcome(check)} />
        </div>
      </div>
      {findings.error && (
        <div className="card-pad">
          <ProblemAlert error={findings.error} onRetry={findings.reload} />
        </div>
      )}
      {findings.items.length > 0 && <FindingTable findings={findings.items} check={check} onExceptionRequested={onExceptionRequested} />}
      {findings.loading && <LoadingState label="Loading failing resources" />}
      {!findings.loading && !findings.error && findings.items.length === 0 && (
        <EmptyState title="No resource fails this check">{check.counts.unknown > 0 && 'Some resources could not be assessed: see the check.'}</EmptyState>
      )}
      {findings.hasMore && !findings.loading && (
        <div className="load-more">
          <button type="button" className="btn" onClick={findings.loadMore}>
            Load more
          </button>
        </div>
      )}
    </section>
  );
}
