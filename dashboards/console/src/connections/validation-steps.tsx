import type { ValidationResult } from '../api/client';

export function ValidationSteps({ result }: { result: ValidationResult }) {
  return (
    <div className={`validation ${result.ok ? 'validation-ok' : 'validation-bad'}`} data-testid="validation">
      <p className="validation-summary" data-testid="validation-summary" data-ok={result.ok}>
        {result.ok ? 'Connection works' : 'Connection needs attention'}
        {result.scope && (
          <span className="muted">
            {' '}
            · <span className="mono">{result.scope.id}</span>
          </span>
        )}
      </p>
      <ol className="validation-steps">
        {result.steps.map((s, i) => (
          <li key={`${s.name}-${i}`} className={s.ok ? 'step-ok' : 'step-bad'} data-testid="validation-step" data-ok={s.ok}>
            <span className="step-icon" aria-label={s.ok ? 'ok' : 'failed'}>
              {s.ok ? '✓' : '✕'}
            </span>
            <div>
              <div className="step-name">{s.name}</div>
              <div className="step-message">{s.message}</div>
              {s.missingPermission && (
                <div className="step-permission">
                  Missing permission <code>{s.missingPermission}</code>
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
