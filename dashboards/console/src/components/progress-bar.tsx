import { percentOf } from '../lib/format';

/** Determinate when the total is known; otherwise an indeterminate stripe, never a fake percentage. */
export function ProgressBar({ done, total, label, testId }: { done: number; total: number; label: string; testId?: string }) {
  const known = total > 0;
  const pct = known ? Math.min(100, percentOf(done, total)) : 0;
  return (
    <div
      className={`progress ${known ? '' : 'progress-indeterminate'}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? total : undefined}
      aria-valuenow={known ? done : undefined}
      data-testid={testId}
    >
      <div className="progress-fill" style={known ? { width: `${pct}%` } : undefined} />
    </div>
  );
}
