import type { Run } from '@astrolabe/api-contract';
import { RunStatePill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { durationBetween, formatDuration } from '../lib/format';
import { FindingCountSummary } from './finding-count-summary';

export function RunHistoryTable({ runs, selectedId, onSelect }: { runs: Run[]; selectedId: string | undefined; onSelect: (run: Run) => void }) {
  // Only connectors that report provider quota (GitHub) earn the column.
  const withQuota = runs.some((r) => typeof r.usage?.['quotaUsed'] === 'number');
  return (
    <table className="table" data-testid="run-history">
      <thead>
        <tr>
          <th style={{ width: 130 }}>State</th>
          <th>Queued</th>
          <th>Trigger</th>
          <th>Duration</th>
          <th>Evidence kinds</th>
          <th>Findings</th>
          {withQuota && (
            <th className="numeric" title="Provider API quota the run spent (REST requests charged + GraphQL points)">
              API quota
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => {
          const kinds = Object.values(r.kinds);
          const failed = kinds.filter((k) => k.status === 'failed').length;
          return (
            <tr key={r.id} className={`row-link ${r.id === selectedId ? 'row-selected' : ''}`} onClick={() => onSelect(r)} data-testid="run-history-row" data-state={r.state}>
              <td>
                <RunStatePill state={r.state} />
              </td>
              <td className="nowrap">
                <TimeAgo iso={r.queuedAt} />
              </td>
              <td className="capitalize">{r.trigger}</td>
              <td className="nowrap">{formatDuration(durationBetween(r.startedAt, r.finishedAt))}</td>
              <td className="nowrap">
                {kinds.length === 0 ? <span className="muted">—</span> : failed > 0 ? <span className="text-bad">{failed} of {kinds.length} failed</span> : <span>{kinds.length} collected</span>}
              </td>
              <td>
                <FindingCountSummary counts={r.findingCounts} />
              </td>
              {withQuota && (
                <td className="numeric" data-testid="run-history-quota">
                  {typeof r.usage?.['quotaUsed'] === 'number' ? r.usage['quotaUsed'].toLocaleString('en') : <span className="muted">—</span>}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
