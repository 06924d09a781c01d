import type { CollectionError } from '@astrolabe/core';
import { RequestError } from 'octokit';
import { describe } from './github-client';

/** A request GitHub refused because of what the token may see (not a transient failure). */
export function isPermissionError(err: unknown): err is RequestError {
  return err instanceof RequestError && (err.status === 401 || err.status === 403 || err.status === 404 || err.status === 422) && !isRateLimited(err);
}

export function isRateLimited(err: unknown): boolean {
  if (!(err instanceof RequestError)) return false;
  const remaining = err.response?.headers['x-ratelimit-remaining'];
  return (err.status === 403 || err.status === 429) && (String(remaining) === '0' || /rate limit/i.test(describe(err)));
}

/** Turns a failed call into the kind-level error a check shows: what failed and which permission is missing. */
export function kindError(err: unknown, what: string, permission: string): CollectionError {
  if (isPermissionError(err)) return { code: 'access_denied', message: `${what}: GitHub answered ${describe(err)}`, missingPermission: permission };
  if (isRateLimited(err)) return { code: 'rate_limited', message: `${what}: GitHub rate limit exhausted (${describe(err)}); it is retried next run` };
  return { code: 'provider_error', message: `${what}: ${describe(err)}` };
}
