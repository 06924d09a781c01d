import type { ControlDetail, ManualEvidenceView } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { EmptyState } from '../components/page-state';
import { TimeAgo } from '../components/time-ago';
import { formatDay } from '../lib/days';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

function formatBytes(n: number | null): string {
  if (n === null) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function EvidenceLink({ controlId, item }: { controlId: string; item: ManualEvidenceView }) {
  const { workspace } = useWorkspace();
  const mayRead = useMay('evidence.read');
  if (item.kind === 'link' && item.url) {
    return (
      <a href={item.url} target="_blank" rel="noreferrer noopener" className="break" data-testid="evidence-link">
        {item.url} ↗
      </a>
    );
  }
  return (
    <>
      {/* The server always answers with an attachment: the file is downloaded, never rendered here. */}
      {mayRead ? (
        <a href={api.controlEvidenceFileUrl(workspace.id, controlId, item.id)} download={item.fileName ?? undefined} data-testid="evidence-download">
          {item.fileName ?? 'file'}
        </a>
      ) : (
        <span title="Your role does not download evidence files">{item.fileName ?? 'file'}</span>
      )}{' '}
      <span className="muted small">{formatBytes(item.sizeBytes)}</span>
      {item.sha256 && (
        <div className="mono muted small truncate" title={`sha256 ${item.sha256}`}>
          sha256 {item.sha256.slice(0, 16)}…
        </div>
      )}
    </>
  );
}

/** Every upload, newest first: what, effective when, by whom, reviewed by whom. */
export function EvidenceHistory({ control, items }: { control: ControlDetail; items: ManualEvidenceView[] }) {
  const titles = new Map(control.evidence.map((e) => [e.id, e.title]));
  if (items.length === 0)
    return (
      <div className="card">
        <EmptyState title="No evidence uploaded yet" />
      </div>
    );
  return (
    <div className="table-wrap">
      <table className="table table-fixed" data-testid="evidence-history">
        <thead>
          <tr>
            <th style={{ width: 120 }}>Effective</th>
            <th>Evidence</th>
            <th style={{ width: 150 }}>Uploaded by</th>
            <th style={{ width: 130 }}>Reviewer</th>
            <th style={{ width: 120 }}>Uploaded</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} data-testid="evidence-history-row" data-requirement={e.requirementId} data-kind={e.kind}>
              <td className="nowrap">{formatDay(e.effectiveOn)}</td>
              <td>
                <EvidenceLink controlId={control.id} item={e} />
                {titles.size > 1 && <div className="cell-sub">{titles.get(e.requirementId) ?? e.requirementId}</div>}
                {e.note && <div className="cell-sub evidence-note">{e.note}</div>}
              </td>
              <td className="small">{e.uploadedBy.displayName}</td>
              <td className="small">{e.reviewer.displayName}</td>
              <td className="nowrap small">
                <TimeAgo iso={e.uploadedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
