import type { ExceptionState, ExceptionView } from '@astrolabe/api-contract';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FilterTabs, type FilterTab } from '../components/filter-tabs';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { useControlTitles } from '../controls/use-control-titles';
import { ExceptionTable } from '../exceptions/exception-table';
import { useExceptions } from '../exceptions/use-exceptions';
import { useWorkspace } from '../workspace/workspace-context';

const TABS: FilterTab<ExceptionState>[] = [
  { value: 'requested', label: 'Awaiting decision', tone: 'warn' },
  { value: 'active', label: 'Active', tone: 'info' },
  { value: 'expired', label: 'Expired', tone: 'muted' },
  { value: 'rejected', label: 'Rejected', tone: 'bad' },
  { value: 'revoked', label: 'Revoked', tone: 'muted' },
];

const EMPTY: Record<ExceptionState, string> = {
  requested: 'No exception awaits a decision',
  active: 'No exception is active',
  expired: 'No exception has expired',
  rejected: 'No exception was rejected',
  revoked: 'No exception was revoked',
};

export function ExceptionsPage() {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const raw = params.get('state');
  const state = TABS.find((t) => t.value === raw)?.value ?? 'requested';
  const focus = params.get('focus');
  const exceptions = useExceptions(workspace.id, state);
  const titles = useControlTitles();
  const [decided, setDecided] = useState<ExceptionView | null>(null);
  const onChanged = (x: ExceptionView) => {
    setDecided(x);
    exceptions.reload();
  };

  return (
    <div className="page page-wide" data-testid="exceptions-page">
      <PageHeader
        title="Exceptions"
        subtitle="A time-boxed acceptance of a failing control or finding. A lead or above decides, never the requester; when it expires, what it covered fails again."
      />
      <div className="toolbar">
        <FilterTabs tabs={TABS} value={state} label="Exceptions by state" testId="exception-filter" onChange={(v) => setParams({ state: v }, { replace: true })} />
      </div>
      {decided && decided.state !== state && (
        <div className="alert alert-success" role="status" data-testid="exception-notice" data-state={decided.state}>
          <div>
            Exception for <strong>{decided.controlId ? (titles.get(decided.controlId) ?? decided.controlId) : decided.resourceId}</strong> is now {decided.state}.{' '}
            <Link to={`/exceptions?state=${decided.state}&focus=${decided.id}`} onClick={() => setDecided(null)}>
              Open it
            </Link>
          </div>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setDecided(null)}>
            Dismiss
          </button>
        </div>
      )}
      {exceptions.error && <ErrorState error={exceptions.error} onRetry={exceptions.reload} />}
      {exceptions.loading && exceptions.items.length === 0 && <LoadingState label="Loading exceptions" />}
      {!exceptions.loading && !exceptions.error && exceptions.items.length === 0 && <EmptyState title={EMPTY[state]} />}
      {exceptions.items.length > 0 && <ExceptionTable exceptions={exceptions.items} controlTitles={titles} focusId={focus} onChanged={onChanged} />}
      {exceptions.hasMore && (
        <div className="load-more">
          <button type="button" className="btn" onClick={exceptions.loadMore} disabled={exceptions.loading} data-testid="load-more">
            Load more
          </button>
        </div>
      )}
    </div>
  );
}
