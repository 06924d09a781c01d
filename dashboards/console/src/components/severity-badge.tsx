import type { Severity } from '../api/client';

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`severity severity-${severity}`} data-severity={severity}>
      <span className="severity-bars" aria-hidden="true">
        <i />
        <i />
        <i />
        <i />
      </span>
      {severity.charAt(0).toUpperCase() + severity.slice(1)}
    </span>
  );
}
