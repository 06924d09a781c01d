import type { ProviderUsage } from '@astrolabe/core';

/**
 * Counts what a run costs against GitHub's rate limits: REST requests that count (a 304 does
 * not), conditional hits, GraphQL requests and points, and what the last response said is left.
 */
export class UsageTracker {
  restRequests = 0;
  restNotModified = 0;
  graphqlRequests = 0;
  graphqlPoints = 0;
  /** Repository scans answered from the previous run because nothing had changed. */
  scansReused = 0;
  restRemaining: number | null = null;
  graphqlRemaining: number | null = null;

  /** Reads the rate-limit headers GitHub sends on every response. */
  observeHeaders(headers: Record<string, string | number | undefined>): void {
    const remaining = Number(headers['x-ratelimit-remaining']);
    if (!Number.isFinite(remaining)) return;
    if (headers['x-ratelimit-resource'] === 'graphql') this.graphqlRemaining = remaining;
    else this.restRemaining = remaining;
  }

  report(): ProviderUsage {
    const out: ProviderUsage = {
      restRequests: this.restRequests,
      restNotModified: this.restNotModified,
      graphqlRequests: this.graphqlRequests,
      graphqlPoints: this.graphqlPoints,
      scansReused: this.scansReused,
      quotaUsed: this.restRequests + this.graphqlPoints,
    };
    if (this.restRemaining !== null) out.restRemaining = this.restRemaining;
    if (this.graphqlRemaining !== null) out.graphqlRemaining = this.graphqlRemaining;
    return out;
  }
}
