import type { Client, GraphRequest } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { MalformedResponseError } from './graph-errors';

const pageSchema = z.object({
  value: z.array(z.unknown()),
  '@odata.nextLink': z.string().optional(),
});

/**
 * Reads a Graph collection page by page, following `@odata.nextLink` verbatim (it carries the
 * skip token and the original `$select`/`$top`), validating each item with `item` and handing
 * each page to `onPage` as it arrives, so a 50,000-user tenant is never held twice in memory.
 */
export async function forEachPage<T>(
  client: Client,
  first: GraphRequest,
  item: z.ZodType<T>,
  onPage: (items: T[]) => void,
  signal: AbortSignal,
): Promise<{ pages: number; items: number }> {
  let pages = 0;
  let items = 0;
  let raw: unknown = await first.get();
  for (;;) {
    const page = pageSchema.safeParse(raw);
    if (!page.success) throw new MalformedResponseError(`page ${pages + 1} is not a Graph collection (${page.error.issues[0]?.message ?? 'invalid'})`);
    const parsed = page.data.value.map((v, i) => {
      const r = item.safeParse(v);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new MalformedResponseError(`item ${i + 1} of page ${pages + 1} is not what Graph documents (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
      }
      return r.data;
    });
    pages += 1;
    items += parsed.length;
    onPage(parsed);
    const next = page.data['@odata.nextLink'];
    if (!next) return { pages, items };
    signal.throwIfAborted();
    raw = await client.api(next).get();
  }
}

/** Runs `task` over `items` with at most `limit` in flight (group expansions, without flooding Graph). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
