import { githubError } from './graphql-errors';

export interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

export interface PageInfo {
  readonly startCursor: string | null;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

export interface Connection<N> {
  readonly totalCount: number;
  readonly pageInfo: PageInfo;
  readonly edges: readonly ({ readonly cursor: string; readonly node: N } & Record<string, unknown>)[];
  readonly nodes: readonly N[];
}

/** Opaque cursors in GitHub's style (base64 of `cursor:v2:<position>`). */
const encodeCursor = (position: number): string => Buffer.from(`cursor:v2:${position}`).toString('base64');

function decodeCursor(cursor: string): number {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw githubError('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(m[1]);
}

/**
 * Relay cursor paging over a list (first/after, last/before). The cost check has already
 * insisted on first or last within 0..100 before any resolver runs.
 */
export function connection<T, N>(items: readonly T[], args: ConnectionArgs, node: (item: T) => N, edgeFields?: (item: T) => Record<string, unknown>): Connection<N> {
  let start = args.after ? decodeCursor(args.after) + 1 : 0;
  let end = args.before ? decodeCursor(args.before) : items.length;
  start = Math.min(Math.max(start, 0), items.length);
  end = Math.min(Math.max(end, start), items.length);
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const slice = items.slice(start, end);
  const edges = slice.map((item, i) => ({ ...edgeFields?.(item), cursor: encodeCursor(start + i), node: node(item) }));
  return {
    totalCount: items.length,
    pageInfo: {
      startCursor: edges.length > 0 ? encodeCursor(start) : null,
      endCursor: edges.length > 0 ? encodeCursor(end - 1) : null,
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
    },
    edges,
    nodes: edges.map((e) => e.node),
  };
}
