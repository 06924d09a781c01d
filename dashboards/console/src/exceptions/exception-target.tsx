import type { ExceptionView } from '@astrolabe/api-contract';
import { Link } from 'react-router';

/** What the exception accepts: a whole control, or one resource failing one check. */
export function ExceptionTarget({ exception: x, controlTitle }: { exception: ExceptionView; controlTitle?: string }) {
  if (x.scope === 'control' && x.controlId) {
    return (
      <div className="min-w-0">
        <span className="tag tag-first">Control</span>
        <Link to={`/controls/${encodeURIComponent(x.controlId)}`} className="cell-title" onClick={(e) => e.stopPropagation()}>
          {controlTitle ?? x.controlId}
        </Link>
        {controlTitle && <div className="cell-sub mono">{x.controlId}</div>}
      </div>
    );
  }
  return (
    <div className="min-w-0">
      <span className="tag tag-first">Finding</span>
      {x.checkId && (
        <Link to={`/checks/${encodeURIComponent(x.checkId)}`} className="cell-title mono small" onClick={(e) => e.stopPropagation()}>
          {x.checkId}
        </Link>
      )}
      <div className="cell-sub mono truncate" title={x.resourceId ?? undefined}>
        {x.resourceId}
      </div>
    </div>
  );
}
