import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Re-fetches while keeping the current data on screen (no flash of a spinner). */
  reload: () => void;
  /** Shows data the caller already has (a mutation's response) without another request. */
  replace: (data: T) => void;
}

/**
 * Loads `load` whenever `key` changes (null = not ready yet, e.g. no workspace chosen).
 * Aborts the in-flight request when the key changes or the component unmounts, so a slow
 * answer for an old page can never overwrite the current one.
 */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiError; loading: boolean }>({ key, loading: key !== null });
  const [nonce, setNonce] = useState(0);
  // The loader closes over props; keep the latest without re-running the effect on every render.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: undefined, loading: true }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, loading: false });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error =
          err instanceof ApiError ? err : new ApiError({ type: 'about:blank', title: 'Unexpected error', status: 0, detail: err instanceof Error ? err.message : String(err) });
        setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const replace = useCallback((data: T) => setState((s) => ({ key: s.key, data, loading: false })), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: key !== null && (!current || state.loading),
    reload,
    replace,
  };
}
