import { ConnectorError, type ConnectorLogger } from '@astrolabe/core';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ServiceClient, type CommonClientOptions } from '@azure/core-client';
import { createHttpHeaders, createPipelineRequest, type PipelinePolicy, type PipelineResponse } from '@azure/core-rest-pipeline';
import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential, type TokenCredentialOptions } from '@azure/identity';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { AzureApiError, firstLine, MalformedResponseError } from './azure-errors';
import { AZURE_RBAC_CREDENTIAL_HELP, type AzureRbacConfig, type AzureRbacSecret } from './manifest';
import { UsageTracker } from './usage-tracker';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';

/** Retries of a throttled (429) or failing (5xx, network) request, and the longest Retry-After we wait out. */
const MAX_RETRIES = 4;
const MAX_RETRY_AFTER_S = 120;
/** A paged list longer than this many pages is a loop, not a tenant. */
const MAX_PAGES = 10_000;
/**
 * AuthorizationManagementClient insists on a subscription id although the operations used here
 * take a scope instead; none of them reads it.
 */
const UNUSED_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

export interface AzureSession {
  /** The SDK client for role assignments and definitions (async iterators follow nextLink). */
  readonly authorization: AuthorizationManagementClient;
  readonly usage: UsageTracker;
  readonly armEndpoint: string;
  readonly graphBaseUrl: string;
  /** Every item of an ARM list the SDK does not model (`/subscriptions`, resource groups), across nextLink pages. */
  armList(path: string, signal: AbortSignal): Promise<Record<string, unknown>[]>;
  /** POST to Microsoft Graph, JSON in and out. */
  graphPost(path: string, body: unknown, signal: AbortSignal): Promise<Record<string, unknown>>;
  /** Every item of a Graph collection across `@odata.nextLink` pages. */
  graphList(path: string, signal: AbortSignal): Promise<Record<string, unknown>[]>;
  /** Whether any request of this run got an HTTP answer (for telling "unreachable" from "lost"). */
  answered(): boolean;
}

function pemCertificates(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** The trust store: the system's CAs plus the configured ones (a TLS `ca` replaces, never adds). */
export function trustedCertificates(config: AzureRbacConfig): string[] | undefined {
  return config.caCertificates ? [...rootCertificates, ...pemCertificates(config.caCertificates)] : undefined;
}

const origin = (url: string | undefined, fallback: string): string => new URL(url ?? fallback).origin;

/**
 * The connection's credential: an app registration's client secret when given, otherwise
 * DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI). A custom
 * authority host turns instance discovery off: MSAL would otherwise validate it against
 * login.microsoftonline.com, which knows no private host.
 */
export function createCredential(config: AzureRbacConfig, secret: AzureRbacSecret, usage: UsageTracker): TokenCredential {
  const ca = trustedCertificates(config);
  const options: TokenCredentialOptions & { disableInstanceDiscovery?: boolean } = {
    ...(config.authorityHost !== undefined && { authorityHost: config.authorityHost, disableInstanceDiscovery: true }),
    ...(ca && { tlsOptions: { ca } }),
    additionalPolicies: [{ position: 'perRetry', policy: usagePolicy('astrolabeIdentityUsage', () => usage.recordIdentity()) }],
  };
  if (secret.clientId && secret.clientSecret) {
    if (!config.tenantId) throw new ConnectorError('config_invalid', 'A client secret needs the tenant it belongs to: set tenantId on the connection.', AZURE_RBAC_CREDENTIAL_HELP);
    return new ClientSecretCredential(config.tenantId, secret.clientId, secret.clientSecret, options);
  }
  return new DefaultAzureCredential({ ...options, ...(config.tenantId && { tenantId: config.tenantId }) });
}

function usagePolicy(name: string, record: (response: PipelineResponse) => void): PipelinePolicy {
  return {
    name,
    sendRequest: async (request, next) => {
      const response = await next(request);
      record(response);
      return response;
    },
  };
}

/**
 * Below the SDK's retry policy, so it sees every answer: a Retry-After longer than we are willing
 * to wait within a run is dropped, which makes the 429 final (the kind fails as throttled and is
 * read next run) instead of parking the run for an hour.
 */
function retryAfterLimit(logger: ConnectorLogger): PipelinePolicy {
  return {
    name: 'astrolabeRetryAfterLimit',
    sendRequest: async (request, next) => {
      const response = await next(request);
      const seconds = Number(response.headers.get('retry-after'));
      if (response.status === 429 && Number.isFinite(seconds) && seconds > MAX_RETRY_AFTER_S) {
        logger.warn(`Azure asked to wait ${seconds} s before retrying ${request.method} ${new URL(request.url).pathname}; giving up on it for this run`);
        for (const header of ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms']) response.headers.delete(header);
      }
      return response;
    },
  };
}

/**
 * MSAL reports an authority it could not read (unknown tenant, untrusted certificate, unreachable
 * host) as `endpoints_resolution_error` and nothing more. Reading the same OpenID document
 * ourselves, with the same trust store, names the actual cause.
 */
async function diagnoseAuthority(config: AzureRbacConfig, signal: AbortSignal): Promise<ConnectorError> {
  const authority = (config.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
  const tenant = config.tenantId ?? 'organizations';
  const url = `${authority}/${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;
  const ca = trustedCertificates(config);
  return new Promise((resolve) => {
    const req = httpsRequest(url, { signal, timeout: 15_000, ...(ca && { ca }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const aad = /AADSTS(\d+): ([^.]*\.)/.exec(Buffer.concat(chunks).toString('utf8'));
        if (aad?.[1] === '90002') resolve(new ConnectorError('tenant_not_found', `Tenant '${tenant}' was not found at ${authority} (AADSTS90002: ${aad[2] ?? ''})`, 'Check tenantId, and authorityHost for a national cloud.'));
        else resolve(new ConnectorError('endpoint_unreachable', `${authority} answered ${res.statusCode ?? '?'} for the tenant's OpenID configuration${aad ? ` (AADSTS${aad[1]}: ${aad[2] ?? ''})` : ''}`));
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', (err: NodeJS.ErrnoException) => {
      const untrusted = /certificate|self.signed|SELF_SIGNED|UNABLE_TO_VERIFY|CERT_/i.test(`${err.code ?? ''} ${err.message}`);
      resolve(
        untrusted
          ? new ConnectorError('endpoint_untrusted', `The TLS certificate of ${authority} is not trusted: ${firstLine(err)}`, 'Add the CA that signed it to the connection’s caCertificates (PEM).')
          : new ConnectorError('endpoint_unreachable', `${authority} could not be reached: ${firstLine(err)}`, 'Check authorityHost, network access and proxy settings.'),
      );
    });
    req.end();
  });
}

/** A token request that failed, as the run's fatal error: the AADSTS cause without SDK noise. */
export async function credentialFailure(err: unknown, config: AzureRbacConfig, signal: AbortSignal): Promise<ConnectorError> {
  if (err instanceof ConnectorError) return err;
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (/endpoints_resolution_error/.test(message)) return diagnoseAuthority(config, signal);
  const aad = /AADSTS(\d+): (.*?)(?: Trace ID:|$)/m.exec(message);
  if (aad?.[1] === '90002') return new ConnectorError('tenant_not_found', 'The tenant was not found (AADSTS90002).', 'Check tenantId, and authorityHost for a national cloud.');
  if (aad) return new ConnectorError('credentials_invalid', `Microsoft Entra ID refused the token request: AADSTS${aad[1]}: ${(aad[2] ?? '').trim()}`, AZURE_RBAC_CREDENTIAL_HELP);
  if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError') {
    return new ConnectorError('credentials_missing', `No Azure credentials: ${firstLine(err)}`, AZURE_RBAC_CREDENTIAL_HELP);
  }
  return new ConnectorError('endpoint_unreachable', `Could not get an Azure access token: ${firstLine(err)}`, 'Check authorityHost and tenantId, network access and proxy settings.');
}

async function json(response: PipelineResponse, api: 'arm' | 'graph', what: string): Promise<Record<string, unknown>> {
  const text = response.bodyAsText ?? '';
  let parsed: unknown;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    if (response.status >= 200 && response.status < 300) throw new MalformedResponseError(`${what}: the response is not valid JSON (${text.length} bytes)`);
    parsed = {};
  }
  const body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  if (response.status >= 200 && response.status < 300) return body;
  // ARM and Graph both answer {"error": {"code", "message"}}.
  const error = typeof body.error === 'object' && body.error !== null ? (body.error as Record<string, unknown>) : {};
  const code = typeof error.code === 'string' ? error.code : `HTTP${response.status}`;
  const message = typeof error.message === 'string' ? error.message : `${what} answered HTTP ${response.status}`;
  throw new AzureApiError(api, response.status, code, message);
}

const nextLinkOf = (body: Record<string, unknown>, key: string): string | undefined => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);

function valueOf(body: Record<string, unknown>, what: string): Record<string, unknown>[] {
  if (!Array.isArray(body.value)) throw new MalformedResponseError(`${what}: the page has no "value" list`);
  return body.value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

/**
 * The clients of one run: Azure Resource Manager through the SDK's AuthorizationManagementClient
 * (its pipeline also carries the lists the SDK does not model) and Microsoft Graph through a plain
 * core-client pipeline. Both use the SDK's retry policy, which waits out Retry-After on 429/503
 * and backs off on 5xx and network errors; both trust the configured CAs and count every request.
 * The token is fetched first, so bad credentials fail the run with their AADSTS cause.
 */
export async function openAzureSession(config: AzureRbacConfig, secret: AzureRbacSecret, opts: { signal: AbortSignal; logger: ConnectorLogger }): Promise<AzureSession> {
  const usage = new UsageTracker();
  const credential = createCredential(config, secret, usage);
  const armEndpoint = origin(config.armEndpoint, DEFAULT_ARM_ENDPOINT);
  const graphBaseUrl = origin(config.graphBaseUrl, DEFAULT_GRAPH_BASE_URL);
  try {
    // enableCae as the SDK's bearer policy asks, so its first request is served from this token's cache entry.
    await credential.getToken(`${armEndpoint}/.default`, { abortSignal: opts.signal, enableCae: true });
  } catch (err) {
    throw await credentialFailure(err, config, opts.signal);
  }

  let answered = false;
  const ca = trustedCertificates(config);
  const common = (api: 'arm' | 'graph'): CommonClientOptions => ({
    retryOptions: { maxRetries: MAX_RETRIES },
    ...(ca && { tlsOptions: { ca } }),
    userAgentOptions: { userAgentPrefix: 'astrolabe-azure-rbac' },
    additionalPolicies: [
      { position: 'perRetry', policy: retryAfterLimit(opts.logger) },
      {
        position: 'perRetry',
        policy: usagePolicy(`astrolabe${api}Usage`, (response) => {
          answered = true;
          usage.record(api, response.status);
        }),
      },
    ],
  });
  const authorization = new AuthorizationManagementClient(credential, UNUSED_SUBSCRIPTION_ID, { ...common('arm'), endpoint: armEndpoint });
  const graph = new ServiceClient({ ...common('graph'), endpoint: graphBaseUrl, credential, credentialScopes: [`${graphBaseUrl}/.default`] });

  const send = async (client: ServiceClient, api: 'arm' | 'graph', method: 'GET' | 'POST', url: string, signal: AbortSignal, body?: unknown): Promise<Record<string, unknown>> => {
    const request = createPipelineRequest({
      url,
      method,
      abortSignal: signal,
      headers: createHttpHeaders({ accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) }),
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return json(await client.sendRequest(request), api, `${method} ${new URL(url).pathname}`);
  };

  const list = async (client: ServiceClient, api: 'arm' | 'graph', first: string, nextKey: string, signal: AbortSignal): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (let url: string | undefined = first; url !== undefined; ) {
      if (seen.has(url) || seen.size >= MAX_PAGES) throw new MalformedResponseError(`${new URL(first).pathname}: the next-page links go round in circles`);
      seen.add(url);
      const body = await send(client, api, 'GET', url, signal);
      items.push(...valueOf(body, new URL(first).pathname));
      url = nextLinkOf(body, nextKey);
    }
    return items;
  };

  return {
    authorization,
    usage,
    armEndpoint,
    graphBaseUrl,
    armList: (path, signal) => list(authorization, 'arm', `${armEndpoint}${path}`, 'nextLink', signal),
    graphPost: (path, body, signal) => send(graph, 'graph', 'POST', `${graphBaseUrl}${path}`, signal, body),
    graphList: (path, signal) => list(graph, 'graph', `${graphBaseUrl}${path}`, '@odata.nextLink', signal),
    answered: () => answered,
  };
}
