import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { Agent, request as httpsRequest } from 'node:https';
import type { UsageTracker } from './usage-tracker';

/** Most Graph calls of a run go to one host: a few keep-alive sockets carry them all. */
const MAX_SOCKETS = 8;
const REQUEST_TIMEOUT_MS = 120_000;

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function bodyOf(init: RequestInit | undefined): string | Buffer | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('the entra-id Graph transport sends only string or binary bodies');
}

/**
 * The last middleware of the Graph client's chain: sends the request over node:https and hands a
 * fetch `Response` back to the handlers above it (retry, redirect, telemetry, authentication).
 *
 * It replaces the client's default HTTPMessageHandler (global fetch) for one reason: a connection
 * may need to trust an extra CA (a TLS-inspecting proxy, a private cloud, the emulator), and Node
 * 20's fetch cannot be given one per client. Everything above the transport is the official
 * client's own code, unchanged. Each request, retries included, is counted by endpoint.
 */
export class GraphHttpsTransport implements Middleware {
  private readonly agent: Agent;

  constructor(
    private readonly usage: UsageTracker,
    private readonly signal: AbortSignal,
    ca: readonly string[] | undefined,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, ...(ca && { ca: [...ca] }) });
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const init = context.options;
    const method = (init?.method ?? 'GET').toUpperCase();
    if (!url.startsWith('https://')) throw new Error(`refusing to send a Graph request without TLS: ${url}`);
    const response = await new Promise<Response>((resolve, reject) => {
      const req = httpsRequest(url, { method, headers: headersOf(init), agent: this.agent, signal: this.signal, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers = new Headers();
          for (const [key, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) headers.append(key, v);
            else if (value !== undefined) headers.set(key, value);
          }
          const status = res.statusCode ?? 500;
          const nullBody = status === 204 || status === 304 || method === 'HEAD';
          resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers }));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`Graph did not answer within ${REQUEST_TIMEOUT_MS / 1000} s: ${method} ${url}`)));
      req.on('error', reject);
      const body = bodyOf(init);
      if (body !== undefined) req.write(body);
      req.end();
    });
    this.usage.recordGraph(method, url, response.status);
    context.response = response;
  }

  /** Closes idle keep-alive sockets at the end of a run. */
  close(): void {
    this.agent.destroy();
  }
}
