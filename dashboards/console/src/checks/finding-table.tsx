import type { CheckView, ExceptionView, FindingView } from '@astrolabe/api-contract';
import { Fragment, useState } from 'react';
import { FindingStatusPill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { FindingDetails } from './finding-details';
import { FindingDueMarker } from './finding-due';

interface RowProps {
  finding: FindingView;
  check: CheckView;
  open: boolean;
  onToggle: () => void;
  onExceptionRequested?: (x: ExceptionView) => void;
}

function FindingRow({ finding, check, open, onToggle, onExceptionRequested }: RowProps) {
  const detailsId = `finding-${finding.id}`;
  return (
    <Fragment>
      <tr className={`row-link ${open ? 'row-open' : ''}`} data-testid="finding-row" data-status={finding.status} data-resource={finding.resource.id} onClick={onToggle}>
        <td className="cell-toggle">
          <button
            type="button"
            className="disclosure"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={open ? 'Close resource' : 'Open resource'}
            data-testid="finding-open"
            onClick={(e) => {
              e.stopPropagation();
              onToggle();
            }}
          >
            <span aria-hidden="true">›</span>
          </button>
        </td>
        <td>
          <div className="cell-title">{finding.resource.name || finding.resource.id}</div>
          <div className="cell-sub mono truncate" title={finding.resource.id}>
            {finding.resource.id}
          </div>
        </td>
        <td>
          <FindingStatusPill status={finding.status} />
          <FindingDueMarker finding={finding} />
        </td>
        <td className="cell-reason">
          <div className="clamp-2" title={finding.reason}>
            {finding.reason}
          </div>
        </td>
        <td className="nowrap">
          <TimeAgo iso={finding.firstSeenAt} />
        </td>
      </tr>
      {open && (
        <tr className="row-details" id={detailsId}>
          <td />
          <td colSpan={4}>
            <FindingDetails finding={finding} check={check} onExceptionRequested={onExceptionRequested} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function FindingTable({ findings, check, onExceptionRequested }: { findings: FindingView[]; check: CheckView; onExceptionRequested?: (x: ExceptionView) => void }) {
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpenIds((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="table-wrap">
      <table className="table table-findings" data-testid="findings-table">
        <thead>
          <tr>
            <th style={{ width: 36 }} aria-label="Open" />
            <th style={{ width: '34%' }}>Resource</th>
            <th style={{ width: 124 }}>Status</th>
            <th>Reason</th>
            <th style={{ width: 128 }}>First seen</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f) => (
            <FindingRow key={f.id} finding={f} check={check} open={openIds.has(f.id)} onToggle={() => toggle(f.id)} onExceptionRequested={onExceptionRequested} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
