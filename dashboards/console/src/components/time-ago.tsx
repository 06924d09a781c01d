import { formatDateTime, formatRelative } from '../lib/format';

/** Relative time for scanning, exact timestamp on hover and for screen readers via <time>. */
export function TimeAgo({ iso, prefix }: { iso: string | null | undefined; prefix?: string }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {prefix}
      {formatRelative(iso)}
    </time>
  );
}
