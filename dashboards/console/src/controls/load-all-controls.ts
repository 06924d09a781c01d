import type { ControlView } from '@astrolabe/api-contract';
import { api, type ControlsQuery } from '../api/client';

const PAGE = 500;
const MAX_PAGES = 20;

/**
 * Every control matching `q`, following the cursor: for views that place each control somewhere
 * (a framework's requirement tree). Lists page with `useControlPages` instead.
 */
export async function loadAllControls(workspaceId: string, q: Omit<ControlsQuery, 'cursor' | 'limit'>, signal?: AbortSignal): Promise<ControlView[]> {
  const items: ControlView[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await api.controls(workspaceId, { ...q, cursor, limit: PAGE }, signal);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}
