import type { ExceptionState, ExceptionView } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { useCursorPages, type CursorPages } from '../api/use-cursor-pages';

const PAGE_SIZE = 50;

export function useExceptions(workspaceId: string, state: ExceptionState): CursorPages<ExceptionView> {
  return useCursorPages(`exceptions:${workspaceId}:${state}`, (cursor, signal) => api.exceptions(workspaceId, { state, cursor, limit: PAGE_SIZE }, signal));
}
