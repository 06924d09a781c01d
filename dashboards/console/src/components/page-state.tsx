import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';

export function LoadingState({ label = 'Loading', fullPage = false }: { label?: string; fullPage?: boolean }) {
  return (
    <div className={fullPage ? 'full-page-state' : 'state'} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span className="muted">{label}…</span>
    </div>
  );
}

export function ProblemAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { title, detail, status, errors } = error.problem;
  return (
    <div className="alert alert-error" role="alert" data-testid="problem">
      <div>
        <strong>{title}</strong>
        {status > 0 && <span className="alert-status">HTTP {status}</span>}
        {detail && <p>{detail}</p>}
        {errors && errors.length > 0 && (
          <ul>
            {errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <code>{e.field}</code> {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function ErrorState({ error, onRetry, fullPage = false }: { error: ApiError; onRetry?: () => void; fullPage?: boolean }) {
  return (
    <div className={fullPage ? 'full-page-state' : 'state state-error'}>
      <ProblemAlert error={error} onRetry={onRetry} />
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}
