import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type ValidationResult } from '../api/client';
import { ProblemAlert } from '../components/page-state';
import { ValidationSteps } from './validation-steps';

/** Asks the connector to prove it can reach the source with these credentials, step by step. */
export function ValidatePanel({ workspaceId, connectionId, autoStart = false }: { workspaceId: string; connectionId: string; autoStart?: boolean }) {
  const [state, setState] = useState<{ running: boolean; result?: ValidationResult; error?: ApiError }>({ running: false });
  const mounted = useRef(true);

  const validate = useCallback(() => {
    setState({ running: true });
    api.validateConnection(workspaceId, connectionId).then(
      (result) => mounted.current && setState({ running: false, result }),
      (err: unknown) =>
        mounted.current &&
        setState({ running: false, error: err instanceof ApiError ? err : new ApiError({ type: 'about:blank', title: 'Validation failed', status: 0, detail: String(err) }) }),
    );
  }, [workspaceId, connectionId]);

  // Validate once right after creation; the guard keeps StrictMode's double effect from calling twice.
  const autoStarted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    if (autoStart && !autoStarted.current) {
      autoStarted.current = true;
      validate();
    }
    return () => {
      mounted.current = false;
    };
  }, [autoStart, validate]);

  return (
    <div className="validate-panel">
      <button type="button" className="btn" onClick={validate} disabled={state.running} data-testid="validate">
        {state.running ? 'Validating…' : state.result || state.error ? 'Validate again' : 'Validate'}
      </button>
      {state.error && <ProblemAlert error={state.error} />}
      {state.result && <ValidationSteps result={state.result} />}
    </div>
  );
}
