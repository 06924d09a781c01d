import { AzureHttpError, type RouteContext } from '../route';

/** Graph's OData query options; anything else in `$…` is rejected as Graph does. */
const SYSTEM_QUERY_OPTIONS = ['$select', '$top', '$skiptoken', '$expand', '$filter', '$orderby', '$count', '$search', '$skip', '$format'] as const;
type QueryOption = (typeof SYSTEM_QUERY_OPTIONS)[number];

export const MAX_PAGE_SIZE = 999;

export const badRequest = (code: string, message: string): AzureHttpError => new AzureHttpError(400, code, message);

/**
 * Rejects query options a route does not implement, naming them, so a client relying on one
 * (`$filter` server-side) fails loudly instead of silently getting everything.
 */
export function allowQueryOptions(ctx: RouteContext, allowed: readonly QueryOption[]): void {
  for (const key of ctx.query.keys()) {
    const option = key.toLowerCase();
    if (!option.startsWith('$')) continue;
    if (!(SYSTEM_QUERY_OPTIONS as readonly string[]).includes(option)) throw badRequest('BadRequest', `Query option '${key}' is not allowed. Make sure that it is supported by the endpoint.`);
    if (!(allowed as readonly string[]).includes(option)) throw badRequest('Request_UnsupportedQuery', `The query option '${key}' is not supported by ${ctx.path} in the emulator.`);
  }
}

/** Query values by lower-cased key: Graph treats `$Select` like `$select`. */
export function queryValue(ctx: RouteContext, name: QueryOption): string | null {
  for (const [key, value] of ctx.query) if (key.toLowerCase() === name) return value;
  return null;
}

/**
 * `$select` resolved against the properties a type has (case-insensitive, canonical names out);
 * null when absent. An unknown property is Graph's 400.
 */
export function parseSelect(ctx: RouteContext, typeName: string, properties: ReadonlyMap<string, string>): string[] | null {
  const raw = queryValue(ctx, '$select');
  if (raw === null) return null;
  return raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => {
      const canonical = properties.get(p.toLowerCase());
      if (!canonical) throw badRequest('Request_BadRequest', `Could not find a property named '${p}' on type '${typeName}'.`);
      return canonical;
    });
}

/** `$top` in 1..999, or undefined. */
export function parseTop(ctx: RouteContext): number | undefined {
  const raw = queryValue(ctx, '$top');
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badRequest('Request_UnsupportedQuery', `Invalid page size specified: '${raw}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`);
  }
  return n;
}

function decodeSkipToken(ctx: RouteContext): number {
  const raw = queryValue(ctx, '$skiptoken');
  if (raw === null) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'o' in parsed && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o > 0) return parsed.o;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('Directory_ExpiredPageToken', 'The specified page token value has expired and can no longer be included in your request.');
}

/** Graph leaves `$`, `,` and `'` unencoded in the links it writes. */
function linkQuery(params: readonly (readonly [string, string])[]): string {
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%27/g, "'")}`).join('&');
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Absolute URL of the next page, keeping every query option but the skip token. */
  readonly nextLink: string | undefined;
}

/**
 * Server-side paging as Graph does it: `$top` asks for a page size, the server may return fewer
 * (`maxSize`), and `@odata.nextLink` carries an opaque `$skiptoken` plus the original options.
 */
export function paginate<T>(items: readonly T[], ctx: RouteContext, opts: { defaultSize: number; maxSize?: number }): Page<T> {
  const size = Math.min(parseTop(ctx) ?? opts.defaultSize, opts.maxSize ?? MAX_PAGE_SIZE);
  const offset = decodeSkipToken(ctx);
  const slice = items.slice(offset, offset + size);
  const next = offset + size;
  if (next >= items.length) return { items: slice, nextLink: undefined };
  const kept = [...ctx.query].filter(([k]) => k.toLowerCase() !== '$skiptoken');
  const token = Buffer.from(JSON.stringify({ o: next })).toString('base64url');
  return { items: slice, nextLink: `${ctx.baseUrl}${ctx.path}?${linkQuery([...kept, ['$skiptoken', token]])}` };
}

/** `https://…/v1.0/$metadata#users(id,displayName)`. */
export function odataContext(ctx: RouteContext, fragment: string, select: readonly string[] | null): string {
  return `${ctx.baseUrl}/v1.0/$metadata#${fragment}${select ? `(${select.join(',')})` : ''}`;
}

export function collection(ctx: RouteContext, fragment: string, select: readonly string[] | null, page: Page<unknown>): Record<string, unknown> {
  return {
    '@odata.context': odataContext(ctx, fragment, select),
    ...(page.nextLink !== undefined && { '@odata.nextLink': page.nextLink }),
    value: page.items,
  };
}

/** Keeps only the selected properties (all of `defaults` when nothing is selected), in selection order. */
export function project(properties: Readonly<Record<string, () => unknown>>, select: readonly string[] | null, defaults: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of select ?? defaults) {
    const get = properties[name];
    if (get) out[name] = get();
  }
  return out;
}
