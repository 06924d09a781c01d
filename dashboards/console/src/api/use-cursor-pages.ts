import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiError, PageResponse } from './client';
import { toApiError } from './use-action';

export interface CursorPages<T, P extends PageResponse<T> = PageResponse<T>> {
  items: T[];
  /** The newest page as the server sent it (for what comes with every page: counts, totals). */
  latest: P | undefined;
  loading: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadMore: () => void;
  /** Starts over from the first page (after a change), keeping the current rows on screen meanwhile. */
  reload: () => void;
}

interface State<T, P> {
  key: string;
  items: T[];
  latest?: P;
  cursor: string | null;
  error?: ApiError;
  loading: boolean;
}

/** Cursor-paged list: the first page whenever `key` changes, later pages appended by loadMore. */
export function useCursorPages<T, P extends PageResponse<T> = PageResponse<T>>(key: string, load: (cursor: string | undefined, signal: AbortSignal) => Promise<P>): CursorPages<T, P> {
  const [state, setState] = useState<State<T, P>>({ key, items: [], cursor: null, loading: true });
  const [request, setRequest] = useState<{ key: string; cursor: string | undefined; nonce: number }>({ key, cursor: undefined, nonce: 0 });
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  if (request.key !== key) setRequest({ key, cursor: undefined, nonce: request.nonce + 1 });

  useEffect(() => {
    if (request.key !== key) return;
    const controller = new AbortController();
    setState((s) => ({ ...(s.key === key ? s : { key, items: [], cursor: null }), error: undefined, loading: true }));
    loadRef.current(request.cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ key, items: request.cursor && s.key === key ? [...s.items, ...page.items] : page.items, latest: page, cursor: page.nextCursor, loading: false }));
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, key, error: toApiError(err), loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, request]);

  const current = state.key === key;
  const cursor = current ? state.cursor : null;
  const loadMore = useCallback(() => {
    if (cursor) setRequest((r) => ({ key: r.key, cursor, nonce: r.nonce + 1 }));
  }, [cursor]);
  const reload = useCallback(() => setRequest((r) => ({ key: r.key, cursor: undefined, nonce: r.nonce + 1 })), []);

  return {
    items: current ? state.items : [],
    latest: current ? state.latest : undefined,
    loading: !current || state.loading,
    error: current ? state.error : undefined,
    hasMore: current && state.cursor !== null,
    loadMore,
    reload,
  };
}
