import type { ExceptionView } from '@astrolabe/api-contract';
import { Fragment, useState } from 'react';
import type { ExceptionDecision } from '../api/client';
import { ExceptionStatePill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { formatDate, humanize } from '../lib/format';
import { useMembers } from '../members/members-context';
import { decisionsFor, ExceptionDecisionForm } from './exception-decision';
import { ExceptionEvents } from './exception-events';
import { ExceptionTarget } from './exception-target';

interface Props {
  exception: ExceptionView;
  showTarget: boolean;
  initiallyOpen?: boolean;
  onChanged: (x: ExceptionView) => void;
}

export function ExceptionRow({ exception: x, showTarget, initiallyOpen = false, onChanged }: Props) {
  const [open, setOpen] = useState(initiallyOpen);
  const [deciding, setDeciding] = useState<ExceptionDecision | null>(null);
  const { me: member } = useMembers();
  const decisions = decisionsFor(x, member);
  const expired = x.state === 'expired';
  const columns = showTarget ? 6 : 5;

  return (
    <Fragment>
      <tr id={`exception-${x.id}`} className={`row-link ${open ? 'row-open' : ''} ${initiallyOpen ? 'row-focus' : ''}`} data-testid={`exception-row-${x.id}`} data-state={x.state} data-control={x.controlId ?? undefined} onClick={() => setOpen(!open)}>
        <td className="cell-toggle">
          <button
            type="button"
            className="disclosure"
            aria-expanded={open}
            aria-label={open ? 'Hide history' : 'Show history'}
            data-testid="exception-open"
            onClick={(e) => {
              e.stopPropagation();
              setOpen(!open);
            }}
          >
            <span aria-hidden="true">›</span>
          </button>
        </td>
        {showTarget && (
          <td>
            <ExceptionTarget exception={x} />
          </td>
        )}
        <td className="cell-reason">
          <div className="clamp-2" title={x.reason}>
            {x.reason}
          </div>
        </td>
        <td className="small">
          {x.requestedBy.displayName}
          <div className="cell-sub">
            <TimeAgo iso={x.requestedAt} />
          </div>
        </td>
        <td className={`small nowrap ${expired ? 'text-bad' : ''}`}>
          {formatDate(x.expiresAt)}
          {(x.state === 'active' || x.state === 'requested') && (
            <div className="cell-sub">
              <TimeAgo iso={x.expiresAt} />
            </div>
          )}
        </td>
        <td>
          <ExceptionStatePill state={x.state} />
          {x.decidedBy && <div className="cell-sub">by {x.decidedBy.displayName}</div>}
        </td>
        <td className="cell-actions" onClick={(e) => e.stopPropagation()}>
          {decisions.map((d) => (
            <button
              key={d}
              type="button"
              className={`btn btn-small ${d === 'approve' ? 'btn-primary' : 'btn-ghost'} ${deciding === d ? 'btn-pressed' : ''}`}
              data-testid={`exception-${d}`}
              onClick={() => {
                setDeciding(d);
                setOpen(true);
              }}
            >
              {humanize(d)}
            </button>
          ))}
        </td>
      </tr>
      {open && (
        <tr className="row-details">
          <td />
          <td colSpan={columns}>
            <div className="exception-details">
              <div>
                <h4 className="card-title-small">Reason</h4>
                <p className="exception-reason">{x.reason}</p>
                <h4 className="card-title-small spaced">History</h4>
                <ExceptionEvents events={x.events} />
              </div>
              {deciding && (
                <ExceptionDecisionForm
                  exception={x}
                  decision={deciding}
                  onCancel={() => setDeciding(null)}
                  onDone={(saved) => {
                    setDeciding(null);
                    onChanged(saved);
                  }}
                />
              )}
            </div>
          </td>
        </tr>
      )}
    </Fragment>
  );
}
