import type { ExceptionView } from '@astrolabe/api-contract';
import { Link } from 'react-router';

/** The check's title out of a finding target's "check title — resource id". */
function checkTitleOf(x: ExceptionView): string {
  const suffix = ` — ${x.resourceId ?? ''}`;
  return x.targetTitle.endsWith(suffix) ? x.targetTitle.slice(0, -suffix.length) : x.targetTitle;
}

/** What the exception accepts: a whole control, or one resource failing one check. */
export function ExceptionTarget({ exception: x }: { exception: ExceptionView }) {
  if (x.scope === 'control' && x.controlId) {
    return (
      <div className="min-w-0">
        <span className="tag tag-first">Control</span>
        <Link to={`/controls/${encodeURIComponent(x.controlId)}`} className="cell-title" onClick={(e) => e.stopPropagation()}>
          {x.targetTitle}
        </Link>
        <div className="cell-sub mono">{x.controlId}</div>
      </div>
    );
  }
  return (
    <div className="min-w-0" title={x.targetTitle}>
      <span className="tag tag-first">Finding</span>
      {x.checkId ? (
        <Link to={`/checks/${encodeURIComponent(x.checkId)}`} className="cell-title" onClick={(e) => e.stopPropagation()}>
          {checkTitleOf(x)}
        </Link>
      ) : (
        <span className="cell-title">{checkTitleOf(x)}</span>
      )}
      <div className="cell-sub mono truncate">{x.resourceId}</div>
    </div>
  );
}
