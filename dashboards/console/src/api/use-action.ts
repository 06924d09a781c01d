import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export interface Action<A extends unknown[], R> {
  /** Runs the mutation; resolves to its result, or undefined when it failed (the error is then in `error`). */
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: ApiError | undefined;
  reset: () => void;
}

export function toApiError(err: unknown, title = 'Unexpected error'): ApiError {
  return err instanceof ApiError ? err : new ApiError({ type: 'about:blank', title, status: 0, detail: err instanceof Error ? err.message : String(err) });
}

/**
 * One user action against the API (save an owner, approve an exception, upload evidence): tracks
 * whether it is in flight and keeps its problem+json error so the caller can show it next to the
 * button that caused it.
 */
export function useAction<A extends unknown[], R>(perform: (...args: A) => Promise<R>): Action<A, R> {
  const [state, setState] = useState<{ pending: boolean; error?: ApiError }>({ pending: false });
  const performRef = useRef(perform);
  useLayoutEffect(() => {
    performRef.current = perform;
  });

  const run = useCallback(async (...args: A) => {
    setState({ pending: true });
    try {
      const result = await performRef.current(...args);
      setState({ pending: false });
      return result;
    } catch (err) {
      setState({ pending: false, error: toApiError(err) });
      return undefined;
    }
  }, []);
  const reset = useCallback(() => setState({ pending: false }), []);
  return { run, pending: state.pending, error: state.error, reset };
}
