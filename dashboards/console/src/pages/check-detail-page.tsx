import type { CheckView } from '@astrolabe/api-contract';
import { useParams, useSearchParams } from 'react-router';
import { api, type FindingStatus } from '../api/client';
import { useResource } from '../api/use-resource';
import { CheckFacts } from '../checks/check-facts';
import { CheckOutcomePill } from '../checks/check-outcome-pill';
import { checkOutcome } from '../checks/check-status';
import { FindingTable } from '../checks/finding-table';
import { useFindings } from '../checks/use-findings';
import { FilterTabs, type FilterTab } from '../components/filter-tabs';
import { EmptyState, ErrorState, LoadingState, ProblemAlert } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { ConnectorBadge } from '../connections/connector-badge';
import { useConnectorTitles } from '../connections/use-connectors';
import { SeverityBadge } from '../components/severity-badge';
import { useWorkspace } from '../workspace/workspace-context';

const STATUSES: readonly FindingStatus[] = ['fail', 'unknown', 'pass', 'not_applicable'];

const EMPTY_TEXT: Record<FindingStatus, string> = {
  fail: 'No resource fails this check.',
  unknown: 'Every resource could be assessed.',
  pass: 'No resource passes this check yet.',
  not_applicable: 'The check applies to every resource it saw.',
};

/** Open on the tab that needs attention: failing first, then unknown. */
function defaultStatus(check: CheckView): FindingStatus {
  return STATUSES.find((s) => check.counts[s] > 0) ?? 'fail';
}

function FindingsSection({ check }: { check: CheckView }) {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: FindingStatus = STATUSES.find((s) => s === raw) ?? defaultStatus(check);
  const findings = useFindings(workspace.id, { checkId: check.id, status });

  const tabs: FilterTab<FindingStatus>[] = [
    { value: 'fail', label: 'Failing', count: check.counts.fail, tone: 'bad' },
    { value: 'unknown', label: 'Unknown', count: check.counts.unknown, tone: 'unknown' },
    { value: 'pass', label: 'Passing', count: check.counts.pass, tone: 'good' },
    { value: 'not_applicable', label: 'N/A', count: check.counts.not_applicable, tone: 'muted' },
  ];

  return (
    <section className="card card-flush" data-testid="findings">
      <div className="card-head card-head-padded">
        <h2>Resources</h2>
        <FilterTabs tabs={tabs} value={status} label="Filter resources by status" testId="finding-filter" onChange={(v) => setParams({ status: v }, { replace: true })} />
      </div>
      {findings.error && (
        <div className="card-pad">
          <ProblemAlert error={findings.error} onRetry={findings.reload} />
        </div>
      )}
      {findings.items.length > 0 && <FindingTable findings={findings.items} check={check} />}
      {findings.loading && <LoadingState label="Loading resources" />}
      {!findings.loading && !findings.error && findings.items.length === 0 && <EmptyState title={EMPTY_TEXT[status]} />}
      {findings.hasMore && !findings.loading && (
        <div className="load-more">
          <button type="button" className="btn" onClick={findings.loadMore} data-testid="load-more">
            Load more
          </button>
        </div>
      )}
    </section>
  );
}

export function CheckDetailPage() {
  const { checkId = '' } = useParams();
  const { workspace } = useWorkspace();
  const check = useResource(`check:${workspace.id}:${checkId}`, (signal) => api.check(workspace.id, checkId, signal));
  const c = check.data;
  const titles = useConnectorTitles();

  return (
    <div className="page" data-testid="check-detail-page">
      <PageHeader
        crumbs={[{ label: 'Checks', to: '/checks' }]}
        title={c?.title ?? checkId}
        meta={
          c && (
            <>
              <SeverityBadge severity={c.severity} />
              <CheckOutcomePill outcome={checkOutcome(c)} />
              <ConnectorBadge connectorId={c.connector} title={titles.get(c.connector)} />
              <span className="mono muted">{c.id}</span>
            </>
          )
        }
      />
      {check.error && <ErrorState error={check.error} onRetry={check.reload} />}
      {!c && !check.error && <LoadingState label="Loading check" />}
      {c && (
        <>
          <div className="grid grid-main-side section">
            <section className="card">
              <h2 className="card-title-small">Why it matters</h2>
              <p className="rationale" data-testid="rationale">
                {c.rationale}
              </p>
              <h2 className="card-title-small spaced">How to fix</h2>
              <p className="rationale">{c.remediation.summary}</p>
              <p className="small muted">Open a failing resource below for console steps, the CLI command and Terraform.</p>
            </section>
            <CheckFacts check={c} />
          </div>
          <FindingsSection check={c} />
        </>
      )}
    </div>
  );
}
