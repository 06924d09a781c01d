import type { FindingView } from '@astrolabe/api-contract';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type FindingsQuery } from '../api/client';

export interface FindingsPage {
  items: FindingView[];
  loading: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

const PAGE_SIZE = 50;

/** Cursor-paged findings: the first page on filter change, further pages appended by "Load more". */
export function useFindings(workspaceId: string, query: Omit<FindingsQuery, 'cursor' | 'limit'>): FindingsPage {
  const key = JSON.stringify([workspaceId, query]);
  const [state, setState] = useState<{ key: string; items: FindingView[]; cursor: string | null; error?: ApiError; loading: boolean }>({ key, items: [], cursor: null, loading: true });
  const [request, setRequest] = useState<{ key: string; cursor: string | undefined; nonce: number }>({ key, cursor: undefined, nonce: 0 });

  // A new filter starts over from the first page.
  if (request.key !== key) setRequest({ key, cursor: undefined, nonce: request.nonce + 1 });

  useEffect(() => {
    if (request.key !== key) return;
    const controller = new AbortController();
    const [ws, q] = JSON.parse(key) as [string, Omit<FindingsQuery, 'cursor' | 'limit'>];
    setState((s) => ({ ...(s.key === key ? s : { key, items: [], cursor: null }), error: undefined, loading: true }));
    api.findings(ws, { ...q, cursor: request.cursor, limit: PAGE_SIZE }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          key,
          // First page replaces, later pages append (the cursor marks which one this is).
          items: request.cursor && s.key === key ? [...s.items, ...page.items] : page.items,
          cursor: page.nextCursor,
          loading: false,
        }));
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError({ type: 'about:blank', title: 'Unexpected error', status: 0, detail: String(err) });
        setState((s) => ({ ...s, key, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [key, request]);

  const cursor = state.key === key ? state.cursor : null;
  const loadMore = useCallback(() => {
    if (cursor) setRequest((r) => ({ key: r.key, cursor, nonce: r.nonce + 1 }));
  }, [cursor]);
  const reload = useCallback(() => setRequest((r) => ({ key: r.key, cursor: undefined, nonce: r.nonce + 1 })), []);

  const current = state.key === key;
  return {
    items: current ? state.items : [],
    loading: !current || state.loading,
    error: current ? state.error : undefined,
    hasMore: current && state.cursor !== null,
    loadMore,
    reload,
  };
}
