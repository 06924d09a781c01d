import type { ProviderUsage } from '@astrolabe/core';

/**
 * Counts what a run costs against Azure's limits: every HTTP request to ARM and Graph (retries
 * included), throttled answers (429) and server errors the retry policy rode out or gave up on,
 * and token requests. ARM throttles reads per principal and subscription per hour, so the ARM
 * count is the number to watch.
 */
export class UsageTracker {
  armRequests = 0;
  armThrottled = 0;
  graphRequests = 0;
  graphThrottled = 0;
  serverErrors = 0;
  identityRequests = 0;

  record(api: 'arm' | 'graph', status: number): void {
    if (api === 'arm') this.armRequests += 1;
    else this.graphRequests += 1;
    if (status === 429) {
      if (api === 'arm') this.armThrottled += 1;
      else this.graphThrottled += 1;
    }
    if (status >= 500) this.serverErrors += 1;
  }

  recordIdentity(): void {
    this.identityRequests += 1;
  }

  report(): ProviderUsage {
    return {
      requests: this.armRequests + this.graphRequests + this.identityRequests,
      armRequests: this.armRequests,
      armThrottled: this.armThrottled,
      graphRequests: this.graphRequests,
      graphThrottled: this.graphThrottled,
      serverErrors: this.serverErrors,
      identityRequests: this.identityRequests,
    };
  }
}
