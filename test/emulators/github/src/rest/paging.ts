import type { RestContext } from './rest-context';

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

const positiveInt = (raw: string | null): number | undefined => {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export interface Page<T> {
  readonly items: T[];
  readonly link: string | undefined;
}

/**
 * `per_page` (default 30, silently capped at 100) and `page` (from 1) as GitHub pages lists,
 * with a Link header carrying prev/next/last/first in GitHub's order. `linkPath` is where the
 * links point: GitHub uses id-based paths (`/organizations/123/repos`) there.
 */
export function paginate<T>(items: readonly T[], ctx: RestContext, linkPath: string): Page<T> {
  const perPage = Math.min(positiveInt(ctx.query.get('per_page')) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const page = positiveInt(ctx.query.get('page')) ?? 1;
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const url = (n: number): string => {
    const query = new URLSearchParams(ctx.query);
    query.set('page', String(n));
    return `${ctx.urls.api}${linkPath}?${query.toString()}`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${url(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) links.push(`<${url(page + 1)}>; rel="next"`, `<${url(lastPage)}>; rel="last"`);
  if (page > 1) links.push(`<${url(1)}>; rel="first"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), link: links.length > 0 ? links.join(', ') : undefined };
}
