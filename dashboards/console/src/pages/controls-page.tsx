import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { FilterTabs, type FilterTab } from '../components/filter-tabs';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { CONTROL_STATUS_LABEL, CONTROL_STATUS_ORDER, CONTROL_STATUS_TONE } from '../components/status-pill';
import { ControlFilterBar } from '../controls/control-filter-bar';
import { readFilters, writeFilters, type ControlFilters, type StatusFilter } from '../controls/control-query';
import { ControlRow } from '../controls/control-row';
import { loadAllControls } from '../controls/load-all-controls';
import { useActingMember } from '../members/acting-member-context';
import { useWorkspace } from '../workspace/workspace-context';

export function ControlsPage() {
  const { workspace } = useWorkspace();
  const { members } = useActingMember();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const focus = params.get('focus');

  // Owner, category, framework and text go to the server; status and evidence state are counted
  // and filtered here, so every tab shows how many controls it holds under the other filters.
  const serverQuery = { ownerId: filters.owner || undefined, category: filters.category || undefined, frameworkId: filters.framework || undefined, q: filters.q.trim() || undefined };
  const controls = useResource(`controls:${workspace.id}:${JSON.stringify(serverQuery)}`, (signal) => loadAllControls(workspace.id, serverQuery, signal));
  const frameworks = useResource(`frameworks:${workspace.id}`, (signal) => api.frameworks(workspace.id, signal));

  const setFilters = useCallback((next: ControlFilters) => setParams(writeFilters(next), { replace: true }), [setParams]);

  const withEvidence = useMemo(
    () =>
      [...(controls.data ?? [])]
        .filter((c) => !filters.evidence || c.evidence.some((e) => e.state === filters.evidence))
        .sort((a, b) => CONTROL_STATUS_ORDER.indexOf(a.status) - CONTROL_STATUS_ORDER.indexOf(b.status) || a.id.localeCompare(b.id)),
    [controls.data, filters.evidence],
  );
  const visible = filters.status === 'all' ? withEvidence : withEvidence.filter((c) => c.status === filters.status);

  useEffect(() => {
    if (focus && controls.data) document.getElementById(`control-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, controls.data]);

  const tabs: FilterTab<StatusFilter>[] = [
    { value: 'all', label: 'All', count: withEvidence.length },
    ...CONTROL_STATUS_ORDER.map((s): FilterTab<StatusFilter> => ({ value: s, label: CONTROL_STATUS_LABEL[s], count: withEvidence.filter((c) => c.status === s).length, tone: CONTROL_STATUS_TONE[s] })),
  ];

  return (
    <div className="page page-wide" data-testid="controls-page">
      <PageHeader title="Controls" subtitle="A control is scored from its checks and manual evidence. Without either it is not monitored, and never counts as passing." />
      <div className="toolbar toolbar-stack">
        <FilterTabs tabs={tabs} value={filters.status} label="Filter controls by status" testId="control-filter" onChange={(status) => setFilters({ ...filters, status })} />
        <ControlFilterBar filters={filters} members={members} frameworks={frameworks.data?.items ?? []} onChange={setFilters} />
      </div>
      {controls.error && <ErrorState error={controls.error} onRetry={controls.reload} />}
      {!controls.data && !controls.error && <LoadingState label="Loading controls" />}
      {controls.data &&
        (visible.length === 0 ? (
          <EmptyState title="No control matches" />
        ) : (
          <div className="table-wrap">
            <table className="table table-fixed" data-testid="controls-table" data-count={visible.length}>
              <thead>
                <tr>
                  <th style={{ width: 132 }}>Status</th>
                  <th>Control</th>
                  <th style={{ width: 150 }}>Category</th>
                  <th style={{ width: 124 }}>Owner</th>
                  <th style={{ width: 196 }}>Evidence due</th>
                  <th style={{ width: 112 }}>Automation</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((c) => (
                  <ControlRow key={c.id} control={c} focused={c.id === focus} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}
