import type { CheckView } from '@astrolabe/api-contract';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { checkOutcome, sortChecksWorstFirst } from '../checks/check-status';
import { CheckOutcomePill } from '../checks/check-outcome-pill';
import { FilterTabs, type FilterTab } from '../components/filter-tabs';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { SeverityBadge } from '../components/severity-badge';
import { ConnectorIcon, ConnectorMark } from '../connections/connector-badge';
import { useConnectorTitles } from '../connections/use-connectors';
import { useWorkspace } from '../workspace/workspace-context';

type Filter = 'all' | 'failing' | 'unknown' | 'passing' | 'not_applicable';
const FILTERS: readonly Filter[] = ['all', 'failing', 'unknown', 'passing', 'not_applicable'];

/**
 * Failing and Unknown match any check with such a resource (a check can be in both: it fails
 * in one account and cannot be seen in another); Passing and N/A match the overall outcome.
 */
function matches(c: CheckView, filter: Filter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'failing':
      return c.counts.fail > 0;
    case 'unknown':
      return c.counts.unknown > 0;
    default:
      return checkOutcome(c) === filter;
  }
}

const ALL = 'all';

/** Which source's checks to show: all, or one connector's (`?connector=github`). */
function ConnectorTabs(props: { connectors: string[]; titles: ReadonlyMap<string, string>; value: string; count: (id: string) => number; onChange: (id: string) => void }) {
  const { connectors, titles, value, count, onChange } = props;
  const tabs = [ALL, ...connectors];
  return (
    <div className="tabs" role="tablist" aria-label="Filter checks by source" data-testid="check-connector">
      {tabs.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={id === value}
          className={`tab ${id === value ? 'tab-active' : ''}`}
          data-testid={`check-connector-${id}`}
          title={id === ALL ? undefined : id}
          onClick={() => onChange(id)}
        >
          {id === ALL ? 'All sources' : <><ConnectorIcon connectorId={id} size={16} />{titles.get(id) ?? id}</>}
          <span className="tab-count">{count(id).toLocaleString('en')}</span>
        </button>
      ))}
    </div>
  );
}

function Count({ value, tone }: { value: number; tone: 'bad' | 'unknown' | 'good' }) {
  return <span className={value > 0 ? `num num-${tone}` : 'num num-zero'}>{value.toLocaleString('en')}</span>;
}

function CheckRow({ check, connectorTitle }: { check: CheckView; connectorTitle: string | undefined }) {
  const navigate = useNavigate();
  const href = `/checks/${encodeURIComponent(check.id)}`;
  return (
    // The whole row opens the check; the title stays a real link for keyboard and new-tab use.
    <tr className="row-link" data-testid={`check-row-${check.id}`} data-outcome={checkOutcome(check)} data-connector={check.connector} onClick={() => navigate(href)}>
      <td>
        <SeverityBadge severity={check.severity} />
      </td>
      <td>
        <Link to={href} className="cell-title" onClick={(e) => e.stopPropagation()}>
          {check.title}
        </Link>
        <div className="cell-sub cell-sub-refs">
          <ConnectorMark connectorId={check.connector} title={connectorTitle} />
          <span className="mono">{check.id}</span>
          {check.references.cis.map((r) => (
            <span key={`${r.benchmark}${r.id}`} className="ref" title={`${r.benchmark} ${r.version}`}>
              CIS {r.id}
            </span>
          ))}
          {check.references.soc2.map((r) => (
            <span key={r} className="ref" title="SOC 2 Trust Services Criteria">
              {r}
            </span>
          ))}
        </div>
      </td>
      <td>
        <CheckOutcomePill outcome={checkOutcome(check)} />
      </td>
      <td className="numeric">
        <Count value={check.counts.fail} tone="bad" />
      </td>
      <td className="numeric">
        <Count value={check.counts.unknown} tone="unknown" />
      </td>
      <td className="numeric">
        <Count value={check.counts.pass} tone="good" />
      </td>
    </tr>
  );
}

export function ChecksPage() {
  const { workspace } = useWorkspace();
  const checks = useResource(`checks:${workspace.id}`, (signal) => api.checks(workspace.id, signal));
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const titles = useConnectorTitles();
  const raw = params.get('status');
  const filter: Filter = FILTERS.find((f) => f === raw) ?? 'all';

  const all = useMemo(() => sortChecksWorstFirst(checks.data?.items ?? []), [checks.data]);
  // Sources with checks in the catalog, by title; an unknown ?connector= shows all.
  const connectors = useMemo(() => [...new Set(all.map((c) => c.connector))].sort((a, b) => (titles.get(a) ?? a).localeCompare(titles.get(b) ?? b)), [all, titles]);
  const rawConnector = params.get('connector') ?? ALL;
  const connector = connectors.includes(rawConnector) ? rawConnector : ALL;
  const ofConnector = (c: CheckView, id: string) => id === ALL || c.connector === id;
  const visible = all
    .filter((c) => matches(c, filter) && ofConnector(c, connector))
    .filter((c) => {
      const q = search.trim().toLowerCase();
      return !q || c.title.toLowerCase().includes(q) || c.id.includes(q);
    });

  // Each facet counts within the other's selection: "Failing 9" under GitHub means nine GitHub checks.
  const count = (f: Filter) => all.filter((c) => matches(c, f) && ofConnector(c, connector)).length;
  const countOf = (id: string) => all.filter((c) => matches(c, filter) && ofConnector(c, id)).length;
  const setParam = (key: 'status' | 'connector', value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === ALL) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const tabs: FilterTab<Filter>[] = [
    { value: 'all', label: 'All', count: all.length },
    { value: 'failing', label: 'Failing', count: count('failing'), tone: 'bad' },
    { value: 'unknown', label: 'Unknown', count: count('unknown'), tone: 'unknown' },
    { value: 'passing', label: 'Passing', count: count('passing'), tone: 'good' },
    { value: 'not_applicable', label: 'N/A', count: count('not_applicable'), tone: 'muted' },
  ];

  return (
    <div className="page" data-testid="checks-page">
      <PageHeader title="Checks" subtitle="Each check evaluates collected evidence per resource. A check fails when any resource fails it." />
      {checks.error && <ErrorState error={checks.error} onRetry={checks.reload} />}
      {!checks.data && !checks.error && <LoadingState label="Loading checks" />}
      {checks.data && (
        <>
          <div className="toolbar toolbar-checks">
            <FilterTabs
              tabs={tabs}
              value={filter}
              label="Filter checks by status"
              testId="check-filter"
              onChange={(v) => setParam('status', v)}
            />
            {connectors.length > 1 && (
              <ConnectorTabs connectors={connectors} titles={titles} value={connector} count={countOf} onChange={(id) => setParam('connector', id)} />
            )}
            <input type="search" className="input search" placeholder="Search checks" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search checks" />
          </div>
          {visible.length === 0 ? (
            <EmptyState title={filter === 'failing' && connector === ALL ? 'No check is failing' : 'No check matches'} />
          ) : (
            <div className="table-wrap">
              <table className="table table-fixed" data-testid="checks-table">
                <thead>
                  <tr>
                    <th style={{ width: 112 }}>Severity</th>
                    <th>Check</th>
                    <th style={{ width: 120 }}>Status</th>
                    <th className="numeric" style={{ width: 84 }}>
                      Failing
                    </th>
                    <th className="numeric" style={{ width: 90 }}>
                      Unknown
                    </th>
                    <th className="numeric" style={{ width: 84 }}>
                      Passing
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((c) => (
                    <CheckRow key={c.id} check={c} connectorTitle={titles.get(c.connector)} />
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
