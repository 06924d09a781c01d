import type { ExceptionPage, ExceptionState, ExceptionView } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { useCursorPages, type CursorPages } from '../api/use-cursor-pages';

const PAGE_SIZE = 50;

/** Exceptions in one state, a page at a time; each page carries the per-state counts for the tabs. */
export function useExceptions(workspaceId: string, state: ExceptionState): CursorPages<ExceptionView, ExceptionPage> {
  return useCursorPages(`exceptions:${workspaceId}:${state}`, (cursor, signal) => api.exceptions(workspaceId, { state, cursor, limit: PAGE_SIZE }, signal));
}
