// Child process of scoring.bench.ts: drives GET /overview with autocannon so the load generator
// does not share the server's event loop. Every response time is kept, so p95 is exact
// (autocannon's own summary has p90 and p97.5 but no p95).
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  durationS: number;
  throughputRps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export function runLoad(url: string, connections: number, durationS: number): Promise<LoadResult> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: durationS, timeout: 30, headers: { cookie: process.env.BENCH_COOKIE ?? '' } }, (err, result) => {
      if (err) return reject(err);
      const sorted = [...times].sort((a, b) => a - b);
      resolve({
        requests: sorted.length,
        durationS: result.duration,
        throughputRps: sorted.length / result.duration,
        p50Ms: percentile(sorted, 50),
        p95Ms: percentile(sorted, 95),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted[sorted.length - 1] ?? NaN,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => times.push(responseTimeMs));
  });
}

// Forked by the bench with: <url> <connections> <durationS>; answers with one IPC message.
if (require.main === module && process.send) {
  const [url, connections, duration] = process.argv.slice(2);
  if (!url) throw new Error('usage: overview-load.ts <url> <connections> <durationS>');
  runLoad(url, Number(connections ?? 50), Number(duration ?? 10))
    .then((result) => process.send?.({ ok: true, result }, () => process.exit(0)))
    .catch((err: unknown) => process.send?.({ ok: false, error: String(err) }, () => process.exit(1)));
}
