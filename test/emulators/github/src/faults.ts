import type { RateLimitResource } from './rate-limiter';
import { seededRandom } from './seeded-random';

/**
 * Selects requests for a fault. A string is a route template (`GET /orgs/{org}/repos`,
 * `POST /graphql`) or an API path (`/orgs/acme-corp/repos`); a RegExp is tested against
 * `METHOD /path?query` (the path without `/api/v3`), e.g. `/repos\?.*\bpage=2\b/`.
 */
export type GithubRequestMatcher = string | RegExp;

/** Faults that can be changed while the emulator runs. */
export interface GithubFaults {
  /** Added to every response, errors included. */
  latencyMs: number;
  /** Resources answered as exhausted (primary rate limit, remaining 0) whatever the real quota. */
  exhaustRateLimit: readonly RateLimitResource[];
  /** The next N requests get a secondary rate limit (403 + retry-after). Counts down as they arrive. */
  secondaryRateLimitFirst: number;
  /** Fraction (0..1) of requests answered with a secondary rate limit. */
  secondaryRateLimitRate: number;
  /** `retry-after` seconds sent with secondary rate limits. Default 60, as GitHub usually says. */
  retryAfterSeconds: number;
  /** The next N requests get a 5xx. */
  serverErrorFirst: number;
  /** Fraction (0..1) of requests answered with a 5xx. */
  serverErrorRate: number;
  /** Requests always answered with a 5xx. */
  serverErrors: readonly GithubRequestMatcher[];
  /** Status of injected server errors: 500, 502 or 503. Default 502, GitHub's usual transient one. */
  serverErrorStatus: 500 | 502 | 503;
  /** Requests answered 200 with the JSON body cut off halfway (a page that fails to parse). */
  malformed: readonly GithubRequestMatcher[];
}

export const DEFAULT_FAULTS: GithubFaults = {
  latencyMs: 0,
  exhaustRateLimit: [],
  secondaryRateLimitFirst: 0,
  secondaryRateLimitRate: 0,
  retryAfterSeconds: 60,
  serverErrorFirst: 0,
  serverErrorRate: 0,
  serverErrors: [],
  serverErrorStatus: 502,
  malformed: [],
};

export interface FaultTarget {
  readonly method: string;
  readonly route: string;
  /** Path without the `/api/v3` prefix (`/graphql` for GraphQL). */
  readonly apiPath: string;
  readonly search: string;
}

const matches = (m: GithubRequestMatcher, t: FaultTarget): boolean =>
  typeof m === 'string' ? m === t.route || m === t.apiPath || m === `${t.method} ${t.apiPath}` : m.test(`${t.method} ${t.apiPath}${t.search}`);

/** The live fault settings plus the dice, so a run with faults repeats for a seed. */
export class FaultState {
  private readonly random: () => number;
  readonly current: GithubFaults;

  constructor(initial: Partial<GithubFaults>, seed: number) {
    this.current = { ...DEFAULT_FAULTS };
    this.update(initial);
    this.random = seededRandom(seed);
  }

  /** Takes only fault settings (emulator options carry other keys too) and ignores undefined ones. */
  update(next: Partial<GithubFaults>): void {
    const source: Record<string, unknown> = next;
    const picked = Object.keys(DEFAULT_FAULTS).flatMap((key) => (source[key] === undefined ? [] : [[key, source[key]]]));
    Object.assign(this.current, Object.fromEntries(picked));
  }

  secondaryRateLimit(): boolean {
    if (this.current.secondaryRateLimitFirst > 0) {
      this.current.secondaryRateLimitFirst--;
      return true;
    }
    return this.current.secondaryRateLimitRate > 0 && this.random() < this.current.secondaryRateLimitRate;
  }

  serverError(target: FaultTarget): boolean {
    if (this.current.serverErrors.some((m) => matches(m, target))) return true;
    if (this.current.serverErrorFirst > 0) {
      this.current.serverErrorFirst--;
      return true;
    }
    return this.current.serverErrorRate > 0 && this.random() < this.current.serverErrorRate;
  }

  malformed(target: FaultTarget): boolean {
    return this.current.malformed.some((m) => matches(m, target));
  }
}
