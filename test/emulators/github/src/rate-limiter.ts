export type RateLimitResource = 'core' | 'graphql';

export interface RateLimitSnapshot {
  readonly resource: RateLimitResource;
  readonly limit: number;
  readonly used: number;
  readonly remaining: number;
  /** Epoch seconds, as `x-ratelimit-reset` carries it. */
  readonly reset: number;
}

interface Bucket {
  windowStart: number;
  used: number;
}

/**
 * GitHub's primary rate limit: a fixed window (an hour) per user or installation and resource,
 * that starts with the first charged request and refills at `reset`.
 */
export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number,
  ) {}

  snapshot(key: string, resource: RateLimitResource, limit: number): RateLimitSnapshot {
    const bucket = this.bucket(key, resource);
    const used = bucket?.used ?? 0;
    const reset = Math.ceil(((bucket?.windowStart ?? this.clock()) + this.windowMs) / 1000);
    return { resource, limit, used, remaining: Math.max(0, limit - used), reset };
  }

  /** Charges `amount` if it fits; a request that does not fit is refused and charges nothing. */
  tryCharge(key: string, resource: RateLimitResource, limit: number, amount: number): { ok: boolean; snapshot: RateLimitSnapshot } {
    const before = this.snapshot(key, resource, limit);
    if (amount > before.remaining) return { ok: false, snapshot: before };
    if (amount > 0) {
      const bucket = this.bucket(key, resource) ?? { windowStart: this.clock(), used: 0 };
      bucket.used += amount;
      this.buckets.set(`${key}|${resource}`, bucket);
    }
    return { ok: true, snapshot: this.snapshot(key, resource, limit) };
  }

  reset(): void {
    this.buckets = new Map();
  }

  private bucket(key: string, resource: RateLimitResource): Bucket | undefined {
    const id = `${key}|${resource}`;
    const bucket = this.buckets.get(id);
    if (bucket && this.clock() >= bucket.windowStart + this.windowMs) {
      this.buckets.delete(id);
      return undefined;
    }
    return bucket;
  }
}
