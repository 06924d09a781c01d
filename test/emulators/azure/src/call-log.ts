import type { AzureApi } from './route';

export type AzureFaultKind = 'throttled' | 'server-error' | 'malformed';

/** One request as the emulator saw it: enough for a benchmark to say what a collection cost. */
export interface AzureCall {
  readonly method: string;
  readonly api: AzureApi | 'unknown';
  /** The route template (`GET /v1.0/users`), or `METHOD /path` when nothing matched. */
  readonly route: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  readonly fault: AzureFaultKind | null;
  /** The app (client id) whose token made the call, or that asked the token endpoint; null when unknown. */
  readonly clientId: string | null;
  /** When the request arrived (epoch ms, wall clock): gaps between calls show a client's back-off. */
  readonly startedAt: number;
  readonly durationMs: number;
}

export interface AzureCallSummary {
  readonly requests: number;
  readonly byRoute: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byApi: Readonly<Record<string, number>>;
  readonly faults: number;
}

const countBy = (calls: readonly AzureCall[], key: (c: AzureCall) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of calls) out[key(c)] = (out[key(c)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
};

export function summarizeCalls(calls: readonly AzureCall[]): AzureCallSummary {
  return {
    requests: calls.length,
    byRoute: countBy(calls, (c) => c.route),
    byStatus: countBy(calls, (c) => String(c.status)),
    byApi: countBy(calls, (c) => c.api),
    faults: calls.filter((c) => c.fault !== null).length,
  };
}
