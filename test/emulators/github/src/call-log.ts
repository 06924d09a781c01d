import type { RateLimitResource } from './rate-limiter';

export type GithubFaultKind = 'secondary-rate-limit' | 'primary-rate-limit' | 'server-error' | 'malformed';

/** One request as the emulator saw it: enough for a benchmark to say what a collection cost. */
export interface GithubCall {
  readonly method: string;
  readonly kind: 'rest' | 'graphql' | 'unknown';
  /** The route template (`GET /orgs/{org}/repos`, `POST /graphql`), or the raw path when nothing matched. */
  readonly route: string;
  /** As received, e.g. `/api/v3/orgs/acme-corp/repos`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  /** The request carried `If-None-Match`. */
  readonly conditional: boolean;
  readonly notModified: boolean;
  /** The quota the request counted against (null: none, e.g. bad credentials). */
  readonly resource: RateLimitResource | null;
  /** REST: 1 per request that is not a 304 (and not /rate_limit); GraphQL: the query's point cost. */
  readonly charged: number;
  readonly fault: GithubFaultKind | null;
  /** Login of the caller (`<app>[bot]` for app tokens, the app's slug for its JWT), null when anonymous or unknown. */
  readonly principal: string | null;
  readonly durationMs: number;
}

export interface GithubCallSummary {
  readonly requests: number;
  readonly byRoute: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly conditional: number;
  readonly notModified: number;
  readonly faults: number;
  /** REST requests charged against the `core` quota. */
  readonly restQuotaUsed: number;
  /** GraphQL points charged against the `graphql` quota. */
  readonly graphqlPoints: number;
}

const countBy = (calls: readonly GithubCall[], key: (c: GithubCall) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of calls) out[key(c)] = (out[key(c)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
};

export function summarizeCalls(calls: readonly GithubCall[]): GithubCallSummary {
  return {
    requests: calls.length,
    byRoute: countBy(calls, (c) => c.route),
    byStatus: countBy(calls, (c) => String(c.status)),
    conditional: calls.filter((c) => c.conditional).length,
    notModified: calls.filter((c) => c.notModified).length,
    faults: calls.filter((c) => c.fault !== null).length,
    restQuotaUsed: calls.filter((c) => c.resource === 'core').reduce((n, c) => n + c.charged, 0),
    graphqlPoints: calls.filter((c) => c.resource === 'graphql').reduce((n, c) => n + c.charged, 0),
  };
}
