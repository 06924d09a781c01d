import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { summarizeCalls, type GithubCall, type GithubCallSummary } from './call-log';
import { FaultState, type FaultTarget, type GithubFaults } from './faults';
import { handleGraphql } from './graphql/graphql-endpoint';
import { etagFor, ifNoneMatchHits, rateLimitHeaders, readBody, requestId, sendJson, sendNotModified } from './http-io';
import { ANONYMOUS, appJwtPrincipal, principalFor, type Principal } from './model/access';
import { GithubModel, type TokenModel } from './model/github-model';
import { RateLimiter, type RateLimitResource, type RateLimitSnapshot } from './rate-limiter';
import { apiUrls, type ApiUrls } from './rest/api-urls';
import { verifyAppJwt } from './rest/app-jwt';
import { DOCS, GithubHttpError, httpErrors } from './rest/http-error';
import type { RestContext } from './rest/rest-context';
import { matchRoute, type RouteMatch } from './rest/rest-router';
import { parseGithubScenario } from './scenario-loader';
import type { GithubScenario, GithubScenarioInput, ScenarioAppInput } from './scenario-schema';

export interface GithubEmulatorOptions extends Partial<GithubFaults> {
  /** A scenario object (validated here) — see README.md for the format. */
  scenario: GithubScenario | GithubScenarioInput;
  /**
   * GitHub Apps added to the scenario's `apps`: how a test hands over the public key of a key pair
   * it generated, so no private key is ever committed.
   */
  apps?: readonly ScenarioAppInput[];
  /** What relative scenario dates (`-120d`) are measured from. Default: the current time. */
  now?: Date;
  /**
   * The emulator's wall clock in epoch ms: rate-limit windows, JWT `iat`/`exp`, token expiry and the
   * `Date` header. Default: Date.now.
   */
  clock?: () => number;
  /** Length of a rate-limit window. Default 3600 s, as on GitHub. */
  rateLimitWindowSeconds?: number;
  /** Seed of the fault dice (secondary limits, 5xx by rate), so a run with faults repeats. Default 1. */
  seed?: number;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface GithubEmulator {
  /** `http://127.0.0.1:<port>`: the "GitHub Enterprise Server" host. */
  readonly url: string;
  /** `${url}/api/v3`: octokit's `baseUrl` (its GraphQL client then posts to `${url}/api/graphql`). */
  readonly restUrl: string;
  readonly graphqlUrl: string;
  readonly port: number;
  /** Login of the scenario's organization. */
  readonly org: string;
  /** Every request, in the order answered, faults included. */
  calls(): GithubCall[];
  /** Requests by route and status, REST quota used and GraphQL points charged. */
  summary(): GithubCallSummary;
  resetCalls(): void;
  /** The quota a token has now (as x-ratelimit-* would say). */
  rateLimit(token: string, resource: RateLimitResource): RateLimitSnapshot;
  /** Refills every quota, as if an hour had passed. */
  resetRateLimits(): void;
  setFaults(faults: Partial<GithubFaults>): void;
  stop(): Promise<void>;
}

interface Outcome {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** null: 304, no body. */
  readonly body: string | null;
  readonly kind: GithubCall['kind'];
  readonly route: string;
  readonly resource: RateLimitResource | null;
  readonly charged: number;
  readonly fault: GithubCall['fault'];
  readonly principal: Principal | null;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const AUTH = /^(?:token|bearer)\s+(\S+)\s*$/i;
const COMMON_HEADERS = {
  'x-github-media-type': 'github.v3; format=json',
  'x-github-api-version-selected': '2022-11-28',
  vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
};

/**
 * Starts an in-process GitHub (REST v3 under `/api/v3`, GraphQL v4 at `/api/graphql`, as GitHub
 * Enterprise Server lays them out) seeded from a scenario, with GitHub's paging, ETags, rate-limit
 * accounting and error shapes, and injectable faults.
 */
export async function startGithubEmulator(options: GithubEmulatorOptions): Promise<GithubEmulator> {
  const input: GithubScenario | GithubScenarioInput = options.apps ? { ...options.scenario, apps: [...(options.scenario.apps ?? []), ...options.apps] } : options.scenario;
  const scenario = parseGithubScenario(input);
  const model = new GithubModel(scenario, options.now ?? new Date());
  const clock = options.clock ?? Date.now;
  const limiter = new RateLimiter((options.rateLimitWindowSeconds ?? 3600) * 1000, clock);
  const faults = new FaultState(options, options.seed ?? 1);
  let calls: GithubCall[] = [];

  const snapshotFor = (p: Principal, resource: RateLimitResource): RateLimitSnapshot => {
    const real = limiter.snapshot(p.bucketKey, resource, p.limits[resource]);
    return faults.current.exhaustRateLimit.includes(resource) ? { ...real, used: real.limit, remaining: 0 } : real;
  };
  const charge = (p: Principal, resource: RateLimitResource, amount: number): { ok: boolean; snapshot: RateLimitSnapshot } =>
    faults.current.exhaustRateLimit.includes(resource) ? { ok: false, snapshot: snapshotFor(p, resource) } : limiter.tryCharge(p.bucketKey, resource, p.limits[resource], amount);
  const exceededFor = (p: Principal): string =>
    p.kind === 'app' ? 'this installation' : p.kind === 'app-jwt' && p.app ? `app ID ${p.app.id}` : p.user ? `user ID ${p.user.id}` : '127.0.0.1';
  /** A token the scenario lists, or a minted installation token that has not expired (GitHub: 401 after an hour). */
  const liveToken = (value: string): TokenModel | undefined => {
    const token = model.token(value);
    return token && (token.expiresAt === null || token.expiresAt.getTime() > clock()) ? token : undefined;
  };

  const errorOutcome = (err: GithubHttpError, base: Omit<Outcome, 'status' | 'body' | 'headers'>, headers: Record<string, string>): Outcome => ({
    ...base,
    status: err.status,
    headers: { ...headers, ...err.headers },
    body: JSON.stringify(err.body()),
  });

  const processRest = (req: IncomingMessage, url: URL, raw: string, urls: ApiUrls, principal: Principal, match: RouteMatch | undefined, route: string, headers: Record<string, string>): Outcome => {
    const base = { kind: 'rest' as const, route, resource: 'core' as const, charged: 0, fault: null, principal };
    if (principal.scopes) {
      headers['x-oauth-scopes'] = principal.scopes.join(', ');
      headers['x-accepted-oauth-scopes'] = match?.route.acceptedScopes ?? '';
    }
    const free = match?.route.free === true;
    const before = snapshotFor(principal, 'core');
    if (!free && before.remaining === 0) {
      return errorOutcome(httpErrors.primaryRateLimit(exceededFor(principal)), { ...base, fault: faults.current.exhaustRateLimit.includes('core') ? 'primary-rate-limit' : null }, { ...headers, ...rateLimitHeaders(before) });
    }
    // Every request that reaches the API counts, errors included; 304s and /rate_limit do not.
    const charged = (): Record<string, string> => rateLimitHeaders(free ? before : charge(principal, 'core', 1).snapshot);
    if (!match) return errorOutcome(httpErrors.notFound(), { ...base, charged: 1 }, { ...headers, ...charged() });
    let body: unknown = undefined;
    if (match.route.method === 'POST' && raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        return errorOutcome(httpErrors.problemsParsingJson(DOCS.rest), { ...base, charged: free ? 0 : 1 }, { ...headers, ...charged() });
      }
    }
    const ctx: RestContext = {
      model,
      principal,
      params: match.params,
      query: url.searchParams,
      urls,
      rateLimit: (resource) => snapshotFor(principal, resource),
      body,
      now: () => new Date(clock()),
    };
    let result: ReturnType<typeof match.route.handler>;
    try {
      result = match.route.handler(ctx);
    } catch (err) {
      if (!(err instanceof GithubHttpError)) throw err;
      return errorOutcome(err, { ...base, charged: free ? 0 : 1 }, { ...headers, ...charged() });
    }
    const json = JSON.stringify(result.body);
    const status = result.status ?? 200;
    if (match.route.method !== 'GET') return { ...base, charged: free ? 0 : 1, status, headers: { ...headers, ...charged() }, body: json };
    const etag = etagFor(principal.bucketKey, json);
    const cacheHeaders: Record<string, string> = { etag, 'cache-control': 'private, max-age=60, s-maxage=60' };
    if (result.link) cacheHeaders['link'] = result.link;
    if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
      return { ...base, status: 304, headers: { ...headers, ...cacheHeaders, ...rateLimitHeaders(before) }, body: null };
    }
    return { ...base, charged: free ? 0 : 1, status, headers: { ...headers, ...cacheHeaders, ...charged() }, body: json };
  };

  const processGraphql = async (raw: string, urls: ApiUrls, principal: Principal, headers: Record<string, string>): Promise<Outcome> => {
    const outcome = await handleGraphql(raw, {
      model,
      principal,
      urls,
      snapshot: () => snapshotFor(principal, 'graphql'),
      charge: (cost) => charge(principal, 'graphql', cost),
    });
    if (principal.scopes) headers['x-oauth-scopes'] = principal.scopes.join(', ');
    return {
      status: outcome.status,
      headers: { ...headers, ...rateLimitHeaders(outcome.snapshot) },
      body: JSON.stringify(outcome.body),
      kind: 'graphql',
      route: 'POST /graphql',
      resource: 'graphql',
      charged: outcome.charged,
      fault: outcome.rateLimited && faults.current.exhaustRateLimit.includes('graphql') ? 'primary-rate-limit' : null,
      principal,
    };
  };

  const processRequest = async (req: IncomingMessage, url: URL, raw: string): Promise<Outcome> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const urls = apiUrls(`http://${req.headers.host ?? 'localhost'}`);
    const headers: Record<string, string> = { 'x-github-request-id': requestId(), ...COMMON_HEADERS };
    const isGraphql = url.pathname === '/api/graphql' && method === 'POST';
    const restPath = /^\/api\/v3(\/.*)?$/.exec(url.pathname);
    const unknown = { kind: 'unknown' as const, route: `${method} ${url.pathname}`, resource: null, charged: 0, fault: null, principal: null };
    if (!isGraphql && !restPath) return errorOutcome(httpErrors.notFound(), unknown, headers);
    const kind = isGraphql ? ('graphql' as const) : ('rest' as const);
    const apiPath = isGraphql ? '/graphql' : (restPath?.[1] ?? '/');
    const match = isGraphql ? undefined : matchRoute(method, apiPath).match;
    const route = isGraphql ? 'POST /graphql' : match ? `${match.route.method} ${match.route.template}` : `${method} ${apiPath}`;
    const target: FaultTarget = { method, route, apiPath, search: url.search };

    const auth = req.headers.authorization;
    let principal: Principal = ANONYMOUS;
    if (match?.route.auth === 'app-jwt') {
      // The /app routes take the App's JWT, never a token (GitHub answers a token there as an undecodable JWT).
      try {
        principal = appJwtPrincipal(verifyAppJwt(model, auth, Math.floor(clock() / 1000)), scenario.rateLimits);
      } catch (err) {
        if (!(err instanceof GithubHttpError)) throw err;
        return errorOutcome(err, { ...unknown, kind, route }, { ...headers, ...rateLimitHeaders(snapshotFor(ANONYMOUS, 'core')) });
      }
    } else if (auth !== undefined) {
      const token = liveToken(AUTH.exec(auth)?.[1] ?? '');
      if (!token) return errorOutcome(httpErrors.badCredentials(), { ...unknown, kind, route }, { ...headers, ...rateLimitHeaders(snapshotFor(ANONYMOUS, 'core')) });
      principal = principalFor(model, token);
    } else if (isGraphql) {
      return errorOutcome(new GithubHttpError(401, 'This endpoint requires you to be authenticated.', DOCS.graphqlAuth), { ...unknown, kind, route }, headers);
    }

    const resource: RateLimitResource = isGraphql ? 'graphql' : 'core';
    const faultBase = { kind, route, resource, charged: 0, principal };
    const limitHeaders = rateLimitHeaders(snapshotFor(principal, resource));
    if (faults.secondaryRateLimit()) {
      return errorOutcome(httpErrors.secondaryRateLimit(faults.current.retryAfterSeconds), { ...faultBase, fault: 'secondary-rate-limit' }, { ...headers, ...limitHeaders });
    }
    if (faults.serverError(target)) {
      return errorOutcome(httpErrors.serverError(faults.current.serverErrorStatus), { ...faultBase, fault: 'server-error' }, { ...headers, ...limitHeaders });
    }
    const outcome = isGraphql ? await processGraphql(raw, urls, principal, headers) : processRest(req, url, raw, urls, principal, match, route, headers);
    if ((outcome.status === 200 || outcome.status === 201) && outcome.body !== null && faults.malformed(target)) {
      return { ...outcome, body: outcome.body.slice(0, Math.floor(outcome.body.length / 2)), fault: 'malformed' };
    }
    return outcome;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const method = (req.method ?? 'GET').toUpperCase();
    let outcome: Outcome;
    try {
      const raw = method === 'POST' ? await readBody(req) : '';
      if (faults.current.latencyMs > 0) await delay(faults.current.latencyMs);
      outcome = await processRequest(req, url, raw);
    } catch (err) {
      console.error('[github-emulator] unexpected error', err);
      const error = httpErrors.serverError(500);
      outcome = { status: 500, headers: {}, body: JSON.stringify(error.body()), kind: 'unknown', route: `${method} ${url.pathname}`, resource: null, charged: 0, fault: null, principal: null };
    }
    // The emulator's clock, so a client that corrects for skew (octokit's App auth does) measures against it.
    const headers = { date: new Date(clock()).toUTCString(), ...outcome.headers };
    if (outcome.body === null) sendNotModified(res, headers);
    else sendJson(res, outcome.status, headers, outcome.body, method === 'HEAD');
    calls.push({
      method,
      kind: outcome.kind,
      route: outcome.route,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: outcome.status,
      conditional: req.headers['if-none-match'] !== undefined,
      notModified: outcome.status === 304,
      resource: outcome.resource,
      charged: outcome.charged,
      fault: outcome.fault,
      principal: outcome.principal?.user?.login ?? outcome.principal?.app?.slug ?? null,
      durationMs: Date.now() - started,
    });
  };

  const server = createServer((req, res) => void handle(req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    restUrl: `${url}/api/v3`,
    graphqlUrl: `${url}/api/graphql`,
    port,
    org: model.org.login,
    calls: () => [...calls],
    summary: () => summarizeCalls(calls),
    resetCalls: () => {
      calls = [];
    },
    rateLimit: (token, resource) => {
      const t = liveToken(token);
      if (!t) throw new Error('unknown token');
      return snapshotFor(principalFor(model, t), resource);
    },
    resetRateLimits: () => limiter.reset(),
    setFaults: (next) => faults.update(next),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Clients keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
