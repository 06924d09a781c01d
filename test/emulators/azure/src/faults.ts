import type { AzureApi } from './route';
import { seededRandom } from './seeded-random';

/**
 * Selects requests for a fault. A string is a route template (`GET /v1.0/users`) or a path
 * (`/v1.0/users`); a RegExp is tested against `METHOD /path?query` (query as received, e.g.
 * `/users\?.*\$skiptoken=/` for "every page after the first").
 */
export type AzureRequestMatcher = string | RegExp;

/** Faults that can be changed while the emulator runs. */
export interface AzureFaults {
  /** Added to every response, token endpoint included. */
  latencyMs: number;
  /** The next N API requests (Graph and ARM; or those `throttleOn` selects) get 429 + Retry-After. Counts down as they arrive. */
  throttleFirst: number;
  /** Fraction (0..1) of API requests answered with 429. */
  throttleRate: number;
  /** Limits throttling to these requests (empty: every Graph and ARM request). */
  throttleOn: readonly AzureRequestMatcher[];
  /** `Retry-After` seconds sent with 429s and 503s. Default 2. */
  retryAfterSeconds: number;
  /** The next N API requests get a 5xx. */
  serverErrorFirst: number;
  /** Fraction (0..1) of API requests answered with a 5xx. */
  serverErrorRate: number;
  /** Requests always answered with a 5xx. */
  serverErrors: readonly AzureRequestMatcher[];
  /** Status of injected server errors. Default 503, Graph's usual transient one. */
  serverErrorStatus: 500 | 502 | 503 | 504;
  /** Requests answered 200 with the JSON body cut off halfway (a page that fails to parse). */
  malformed: readonly AzureRequestMatcher[];
  /**
   * Graph lists users without signInActivity although the caller may read it, as it does for a
   * tenant whose premium licence lapsed: the property is simply missing for everyone.
   */
  withholdSignInActivity: boolean;
}

export const DEFAULT_FAULTS: AzureFaults = {
  latencyMs: 0,
  throttleFirst: 0,
  throttleRate: 0,
  throttleOn: [],
  retryAfterSeconds: 2,
  serverErrorFirst: 0,
  serverErrorRate: 0,
  serverErrors: [],
  serverErrorStatus: 503,
  malformed: [],
  withholdSignInActivity: false,
};

export interface FaultTarget {
  readonly api: AzureApi | 'unknown';
  readonly method: string;
  readonly route: string;
  readonly path: string;
  readonly search: string;
}

const matches = (m: AzureRequestMatcher, t: FaultTarget): boolean =>
  typeof m === 'string' ? m === t.route || m === t.path || m === `${t.method} ${t.path}` : m.test(`${t.method} ${t.path}${t.search}`);

const isApi = (t: FaultTarget): boolean => t.api === 'graph' || t.api === 'arm';

/** The live fault settings plus the dice, so a run with faults repeats for a seed. */
export class FaultState {
  private readonly random: () => number;
  readonly current: AzureFaults;

  constructor(initial: Partial<AzureFaults>, seed: number) {
    this.current = { ...DEFAULT_FAULTS };
    this.update(initial);
    this.random = seededRandom(seed);
  }

  /** Takes only fault settings and ignores undefined ones. */
  update(next: Partial<AzureFaults>): void {
    const source: Record<string, unknown> = next;
    const picked = Object.keys(DEFAULT_FAULTS).flatMap((key) => (source[key] === undefined ? [] : [[key, source[key]]]));
    Object.assign(this.current, Object.fromEntries(picked));
  }

  throttled(target: FaultTarget): boolean {
    const eligible = this.current.throttleOn.length > 0 ? this.current.throttleOn.some((m) => matches(m, target)) : isApi(target);
    if (!eligible) return false;
    if (this.current.throttleFirst > 0) {
      this.current.throttleFirst--;
      return true;
    }
    return this.current.throttleRate > 0 && this.random() < this.current.throttleRate;
  }

  serverError(target: FaultTarget): boolean {
    if (this.current.serverErrors.some((m) => matches(m, target))) return true;
    if (!isApi(target)) return false;
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
