import { useCallback, useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type ControlsQuery } from '../api/client';
import { useResource } from '../api/use-resource';
import { FilterTabs, type FilterTab } from '../components/filter-tabs';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { CONTROL_STATUS_LABEL, CONTROL_STATUS_ORDER, CONTROL_STATUS_TONE } from '../components/status-pill';
import { ControlFilterBar } from '../controls/control-filter-bar';
import { readFilters, writeFilters, type ControlFilters, type StatusFilter } from '../controls/control-query';
import { ControlTable } from '../controls/control-table';
import { useControlPages } from '../controls/use-control-pages';
import { useLastDefined } from '../lib/use-last-defined';
import { useMembers } from '../members/members-context';
import { mayDo } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

function toQuery(f: ControlFilters): Omit<ControlsQuery, 'cursor' | 'limit'> {
  return {
    status: f.status === 'all' ? undefined : f.status,
    evidence: f.evidence || undefined,
    ownerId: f.owner || undefined,
    category: f.category || undefined,
    frameworkId: f.framework || undefined,
    q: f.q.trim() || undefined,
  };
}

export function ControlsPage() {
  const { workspace } = useWorkspace();
  const { me: member, members } = useMembers();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const focus = params.get('focus');

  // Every filter is applied by the server, a page at a time; each page also says how many controls
  // each status tab holds under the other filters.
  const controls = useControlPages(workspace.id, toQuery(filters));
  const frameworks = useResource(`frameworks:${workspace.id}`, (signal) => api.frameworks(workspace.id, signal));
  const counts = useLastDefined(controls.latest);
  const loaded = controls.latest !== undefined;

  const setFilters = useCallback((next: ControlFilters) => setParams(writeFilters(next), { replace: true }), [setParams]);

  useEffect(() => {
    if (focus && loaded) document.getElementById(`control-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, loaded]);

  const tabs: FilterTab<StatusFilter>[] = [
    { value: 'all', label: 'All', count: counts?.total },
    ...CONTROL_STATUS_ORDER.map((s): FilterTab<StatusFilter> => ({ value: s, label: CONTROL_STATUS_LABEL[s], count: counts?.statusCounts[s], tone: CONTROL_STATUS_TONE[s] })),
  ];
  const matching = filters.status === 'all' ? controls.latest?.total : controls.latest?.statusCounts[filters.status];

  return (
    <div className="page page-wide" data-testid="controls-page">
      <PageHeader
        title="Controls"
        subtitle="A control is scored from its checks and manual evidence. Without either it is not monitored, and never counts as passing."
        actions={
          mayDo(member?.role, 'controls.create') && (
            <Link to="/controls/new" className="btn btn-primary" data-testid="new-control">
              New control
            </Link>
          )
        }
      />
      <div className="toolbar toolbar-stack">
        <FilterTabs tabs={tabs} value={filters.status} label="Filter controls by status" testId="control-filter" onChange={(status) => setFilters({ ...filters, status })} />
        <ControlFilterBar filters={filters} members={members} frameworks={frameworks.data?.items ?? []} onChange={setFilters} />
      </div>
      {controls.error && <ErrorState error={controls.error} onRetry={controls.reload} />}
      {!loaded && !controls.error && <LoadingState label="Loading controls" />}
      {loaded &&
        (controls.items.length === 0 ? (
          <EmptyState title="No control matches" />
        ) : (
          <ControlTable controls={controls.items} total={matching ?? controls.items.length} focusId={focus} />
        ))}
      {controls.hasMore && (
        <div className="load-more">
          <button type="button" className="btn" onClick={controls.loadMore} disabled={controls.loading} data-testid="load-more">
            {controls.loading ? 'Loading…' : `Load more · ${controls.items.length} of ${matching ?? '?'} shown`}
          </button>
        </div>
      )}
    </div>
  );
}
