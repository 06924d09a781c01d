import type { FrameworkDetail } from '@astrolabe/api-contract';
import { useCallback, useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { loadAllControls } from '../controls/load-all-controls';
import { FilterTabs, type FilterTab } from '../components/filter-tabs';
import { ErrorState, LoadingState, ProblemAlert } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { ReadinessLegend } from '../components/readiness-legend';
import { ReadinessRing } from '../components/readiness-ring';
import { CONTROL_STATUS_LABEL, CONTROL_STATUS_ORDER, CONTROL_STATUS_TONE } from '../components/status-pill';
import { FrameworkToggle } from '../frameworks/framework-toggle';
import { ReadinessSparkline } from '../frameworks/readiness-sparkline';
import { matchesFilter, type RequirementFilter } from '../frameworks/requirement-groups';
import { RequirementTree } from '../frameworks/requirement-tree';
import { formatPercent } from '../lib/format';
import { useWorkspace } from '../workspace/workspace-context';

const FILTERS: readonly RequirementFilter[] = ['all', ...CONTROL_STATUS_ORDER, 'out_of_scope'];

function filterTabs(f: FrameworkDetail): FilterTab<RequirementFilter>[] {
  const count = (v: RequirementFilter) => f.requirements.filter((r) => matchesFilter(r, v)).length;
  const tabs: FilterTab<RequirementFilter>[] = [
    { value: 'all', label: 'All', count: f.requirements.length },
    ...CONTROL_STATUS_ORDER.map((s): FilterTab<RequirementFilter> => ({ value: s, label: CONTROL_STATUS_LABEL[s], count: count(s), tone: CONTROL_STATUS_TONE[s] })),
    { value: 'out_of_scope', label: 'Out of scope', count: count('out_of_scope'), tone: 'muted' },
  ];
  // Statuses no requirement has would only be noise here.
  return tabs.filter((t) => t.value === 'all' || (t.count ?? 0) > 0);
}

function ReadinessPanel({ framework, onChanged }: { framework: FrameworkDetail; onChanged: () => void }) {
  const { workspace } = useWorkspace();
  const history = useResource(`framework-history:${workspace.id}:${framework.id}:${framework.readiness.percent}`, (signal) => api.frameworkHistory(workspace.id, framework.id, 90, signal));
  const r = framework.readiness;
  return (
    <section className="card framework-readiness section" data-testid="framework-readiness">
      <div className="readiness-card">
        <ReadinessRing readiness={r} size={112} />
        <div className="readiness-body">
          <p className="readiness-summary">
            <span data-testid="readiness-percent">{formatPercent(r.percent)}</span> ready · {r.passing} of {r.inScope} in-scope requirements passing
            {framework.requirements.length > r.inScope && ` · ${framework.requirements.length - r.inScope} out of scope`}
          </p>
          <ReadinessLegend readiness={r} />
        </div>
      </div>
      <div className="framework-trend">
        <div className="framework-trend-head">
          <h2 className="card-title-small">Readiness, last 90 days</h2>
          <FrameworkToggle framework={framework} onChanged={onChanged} />
        </div>
        {history.error && <ProblemAlert error={history.error} onRetry={history.reload} />}
        {history.data ? <ReadinessSparkline history={history.data.items} /> : !history.error && <LoadingState label="Loading history" />}
      </div>
    </section>
  );
}

export function FrameworkDetailPage() {
  const { frameworkId = '' } = useParams();
  const { workspace } = useWorkspace();
  const framework = useResource(`framework:${workspace.id}:${frameworkId}`, (signal) => api.framework(workspace.id, frameworkId, signal));
  const controls = useResource(`framework-controls:${workspace.id}:${frameworkId}`, (signal) => loadAllControls(workspace.id, { frameworkId }, signal));
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter = FILTERS.find((f) => f === raw) ?? 'all';
  const byId = useMemo(() => new Map((controls.data ?? []).map((c) => [c.id, c])), [controls.data]);
  const f = framework.data;
  const { replace: showFramework } = framework;
  const { reload: reloadControls } = controls;
  // A mapping change can bring a control into this framework: its status is needed in the tree.
  const changed = useCallback(
    (next: FrameworkDetail) => {
      showFramework(next);
      reloadControls();
    },
    [showFramework, reloadControls],
  );

  return (
    <div className="page" data-testid="framework-detail-page">
      <PageHeader
        crumbs={[{ label: 'Frameworks', to: '/frameworks' }]}
        title={f?.name ?? frameworkId}
        meta={
          f && (
            <>
              <span>{f.version}</span>
              <span>·</span>
              <span>{f.publisher}</span>
              {!f.enabled && <span className="tag">Disabled</span>}
            </>
          )
        }
      />
      {framework.error && <ErrorState error={framework.error} onRetry={framework.reload} />}
      {!f && !framework.error && <LoadingState label="Loading framework" />}
      {f && (
        <>
          <ReadinessPanel framework={f} onChanged={framework.reload} />
          {controls.error && <ProblemAlert error={controls.error} onRetry={controls.reload} />}
          <div className="toolbar">
            <FilterTabs tabs={filterTabs(f)} value={filter} label="Filter requirements by status" testId="requirement-filter" onChange={(v) => setParams(v === 'all' ? {} : { status: v }, { replace: true })} />
          </div>
          <RequirementTree framework={f} filter={filter} controls={byId} onChanged={changed} />
        </>
      )}
    </div>
  );
}
