import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RateLimitSnapshot } from './rate-limiter';

const MAX_BODY_BYTES = 5_000_000;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `x-github-request-id` looks like `C0DE:1A2B:3C4D5E:6F7A8B:66A1B2C3`. */
export function requestId(): string {
  const hex = (n: number): string => randomBytes(n).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

export function rateLimitHeaders(s: RateLimitSnapshot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(s.limit),
    'x-ratelimit-remaining': String(s.remaining),
    'x-ratelimit-reset': String(s.reset),
    'x-ratelimit-used': String(s.used),
    'x-ratelimit-resource': s.resource,
  };
}

/** Strong ETag of a representation; per caller too, since GitHub varies on Authorization. */
export function etagFor(callerKey: string, body: string): string {
  return `"${createHash('sha256').update(callerKey).update('\n').update(body).digest('hex')}"`;
}

/** If-None-Match: a list of tags or `*`; weak comparison, so a `W/` prefix still matches. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (t: string): string => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

export function sendJson(res: ServerResponse, status: number, headers: Record<string, string>, body: string, head: boolean): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(head ? undefined : body);
}

export function sendNotModified(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(304, headers);
  res.end();
}
