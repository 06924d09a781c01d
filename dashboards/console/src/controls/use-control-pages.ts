import type { ControlPage, ControlView } from '@astrolabe/api-contract';
import { api, type ControlsQuery } from '../api/client';
import { useCursorPages, type CursorPages } from '../api/use-cursor-pages';

const PAGE_SIZE = 50;

/** Controls matching every filter, a page at a time; each page carries the per-status counts for the tabs. */
export function useControlPages(workspaceId: string, query: Omit<ControlsQuery, 'cursor' | 'limit'>): CursorPages<ControlView, ControlPage> {
  return useCursorPages(`controls:${workspaceId}:${JSON.stringify(query)}`, (cursor, signal) => api.controls(workspaceId, { ...query, cursor, limit: PAGE_SIZE }, signal));
}
