import type { ControlView } from '@astrolabe/api-contract';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type ControlStatus } from '../api/client';
import { useResource } from '../api/use-resource';
import { FilterTabs, type FilterTab } from '../components/filter-tabs';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { ControlStatusPill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { humanize } from '../lib/format';
import { useWorkspace } from '../workspace/workspace-context';

type Filter = 'all' | ControlStatus;

// Worst first, so the list reads as a to-do list; not monitored sits above passing on purpose.
const ORDER: readonly ControlStatus[] = ['failing', 'at_risk', 'unknown', 'not_monitored', 'excepted', 'passing'];
const TONE: Record<ControlStatus, FilterTab<Filter>['tone']> = {
  failing: 'bad',
  at_risk: 'warn',
  unknown: 'unknown',
  not_monitored: 'none',
  excepted: 'muted',
  passing: 'good',
};
const LABEL: Record<ControlStatus, string> = {
  failing: 'Failing',
  at_risk: 'At risk',
  unknown: 'Unknown',
  not_monitored: 'Not monitored',
  excepted: 'Excepted',
  passing: 'Passing',
};

function Count({ value, tone, title }: { value: number; tone: 'bad' | 'unknown' | 'good'; title: string }) {
  return (
    <span className={value > 0 ? `num num-${tone}` : 'num num-zero'} title={title}>
      {value.toLocaleString('en')}
    </span>
  );
}

function ControlRow({ control, focused }: { control: ControlView; focused: boolean }) {
  return (
    <tr id={`control-${control.id}`} className={focused ? 'row-focus' : undefined} data-testid={`control-row-${control.id}`} data-status={control.status}>
      <td>
        <ControlStatusPill status={control.status} />
      </td>
      <td>
        <div className="cell-title" title={control.description}>
          {control.title}
        </div>
        <div className="cell-sub">{control.reason}</div>
        <div className="cell-sub cell-sub-refs">
          <span className="mono">{control.id}</span>
          <span className="ref">{humanize(control.category)}</span>
        </div>
      </td>
      <td>
        {control.checkIds.length === 0 ? (
          <span className="muted small">No check yet</span>
        ) : (
          <ul className="plain-list">
            {control.checkIds.map((id) => (
              <li key={id} className="truncate">
                <Link to={`/checks/${encodeURIComponent(id)}`} className="mono small" title={id}>
                  {id.replace(/^[^.]+\./, '')}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="numeric">
        <Count value={control.counts.fail} tone="bad" title="failing resources" />
      </td>
      <td className="numeric">
        <Count value={control.counts.unknown} tone="unknown" title="resources that could not be assessed" />
      </td>
      <td className="numeric">
        <Count value={control.counts.pass} tone="good" title="passing resources" />
      </td>
      <td className="nowrap">
        <TimeAgo iso={control.statusSince} />
      </td>
    </tr>
  );
}

export function ControlsPage() {
  const { workspace } = useWorkspace();
  const controls = useResource(`controls:${workspace.id}`, (signal) => api.controls(workspace.id, signal));
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter: Filter = ORDER.find((s) => s === raw) ?? 'all';
  const focus = params.get('focus');

  const sorted = useMemo(
    () => [...(controls.data?.items ?? [])].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.id.localeCompare(b.id)),
    [controls.data],
  );
  const visible = filter === 'all' ? sorted : sorted.filter((c) => c.status === filter);

  useEffect(() => {
    if (focus && controls.data) document.getElementById(`control-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, controls.data]);

  const tabs: FilterTab<Filter>[] = [
    { value: 'all', label: 'All', count: sorted.length },
    ...ORDER.map((s) => ({ value: s, label: LABEL[s], count: sorted.filter((c) => c.status === s).length, tone: TONE[s] }))
      // Keep the statuses the product knows even at zero, except the two that arrive later.
      .filter((t) => t.count > 0 || !['at_risk', 'excepted'].includes(t.value)),
  ];

  return (
    <div className="page" data-testid="controls-page">
      <PageHeader title="Controls" subtitle="A control is scored from its checks. Without a check or manual evidence it is not monitored, and never counts as passing." />
      {controls.error && <ErrorState error={controls.error} onRetry={controls.reload} />}
      {!controls.data && !controls.error && <LoadingState label="Loading controls" />}
      {controls.data && (
        <>
          <div className="toolbar">
            <FilterTabs tabs={tabs} value={filter} label="Filter controls by status" testId="control-filter" onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })} />
          </div>
          {visible.length === 0 ? (
            <EmptyState title="No control matches" />
          ) : (
            <div className="table-wrap">
              <table className="table table-fixed" data-testid="controls-table">
                <thead>
                  <tr>
                    <th style={{ width: 132 }}>Status</th>
                    <th>Control</th>
                    <th style={{ width: 210 }}>Checks</th>
                    <th className="numeric" style={{ width: 72 }}>
                      Failing
                    </th>
                    <th className="numeric" style={{ width: 84 }}>
                      Unknown
                    </th>
                    <th className="numeric" style={{ width: 74 }}>
                      Passing
                    </th>
                    <th style={{ width: 124 }}>Since</th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((c) => (
                    <ControlRow key={c.id} control={c} focused={c.id === focus} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
