import type { ProviderUsage } from '@astrolabe/core';

const GUID_SEGMENT = /\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/gi;

/** `https://graph.microsoft.com/v1.0/groups/<id>/transitiveMembers?…` → `GET /groups/{id}/transitiveMembers`. */
export function graphEndpoint(method: string, url: string): string {
  const path = new URL(url).pathname.replace(/^\/(v1\.0|beta)/i, '').replace(GUID_SEGMENT, '/{id}');
  return `${method} ${path}`;
}

/**
 * Counts what a run costs against Microsoft Graph and the identity platform: every HTTP request
 * (retries included), throttled answers (429) and transient failures (503/504) the retry handler
 * rode out or gave up on, token endpoint calls, and Graph requests by endpoint.
 */
export class UsageTracker {
  graphRequests = 0;
  graphThrottled = 0;
  graphServerErrors = 0;
  identityRequests = 0;
  readonly byEndpoint = new Map<string, number>();

  recordGraph(method: string, url: string, status: number): void {
    this.graphRequests += 1;
    if (status === 429) this.graphThrottled += 1;
    if (status >= 500) this.graphServerErrors += 1;
    const endpoint = graphEndpoint(method, url);
    this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
  }

  recordIdentity(): void {
    this.identityRequests += 1;
  }

  report(): ProviderUsage {
    const out: ProviderUsage = {
      requests: this.graphRequests + this.identityRequests,
      graphRequests: this.graphRequests,
      graphThrottled: this.graphThrottled,
      graphServerErrors: this.graphServerErrors,
      identityRequests: this.identityRequests,
    };
    for (const [endpoint, n] of [...this.byEndpoint].sort(([a], [b]) => a.localeCompare(b))) out[`graph ${endpoint}`] = n;
    return out;
  }
}
