import type { ExceptionState, ExceptionView } from '@astrolabe/api-contract';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { FilterTabs, type FilterTab } from '../components/filter-tabs';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { ExceptionTable } from '../exceptions/exception-table';
import { useExceptions } from '../exceptions/use-exceptions';
import { useLastDefined } from '../lib/use-last-defined';
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

function DecidedNotice({ exception: x, onDismiss }: { exception: ExceptionView; onDismiss: () => void }) {
  return (
    <div className="alert alert-success" role="status" data-testid="exception-notice" data-state={x.state}>
      <div>
        Exception for <strong>{x.targetTitle}</strong> is now {x.state}.{' '}
        <Link to={`/exceptions?state=${x.state}&focus=${x.id}`} onClick={onDismiss}>
          Open it
        </Link>
      </div>
      <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** One state's exceptions with the state tabs (counted by the server) above them. */
function ExceptionsInState({ state, focus, onState }: { state: ExceptionState; focus: string | null; onState: (s: ExceptionState) => void }) {
  const { workspace } = useWorkspace();
  const exceptions = useExceptions(workspace.id, state);
  const counts = useLastDefined(exceptions.latest?.stateCounts);
  const [decided, setDecided] = useState<ExceptionView | null>(null);
  const onChanged = (x: ExceptionView) => {
    setDecided(x);
    exceptions.reload();
  };
  const focusShown = Boolean(focus && exceptions.items.some((x) => x.id === focus));
  useEffect(() => {
    if (focusShown && focus) document.getElementById(`exception-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, focusShown]);

  return (
    <>
      <div className="toolbar">
        <FilterTabs tabs={TABS.map((t) => ({ ...t, count: counts?.[t.value] }))} value={state} label="Exceptions by state" testId="exception-filter" onChange={onState} />
      </div>
      {decided && decided.state !== state && <DecidedNotice exception={decided} onDismiss={() => setDecided(null)} />}
      {exceptions.error && <ErrorState error={exceptions.error} onRetry={exceptions.reload} />}
      {exceptions.loading && exceptions.items.length === 0 && <LoadingState label="Loading exceptions" />}
      {!exceptions.loading && !exceptions.error && exceptions.items.length === 0 && <EmptyState title={EMPTY[state]} />}
      {exceptions.items.length > 0 && <ExceptionTable exceptions={exceptions.items} focusId={focus} onChanged={onChanged} />}
      {exceptions.hasMore && (
        <div className="load-more">
          <button type="button" className="btn" onClick={exceptions.loadMore} disabled={exceptions.loading} data-testid="load-more">
            Load more
          </button>
        </div>
      )}
    </>
  );
}

export function ExceptionsPage() {
  const { workspace } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const raw = params.get('state');
  const focus = params.get('focus');
  const chosen = TABS.find((t) => t.value === raw)?.value;
  // A link to one exception without a state (`/exceptions?focus=<id>`) opens the tab of its current state.
  const focused = useResource(focus && !chosen ? `exception:${workspace.id}:${focus}` : null, (signal) => api.exception(workspace.id, focus ?? '', signal));
  const state = chosen ?? focused.data?.state ?? (focus && !focused.error ? null : 'requested');

  return (
    <div className="page page-wide" data-testid="exceptions-page">
      <PageHeader
        title="Exceptions"
        subtitle="A time-boxed acceptance of a failing control or finding. A lead or above decides, never the requester; when it expires, what it covered fails again."
      />
      {state ? <ExceptionsInState state={state} focus={focus} onState={(v) => setParams({ state: v }, { replace: true })} /> : <LoadingState label="Finding the exception" />}
    </div>
  );
}
