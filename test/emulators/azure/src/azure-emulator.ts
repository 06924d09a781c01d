import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { summarizeCalls, type AzureCall, type AzureCallSummary } from './call-log';
import { FaultState, type AzureFaults, type FaultTarget } from './faults';
import { readBody, sendJson } from './http-io';
import { ARM_RESOURCES, AccessTokenIssuer, GRAPH_RESOURCES, type AccessTokenClaims } from './identity/access-token';
import { TenantModel } from './model/tenant-model';
import { graphTimestamp } from './relative-date';
import { AzureHttpError, type AzureApi, type EmulatorSettings, type RouteContext, type RoutePrincipal } from './route';
import { AzureRouter } from './routes';
import { parseAzureScenario } from './scenario-loader';
import type { AzureScenario, AzureScenarioInput } from './scenario-schema';
import { createEmulatorCertificates } from './tls/emulator-certificates';

export interface AzureEmulatorOptions {
  /** A scenario object (validated here) — see README.md for the format. */
  scenario: AzureScenario | AzureScenarioInput;
  /** Added to every response. Same as `faults.latencyMs`. */
  latencyMs?: number;
  /** Initial faults; change them later with setFaults. */
  faults?: Partial<AzureFaults>;
  /** What relative scenario dates (`-120d`) are measured from. Default: the current time. */
  now?: Date;
  /** The emulator's wall clock in epoch ms: token lifetimes, `Date` headers. Default: Date.now. */
  clock?: () => number;
  /** Seed of the fault dice (throttling and 5xx by rate), so a run with faults repeats. Default 1. */
  seed?: number;
  /** Lifetime of issued access tokens. Default 3599 s, as Entra ID issues app tokens. */
  tokenLifetimeSeconds?: number;
  /** Largest /users page when signInActivity is selected. Default 500 (Graph's documented limit since 2025; 120 before). */
  signInActivityPageSize?: number;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface AzureEmulator {
  /** `https://127.0.0.1:<port>`: authority host, Graph base URL and ARM endpoint at once. */
  readonly url: string;
  readonly port: number;
  /** For @azure/identity `authorityHost` (token endpoint `<url>/<tenant>/oauth2/v2.0/token`). */
  readonly authorityHost: string;
  /** For the Graph client's `baseUrl` (Graph v1.0 at `<url>/v1.0`). */
  readonly graphUrl: string;
  /** For ARM clients' `endpoint` (`<url>/subscriptions/…`). */
  readonly armUrl: string;
  readonly tenantId: string;
  /** The tenant's initial domain (accepted in place of the id by the token endpoint). */
  readonly tenantDomain: string;
  /** Credentials of the scenario's first app registration. */
  readonly clientId: string;
  readonly clientSecret: string;
  /** PEM of the CA that signed the emulator's TLS certificate: what clients must trust. */
  readonly caCertificatePem: string;
  /** Every request, in the order answered, faults included. */
  calls(): AzureCall[];
  /** Requests by route, status and API. */
  summary(): AzureCallSummary;
  resetCalls(): void;
  setFaults(faults: Partial<AzureFaults>): void;
  /** An access token as the token endpoint would issue it (default: first app, Graph), for curl and route tests. */
  issueToken(opts?: { clientId?: string; resource?: string }): string;
  stop(): Promise<void>;
}

interface Outcome {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly api: AzureApi | 'unknown';
  readonly route: string;
  readonly fault: AzureCall['fault'];
  readonly clientId: string | null;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const BEARER = /^Bearer\s+(\S+)\s*$/i;

const CONTENT_TYPES: Record<AzureApi | 'unknown', string> = {
  graph: 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
  arm: 'application/json; charset=utf-8',
  identity: 'application/json; charset=utf-8',
  unknown: 'application/json; charset=utf-8',
};

/** Which service an unmatched path would belong to, for an error in that service's shape. */
function apiOfPath(path: string): AzureApi | 'unknown' {
  if (/^\/(v1\.0|beta)(\/|$)/i.test(path)) return 'graph';
  if (/^\/(subscriptions|providers|tenants|resources)(\/|$)/i.test(path)) return 'arm';
  return 'unknown';
}

const SERVER_ERRORS: Record<number, { graph: [string, string]; arm: [string, string] }> = {
  500: { graph: ['generalException', 'General exception while processing.'], arm: ['InternalServerError', 'Encountered internal server error.'] },
  502: { graph: ['BadGateway', 'Bad gateway.'], arm: ['BadGateway', 'The gateway did not receive a response from the service.'] },
  503: { graph: ['serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.'], arm: ['ServiceUnavailable', 'The service is temporarily unavailable.'] },
  504: { graph: ['gatewayTimeout', 'The gateway timed out.'], arm: ['GatewayTimeout', 'The gateway did not receive a response within the specified time period.'] },
};

/**
 * Starts an in-process Azure — the Microsoft identity platform token endpoint, Microsoft Graph
 * v1.0 and (see ./arm) Azure Resource Manager — on one HTTPS host with a certificate from a CA
 * made at start, seeded from a scenario, with Graph's paging, permission and licence errors and
 * injectable throttling.
 */
export async function startAzureEmulator(options: AzureEmulatorOptions): Promise<AzureEmulator> {
  const scenario = parseAzureScenario(options.scenario);
  const tenant = new TenantModel(scenario, options.now ?? new Date());
  const clock = options.clock ?? Date.now;
  const faults = new FaultState({ ...options.faults, ...(options.latencyMs !== undefined && { latencyMs: options.latencyMs }) }, options.seed ?? 1);
  const tokens = new AccessTokenIssuer();
  const router = new AzureRouter();
  const settings: EmulatorSettings = { tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599, signInActivityPageSize: options.signInActivityPageSize ?? 500 };
  const memos = new Map<string, unknown>();
  const host = options.host ?? '127.0.0.1';
  const certificates = createEmulatorCertificates([...new Set(['localhost', '127.0.0.1', '::1', host])]);
  let calls: AzureCall[] = [];
  let baseUrl = '';

  const render = (api: AzureApi | 'unknown', err: AzureHttpError, now: Date, clientRequestId: string): { body: string; headers: Record<string, string> } => {
    if (api === 'graph') {
      const requestId = randomUUID();
      return {
        headers: { 'request-id': requestId, 'client-request-id': clientRequestId },
        body: JSON.stringify({ error: { code: err.code, message: err.message, innerError: { date: graphTimestamp(now), 'request-id': requestId, 'client-request-id': clientRequestId } } }),
      };
    }
    if (api === 'identity') return { headers: {}, body: JSON.stringify({ error: err.code, error_description: err.message }) };
    return { headers: {}, body: JSON.stringify({ error: { code: err.code, message: err.message } }) };
  };

  /** The bearer token's caller, or the 401 the API answers without a usable one. */
  const authenticate = (api: 'graph' | 'arm', header: string | undefined, now: Date): RoutePrincipal | AzureHttpError => {
    const challenge = { 'www-authenticate': `Bearer realm="", authorization_uri="${baseUrl}/${tenant.id}/oauth2/authorize", error="invalid_token"` };
    const refuse = (graph: string, armCode: string, arm: string) => (api === 'graph' ? new AzureHttpError(401, 'InvalidAuthenticationToken', graph, challenge) : new AzureHttpError(401, armCode, arm, challenge));
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (token === undefined) return refuse('Access token is empty.', 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    const verified = tokens.verify(token, Math.floor(now.getTime() / 1000));
    if (!verified.ok) {
      if (verified.problem === 'expired') {
        return refuse('Lifetime validation failed, the token is expired.', 'ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.');
      }
      if (verified.problem === 'malformed') return refuse('Invalid JWT token. The token is not in JWS Compact Serialization Format.', 'InvalidAuthenticationToken', 'The access token is invalid.');
      return refuse('Access token validation failure.', 'InvalidAuthenticationToken', 'The access token is invalid.');
    }
    const claims: AccessTokenClaims = verified.claims;
    if (claims.tid !== tenant.id) return refuse('Access token validation failure. Invalid issuer or tenant.', 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer '${claims.iss}'.`);
    const audiences: readonly string[] = api === 'graph' ? GRAPH_RESOURCES : ARM_RESOURCES;
    if (claims.aud !== baseUrl && !audiences.includes(claims.aud)) {
      return refuse(
        'Access token validation failure. Invalid audience.',
        'InvalidAuthenticationTokenAudience',
        `The access token has been obtained for wrong audience or resource '${claims.aud}'. It should exactly match with one of the allowed audiences '${ARM_RESOURCES.join("','")}'.`,
      );
    }
    return {
      tenantId: claims.tid,
      clientId: claims.appid,
      servicePrincipalId: claims.oid,
      appDisplayName: claims.app_displayname,
      audience: claims.aud,
      roles: claims.roles,
    };
  };

  const processRequest = async (req: IncomingMessage, url: URL, method: string, raw: string): Promise<Outcome> => {
    const now = new Date(clock());
    const path = url.pathname;
    const clientRequestId = typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : randomUUID();
    const { match, methodAllowed } = router.match(method, path);
    const api = match?.route.api ?? apiOfPath(path);
    const route = match ? `${match.route.method} ${match.route.template}` : `${method} ${path}`;
    const errorOutcome = (err: AzureHttpError, extra: Partial<Outcome> = {}): Outcome => {
      const rendered = render(api, err, now, clientRequestId);
      return { status: err.status, headers: { ...rendered.headers, ...err.headers }, body: rendered.body, api, route, fault: null, clientId: null, ...extra };
    };
    if (!match) {
      if (!methodAllowed) return errorOutcome(new AzureHttpError(405, 'Request_BadRequest', `The HTTP method '${method}' is not allowed for ${path}.`));
      if (api === 'graph') return errorOutcome(new AzureHttpError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').filter(Boolean).pop() ?? ''}'.`));
      return errorOutcome(new AzureHttpError(404, 'NotFound', `The emulator serves no ${method} ${path}.`));
    }

    let principal: RoutePrincipal | null = null;
    if (api === 'graph' || api === 'arm') {
      const auth = authenticate(api, req.headers.authorization, now);
      if (auth instanceof AzureHttpError) return errorOutcome(auth);
      principal = auth;
    }
    const clientId = principal?.clientId ?? null;
    const target: FaultTarget = { api, method, route, path, search: url.search };
    if (faults.throttled(target)) {
      const seconds = String(faults.current.retryAfterSeconds);
      const message =
        api === 'arm'
          ? 'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. For more information, refer to - https://aka.ms/armthrottling'
          : 'Too many requests';
      return errorOutcome(new AzureHttpError(429, api === 'identity' ? 'temporarily_unavailable' : 'TooManyRequests', message, { 'retry-after': seconds }), { fault: 'throttled', clientId });
    }
    if (faults.serverError(target)) {
      const status = faults.current.serverErrorStatus;
      const [code, message] = SERVER_ERRORS[status]?.[api === 'arm' ? 'arm' : 'graph'] ?? ['generalException', 'General exception while processing.'];
      const headers: Record<string, string> = status === 503 ? { 'retry-after': String(faults.current.retryAfterSeconds) } : {};
      return errorOutcome(new AzureHttpError(status, code, message, headers), { fault: 'server-error', clientId });
    }

    const ctx: RouteContext = {
      scenario,
      tenant,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body: raw,
      principal,
      baseUrl,
      path,
      now,
      faults: faults.current,
      settings,
      tokens,
      memo: <T>(key: string, build: () => T): T => {
        if (!memos.has(key)) memos.set(key, build());
        return memos.get(key) as T;
      },
    };
    try {
      const result = await match.route.handler(ctx);
      const headers: Record<string, string> = api === 'graph' ? { 'request-id': randomUUID(), 'client-request-id': clientRequestId, 'odata-version': '4.0' } : api === 'arm' ? { 'x-ms-request-id': randomUUID() } : {};
      let body = JSON.stringify(result.body);
      let fault: AzureCall['fault'] = null;
      const status = result.status ?? 200;
      if (status < 300 && faults.malformed(target)) {
        body = body.slice(0, Math.floor(body.length / 2));
        fault = 'malformed';
      }
      return { status, headers: { ...headers, ...result.headers }, body, api, route, fault, clientId: clientId ?? result.clientId ?? null };
    } catch (err) {
      if (err instanceof AzureHttpError) return errorOutcome(err, { clientId });
      throw err;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'https://emulator.local');
    const method = (req.method ?? 'GET').toUpperCase();
    let outcome: Outcome;
    try {
      const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
      if (faults.current.latencyMs > 0) await delay(faults.current.latencyMs);
      outcome = await processRequest(req, url, method, raw);
    } catch (err) {
      console.error('[azure-emulator] unexpected error', err);
      outcome = {
        status: 500,
        headers: {},
        body: JSON.stringify({ error: { code: 'InternalServerError', message: 'The emulator failed to answer; see its log.' } }),
        api: 'unknown',
        route: `${method} ${url.pathname}`,
        fault: null,
        clientId: null,
      };
    }
    sendJson(res, outcome.status, { date: new Date(clock()).toUTCString(), 'content-type': CONTENT_TYPES[outcome.api], ...outcome.headers }, outcome.body);
    calls.push({
      method,
      api: outcome.api,
      route: outcome.route,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: outcome.status,
      fault: outcome.fault,
      clientId: outcome.clientId,
      startedAt: started,
      durationMs: Date.now() - started,
    });
  };

  const server = createServer({ key: certificates.privateKeyPem, cert: certificates.certificatePem }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const firstApp = tenant.apps[0];
  if (!firstApp) throw new Error('the scenario has no app registration');

  return {
    url: baseUrl,
    port,
    authorityHost: baseUrl,
    graphUrl: baseUrl,
    armUrl: baseUrl,
    tenantId: tenant.id,
    tenantDomain: tenant.defaultDomain,
    clientId: firstApp.clientId,
    clientSecret: firstApp.clientSecret,
    caCertificatePem: certificates.caCertificatePem,
    calls: () => [...calls],
    summary: () => summarizeCalls(calls),
    resetCalls: () => {
      calls = [];
    },
    setFaults: (next) => faults.update(next),
    issueToken: (opts = {}) => {
      const app = opts.clientId ? tenant.app(opts.clientId) : firstApp;
      if (!app) throw new Error(`no app registration ${opts.clientId ?? ''}`);
      const resource = opts.resource ?? baseUrl;
      const now = Math.floor(clock() / 1000);
      return tokens.issue({
        aud: resource,
        iss: `https://sts.windows.net/${tenant.id}/`,
        iat: now,
        nbf: now,
        exp: now + settings.tokenLifetimeSeconds,
        appid: app.clientId,
        app_displayname: app.displayName,
        oid: app.servicePrincipalId,
        tid: tenant.id,
        roles: (ARM_RESOURCES as readonly string[]).includes(resource) ? [] : app.graphPermissions,
      });
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Clients keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
