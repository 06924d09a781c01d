import type { Overview } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { api, type ControlStatus } from '../api/client';
import { useResource } from '../api/use-resource';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { TimeAgo } from '../components/time-ago';
import { ConnectionHealthList } from '../overview/connection-health-list';
import { FrameworkReadinessCard } from '../overview/framework-readiness-card';
import { LastRunCard } from '../overview/last-run-card';
import { ProgramTiles } from '../overview/program-tiles';
import { RegressionsList } from '../overview/regressions-list';
import { StatusCountTiles, type CountTile } from '../overview/status-count-tiles';
import { TopFailingChecks } from '../overview/top-failing-checks';
import { useWorkspace } from '../workspace/workspace-context';

const CONTROL_TILES: { status: ControlStatus; label: string; tone: CountTile['tone'] }[] = [
  { status: 'failing', label: 'Failing', tone: 'bad' },
  { status: 'at_risk', label: 'At risk', tone: 'warn' },
  { status: 'unknown', label: 'Unknown', tone: 'unknown' },
  { status: 'not_monitored', label: 'Not monitored', tone: 'none' },
  { status: 'excepted', label: 'Excepted', tone: 'info' },
  { status: 'passing', label: 'Passing', tone: 'good' },
];

function controlTiles(o: Overview): CountTile[] {
  return CONTROL_TILES.map((t) => ({ key: t.status, label: t.label, tone: t.tone, value: o.controlCounts[t.status] ?? 0, to: `/controls?status=${t.status}` }));
}

function findingTiles(o: Overview): CountTile[] {
  const f = o.findingCounts;
  return [
    { key: 'fail', label: 'Failing', tone: 'bad', value: f.fail, to: '/checks?status=failing' },
    { key: 'unknown', label: 'Unknown', tone: 'unknown', value: f.unknown, to: '/checks?status=unknown' },
    { key: 'pass', label: 'Passing', tone: 'good', value: f.pass, to: '/checks?status=passing' },
    { key: 'not_applicable', label: 'N/A', tone: 'muted', value: f.not_applicable, to: '/checks?status=not_applicable' },
  ];
}

export function OverviewPage() {
  const { workspace } = useWorkspace();
  const overview = useResource(`overview:${workspace.id}`, (signal) => api.overview(workspace.id, signal));
  const o = overview.data;

  return (
    <div className="page" data-testid="overview-page">
      <PageHeader
        title="Overview"
        subtitle="Readiness is scored from evidence your connections collected. Unknown and not monitored never count as passing."
        actions={
          o?.lastCollectedAt ? (
            <span className="muted small">
              <TimeAgo iso={o.lastCollectedAt} prefix="Evidence collected " />
            </span>
          ) : o ? (
            <span className="muted small">No evidence collected yet</span>
          ) : undefined
        }
      />
      {overview.error && <ErrorState error={overview.error} onRetry={overview.reload} />}
      {!o && !overview.error && <LoadingState label="Loading overview" />}
      {o && (
        <>
          <section className="section">
            <div className="section-head">
              <h2 className="section-title">Framework readiness</h2>
              <Link to="/frameworks" className="card-link">
                All frameworks →
              </Link>
            </div>
            {o.frameworks.length === 0 ? (
              <EmptyState title="No framework enabled">
                <Link to="/frameworks">Enable a framework</Link> to score readiness against it.
              </EmptyState>
            ) : (
              <div className={`grid grid-readiness grid-readiness-${o.frameworks.length}`}>
                {o.frameworks.map((f) => (
                  <FrameworkReadinessCard key={f.id} framework={f} />
                ))}
              </div>
            )}
          </section>
          <div className="grid grid-2 section">
            <RegressionsList regressions={o.regressions} />
            <ProgramTiles overview={o} />
          </div>
          <div className="grid grid-2 section">
            <section className="card">
              <div className="card-head">
                <h2>Controls by status</h2>
              </div>
              <StatusCountTiles tiles={controlTiles(o)} testId="control-counts" />
            </section>
            <section className="card">
              <div className="card-head">
                <h2>Findings</h2>
                <span className="muted small">one resource × one check</span>
              </div>
              <StatusCountTiles tiles={findingTiles(o)} testId="finding-counts" />
            </section>
          </div>
          <div className="grid grid-main-side section">
            <TopFailingChecks />
            <div className="stack">
              <LastRunCard run={o.lastRun} connection={o.connections.find((c) => c.id === o.lastRun?.connectionId)} />
              <ConnectionHealthList connections={o.connections} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
