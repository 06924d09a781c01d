import { ConnectorError, type ConnectorLogger, type ResponseCache } from '@astrolabe/core';
import { App, Octokit, RequestError } from 'octokit';
import { z } from 'zod';
import type { GithubConfig, GithubSecret } from './manifest';
import { UsageTracker } from './usage-tracker';

export type GithubOctokit = InstanceType<typeof Octokit>;

export interface GithubSession {
  octokit: GithubOctokit;
  usage: UsageTracker;
}

const cachedValueSchema = z.object({ data: z.unknown(), link: z.string().nullable() });

/** How many times a rate-limited request is retried, and the longest wait we accept. */
const MAX_RATE_LIMIT_RETRIES = 2;
const MAX_RATE_LIMIT_WAIT_S = 120;

function token(secret: GithubSecret, env: NodeJS.ProcessEnv): string | undefined {
  return secret.token ?? (env.GITHUB_TOKEN?.trim() || undefined) ?? (env.GH_TOKEN?.trim() || undefined);
}

/**
 * An Octokit for one run: throttling (primary and secondary limits, honouring retry-after),
 * retries of transient errors, conditional GETs answered from the cache on 304 (which costs no
 * quota), and usage accounting. GitHub Enterprise Server (or an emulator) via baseUrl.
 */
export async function openGithubSession(
  config: GithubConfig,
  secret: GithubSecret,
  opts: { cache: ResponseCache; logger: ConnectorLogger; signal: AbortSignal; env?: NodeJS.ProcessEnv },
): Promise<GithubSession> {
  const usage = new UsageTracker();
  const log = {
    debug: (m: string) => opts.logger.debug(m),
    info: (m: string) => opts.logger.info(m),
    warn: (m: string) => opts.logger.warn(m),
    error: (m: string) => opts.logger.warn(m),
  };
  const throttle = {
    onRateLimit: (retryAfter: number, options: { request: { retryCount: number } }) => shouldRetry('rate limit', retryAfter, options.request.retryCount, opts.logger),
    onSecondaryRateLimit: (retryAfter: number, options: { request: { retryCount: number } }) =>
      shouldRetry('secondary rate limit', retryAfter, options.request.retryCount, opts.logger),
  };
  const common = { baseUrl: config.baseUrl, log, throttle, request: { signal: opts.signal } };

  let octokit: GithubOctokit;
  const appAuth = secret.appId && secret.privateKey && secret.installationId;
  if (appAuth) {
    const app = new App({ appId: secret.appId ?? '', privateKey: secret.privateKey ?? '', Octokit: Octokit.defaults(common) });
    try {
      octokit = (await app.getInstallationOctokit(Number(secret.installationId))) as unknown as GithubOctokit;
      // getInstallationOctokit only builds the client: the JWT → installation token exchange would
      // happen inside the first request, where a bad key reads as "GitHub could not be reached" and
      // an unknown installation as "organization not found". Exchange now (the token is cached).
      await octokit.auth({ type: 'installation' });
    } catch (err) {
      if (err instanceof RequestError && err.status >= 500) {
        // No response: the network, not the credentials; a 5xx: GitHub's side.
        if (!err.response) throw new ConnectorError('endpoint_unreachable', `GitHub could not be reached: ${describe(err)}`);
        throw new ConnectorError('provider_error', `GitHub App installation ${secret.installationId}: the token exchange failed: ${describe(err)}`);
      }
      throw new ConnectorError('credentials_invalid', `GitHub App installation ${secret.installationId} could not authenticate: ${describe(err)}`);
    }
  } else {
    const t = token(secret, opts.env ?? process.env);
    if (!t) throw new ConnectorError('credentials_missing', 'No GitHub credentials: give a token or a GitHub App on the connection, or set GITHUB_TOKEN.');
    octokit = new Octokit({ ...common, auth: t });
  }

  octokit.hook.wrap('request', async (request, options) => {
    const endpoint = octokit.request.endpoint(options);
    const isGraphql = /\/graphql$/.test(endpoint.url);
    if (endpoint.method !== 'GET' || isGraphql) {
      const response = await request(options);
      usage.observeHeaders(response.headers);
      if (isGraphql) usage.graphqlRequests += 1;
      else usage.restRequests += 1;
      return response;
    }
    const key = `GET ${endpoint.url}`;
    const cached = await opts.cache.get(key);
    const parsed = cached ? cachedValueSchema.safeParse(cached.value) : undefined;
    if (cached && parsed?.success) options.headers = { ...options.headers, 'if-none-match': cached.etag };
    try {
      const response = await request(options);
      usage.restRequests += 1;
      usage.observeHeaders(response.headers);
      const etag = response.headers.etag;
      if (etag) await opts.cache.set(key, { etag, value: { data: response.data, link: response.headers.link ?? null } });
      return response;
    } catch (err) {
      if (err instanceof RequestError && err.status === 304 && cached && parsed?.success) {
        usage.restNotModified += 1;
        const headers = { ...(err.response?.headers ?? {}), etag: cached.etag, link: parsed.data.link ?? undefined };
        usage.observeHeaders(headers);
        // Same shape as a 200: paginate() and callers cannot tell a reused page from a fresh one.
        return { status: 200, url: endpoint.url, headers, data: parsed.data.data } as Awaited<ReturnType<typeof request>>;
      }
      if (err instanceof RequestError) {
        usage.restRequests += 1;
        if (err.response) usage.observeHeaders(err.response.headers);
      }
      throw err;
    }
  });
  return { octokit, usage };
}

function shouldRetry(what: string, retryAfter: number, retryCount: number, logger: ConnectorLogger): boolean {
  if (retryCount >= MAX_RATE_LIMIT_RETRIES || retryAfter > MAX_RATE_LIMIT_WAIT_S) {
    logger.warn(`GitHub ${what}: giving up after ${retryCount} retries (retry-after ${retryAfter} s)`);
    return false;
  }
  logger.info(`GitHub ${what}: retrying after ${retryAfter} s`);
  return true;
}

export function describe(err: unknown): string {
  if (err instanceof RequestError) {
    const data = err.response?.data;
    const message = typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string' ? data.message : err.message;
    return `${err.status} ${message}`;
  }
  return err instanceof Error ? err.message : String(err);
}
