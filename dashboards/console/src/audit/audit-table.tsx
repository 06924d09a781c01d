import type { AuditEntry } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { Pill, type Tone } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { actionLabel, AUDIT_OUTCOME_LABEL } from './audit-labels';

const OUTCOME_TONE: Record<AuditEntry['outcome'], Tone> = { success: 'good', denied: 'bad', failed: 'warn' };

/** Where a target lives in the console, when it has a page. */
function targetHref(e: AuditEntry): string | null {
  const id = e.targetId;
  if (!id) return null;
  const connectionId = typeof e.details['connectionId'] === 'string' ? e.details['connectionId'] : null;
  const enc = encodeURIComponent;
  switch (e.targetType) {
    case 'exception':
      return `/exceptions?focus=${enc(id)}`;
    case 'control':
      return `/controls/${enc(id)}`;
    case 'connection':
      return `/connections/${enc(id)}`;
    case 'run':
      return connectionId ? `/connections/${enc(connectionId)}` : null;
    case 'framework':
      return `/frameworks/${enc(id)}`;
    case 'requirement':
      return `/frameworks/${enc(id.split('/')[0] ?? id)}`;
    case 'member':
      return '/settings';
    default:
      return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are long; the first 8 characters tell rows apart at a glance (the full value is in the tooltip). */
function short(value: string): string {
  return UUID.test(value) ? `${value.slice(0, 8)}…` : value;
}

function detailText(value: unknown): string {
  if (typeof value === 'string') return short(value);
  if (Array.isArray(value)) return value.map(detailText).join(', ');
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k} ${detailText(v)}`).join(' · ');
  return String(value);
}

function Target({ entry }: { entry: AuditEntry }) {
  if (!entry.targetType) return <span className="muted">—</span>;
  const href = targetHref(entry);
  const id = entry.targetId;
  return (
    <>
      <span className="cell-sub">{entry.targetType}</span>
      {id ? (
        <span className="mono audit-id" title={id}>
          {href ? <Link to={href}>{short(id)}</Link> : short(id)}
        </span>
      ) : (
        <span className="muted">—</span>
      )}
    </>
  );
}

function Details({ details }: { details: AuditEntry['details'] }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <div className="audit-details">
      {entries.map(([k, v]) => (
        <span key={k} className="audit-detail" title={`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`}>
          <span className="muted">{k}</span> <span className="mono">{detailText(v)}</span>
        </span>
      ))}
    </div>
  );
}

/** Audit rows, newest first, each with its place in the hash chain. */
export function AuditTable({ entries, brokenSeq }: { entries: AuditEntry[]; brokenSeq: number | null }) {
  return (
    <div className="table-wrap">
      <table className="table table-fixed audit-table" data-testid="audit-table" data-count={entries.length}>
        <thead>
          <tr>
            <th style={{ width: 52 }} className="numeric">
              #
            </th>
            <th style={{ width: 112 }}>When</th>
            <th style={{ width: 150 }}>Actor</th>
            <th style={{ width: 180 }}>Action</th>
            <th style={{ width: 150 }}>Target</th>
            <th style={{ width: 104 }}>Outcome</th>
            <th>Details</th>
            <th style={{ width: 96 }}>Hash</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-testid={`audit-row-${e.seq}`} data-action={e.action} data-outcome={e.outcome} data-actor-type={e.actorType} className={e.seq === brokenSeq ? 'row-focus' : undefined}>
              <td className="numeric mono">{e.seq}</td>
              <td className="nowrap">
                <TimeAgo iso={e.at} />
                {e.sourceIp && <span className="cell-sub mono">{e.sourceIp}</span>}
              </td>
              <td>
                <span className={e.actorType === 'member' ? 'cell-title' : 'cell-title muted'}>{e.actorLabel}</span>
                {e.actorType !== 'member' && <span className="cell-sub">{e.actorType}</span>}
              </td>
              <td>
                <span className="cell-title">{actionLabel(e.action)}</span>
                <span className="cell-sub mono">{e.action}</span>
              </td>
              <td>
                <Target entry={e} />
              </td>
              <td className="nowrap">
                <Pill tone={OUTCOME_TONE[e.outcome]} label={AUDIT_OUTCOME_LABEL[e.outcome]} value={e.outcome} />
                {e.statusCode !== null && <span className="cell-sub">HTTP {e.statusCode}</span>}
              </td>
              <td>
                <Details details={e.details} />
              </td>
              <td>
                <span className="mono small audit-hash" title={`hash ${e.hash}\nprev ${e.prevHash}`}>
                  {e.hash.slice(0, 10)}…
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
