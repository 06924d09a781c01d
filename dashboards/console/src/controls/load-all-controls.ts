import type { ControlView } from '@astrolabe/api-contract';
import { api, type ControlsQuery } from '../api/client';

const PAGE = 500;
const MAX_PAGES = 20;

/**
 * Every control matching `q`, following the cursor. A workspace holds the catalog (~80) plus its
 * own controls, so a few pages at most; the console filters and counts statuses on top of it.
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
