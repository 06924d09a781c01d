import type { ConnectorInfo, Run } from '@astrolabe/api-contract';
import { isTerminal } from '../api/client';
import { Pill } from '../components/status-pill';

interface Row {
  kind: string;
  title: string;
  outcome: Run['kinds'][string] | undefined;
}

/** Per evidence kind: collected (with item count) or failed (with the permission to grant). */
export function RunKindsTable({ run, connector, onlyReported = false }: { run: Run; connector: ConnectorInfo | undefined; onlyReported?: boolean }) {
  const titles = new Map(connector?.evidenceKinds.map((k) => [k.kind, k.title]) ?? []);
  const declared = onlyReported ? [] : (connector?.evidenceKinds.map((k) => k.kind) ?? []);
  const kinds = new Set([...Object.keys(run.kinds), ...declared]);
  const rows: Row[] = [...kinds]
    .map((kind) => ({ kind, title: titles.get(kind) ?? kind, outcome: run.kinds[kind] }))
    // Failed first: that is what the reader came for.
    .sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));

  if (rows.length === 0) return null;
  // The detail column only earns its width when something failed.
  const anyFailed = rows.some((r) => r.outcome?.status === 'failed');
  return (
    <table className="table table-compact table-kinds" data-testid="run-kinds">
      <thead>
        <tr>
          <th>Evidence kind</th>
          <th style={{ width: 130 }}>Outcome</th>
          <th className="numeric" style={{ width: 70 }}>
            Items
          </th>
          {anyFailed && <th style={{ width: '42%' }}>Why it failed</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ kind, title, outcome }) => (
          <tr key={kind} data-testid="run-kind" data-kind={kind} data-status={outcome?.status ?? 'not_collected'}>
            <td>
              <span className="kind-title">{title}</span>
              <span className="mono muted kind-id">{kind}</span>
            </td>
            <td>
              {outcome?.status === 'succeeded' && <Pill tone="good" label="Collected" />}
              {outcome?.status === 'failed' && <Pill tone="bad" label="Failed" />}
              {!outcome && (isTerminal(run.state) ? <Pill tone="unknown" label="Not collected" title="This run ended before collecting it" /> : <Pill tone="muted" label="Pending" />)}
            </td>
            <td className="numeric">{outcome ? outcome.items.toLocaleString('en') : '—'}</td>
            {anyFailed && (
              <td className="small">
                {outcome?.error && (
                  <>
                    {outcome.error.missingPermission && (
                      <div className="missing-permission" data-testid="missing-permission">
                        Missing permission <code>{outcome.error.missingPermission}</code>
                      </div>
                    )}
                    {/* Several kinds often share one error: two lines each, the full text on hover. */}
                    <div className="clamp-2 muted" title={outcome.error.message}>
                      {outcome.error.message}
                    </div>
                  </>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function rank(r: Row): number {
  if (r.outcome?.status === 'failed') return 0;
  if (!r.outcome) return 1;
  return 2;
}
