import { ConnectorError, type ConnectorLogger } from '@astrolabe/core';
import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential, type TokenCredentialOptions } from '@azure/identity';
import { AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions, RetryHandler, RetryHandlerOptions, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { firstLine } from './graph-errors';
import { GraphHttpsTransport } from './graph-transport';
import type { EntraConfig, EntraSecret } from './manifest';
import { UsageTracker } from './usage-tracker';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';
/** Hosts the Graph client attaches tokens to without being told (its GRAPH_URLS). */
const KNOWN_GRAPH_HOSTS = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'graph.microsoft.de', 'microsoftgraph.chinacloudapi.cn', 'canary.graph.microsoft.com']);

/** Retries of a throttled (429) or unavailable (503/504) request, and the longest Retry-After we wait out. */
const MAX_RETRIES = 4;
const RETRY_DELAY_S = 2;
const MAX_RETRY_AFTER_S = 120;

export interface GraphSession {
  readonly client: Client;
  readonly usage: UsageTracker;
  /** The tenant's id (GUID): from the access token, else as configured. */
  readonly tenantId: string;
  /** Releases the keep-alive sockets. */
  close(): void;
}

export interface GraphSessionOptions {
  signal: AbortSignal;
  logger: ConnectorLogger;
}

function pemCertificates(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** The trust store for a connection: the system's CAs plus the configured ones (Node's `ca` replaces, never adds). */
export function trustedCertificates(config: EntraConfig): string[] | undefined {
  return config.caCertificates ? [...rootCertificates, ...pemCertificates(config.caCertificates)] : undefined;
}

export function graphOrigin(config: EntraConfig): string {
  return new URL(config.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL).origin;
}

/**
 * The connection's credential: an app registration's client secret when given, otherwise
 * DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI). A custom
 * authority host turns instance discovery off: MSAL would otherwise validate it against
 * login.microsoftonline.com, which knows no national-cloud-like or private host.
 */
export function createCredential(config: EntraConfig, secret: EntraSecret, usage: UsageTracker): TokenCredential {
  const ca = trustedCertificates(config);
  const options: TokenCredentialOptions & { disableInstanceDiscovery?: boolean } = {
    ...(config.authorityHost !== undefined && { authorityHost: config.authorityHost, disableInstanceDiscovery: true }),
    ...(ca && { tlsOptions: { ca } }),
    additionalPolicies: [
      {
        position: 'perRetry',
        policy: {
          name: 'astrolabeIdentityUsage',
          sendRequest: (request, next) => {
            usage.recordIdentity();
            return next(request);
          },
        },
      },
    ],
  };
  if (secret.clientId && secret.clientSecret) return new ClientSecretCredential(config.tenantId, secret.clientId, secret.clientSecret, options);
  return new DefaultAzureCredential({ ...options, tenantId: config.tenantId });
}

/**
 * MSAL reports an authority it could not read (unreachable host, untrusted certificate, unknown
 * tenant) as `endpoints_resolution_error` and nothing more. Reading the same OpenID document
 * ourselves names the actual cause.
 */
async function diagnoseAuthority(config: EntraConfig, signal: AbortSignal): Promise<{ code: string; message: string; hint?: string }> {
  const authority = config.authorityHost ?? DEFAULT_AUTHORITY_HOST;
  const url = `${authority.replace(/\/+$/, '')}/${encodeURIComponent(config.tenantId)}/v2.0/.well-known/openid-configuration`;
  const ca = trustedCertificates(config);
  return new Promise((resolve) => {
    const req = httpsRequest(url, { signal, timeout: 15_000, ...(ca && { ca }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let description = '';
        try {
          const body: unknown = JSON.parse(text);
          if (typeof body === 'object' && body !== null && 'error_description' in body && typeof body.error_description === 'string') description = body.error_description;
        } catch {
          // not JSON: the status alone has to do
        }
        const aad = /AADSTS(\d+): (.*?)(?= Trace ID:|$)/.exec(description);
        if (aad?.[1] === '90002') {
          resolve({ code: 'tenant_not_found', message: `Tenant '${config.tenantId}' was not found at ${authority} (AADSTS90002).`, hint: 'Check the tenant id, and authorityHost for a national cloud.' });
        } else {
          resolve({ code: 'endpoint_unreachable', message: `${authority} answered ${res.statusCode ?? '?'} for the tenant's OpenID configuration${aad ? ` (AADSTS${aad[1]}: ${aad[2] ?? ''})` : ''}` });
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', (err: NodeJS.ErrnoException) => {
      const tls = /certificate|self.signed|SELF_SIGNED|UNABLE_TO_VERIFY|CERT_/i.test(`${err.code ?? ''} ${err.message}`);
      resolve({
        code: 'endpoint_unreachable',
        message: `${authority} could not be reached: ${firstLine(err)}`,
        ...(tls && { hint: 'The server certificate is not trusted: add its CA to the connection’s caCertificates (PEM).' }),
      });
    });
    req.end();
  });
}

/**
 * The tenant id (GUID) an access token was issued in (`tid`), so resource ids use the id even when
 * the connection names the tenant by domain. Only read, never trusted for anything else.
 */
function tenantOfToken(token: string | undefined): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && 'tid' in claims && typeof claims.tid === 'string' ? claims.tid : null;
  } catch {
    return null;
  }
}

const AADSTS_CREDENTIALS = new Set(['7000215', '7000222', '7000218', '700016', '700027', '7000112', '50034', '500011', '1002012']);

/** Maps a failed token request to the run's fatal error, naming the cause (AADSTS code) without SDK noise. */
async function credentialFailure(err: unknown, config: EntraConfig, signal: AbortSignal): Promise<ConnectorError> {
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (/endpoints_resolution_error/.test(message)) {
    const cause = await diagnoseAuthority(config, signal);
    return new ConnectorError(cause.code, cause.message, cause.hint);
  }
  const aad = /AADSTS(\d+): (.*?)(?: Trace ID:|$)/m.exec(message);
  if (aad?.[1] === '90002') return new ConnectorError('tenant_not_found', `Tenant '${config.tenantId}' was not found (AADSTS90002).`, 'Check the tenant id, and authorityHost for a national cloud.');
  if (aad && AADSTS_CREDENTIALS.has(aad[1] ?? '')) return new ConnectorError('credentials_invalid', `Microsoft Entra ID refused the app's credentials: AADSTS${aad[1]}: ${(aad[2] ?? '').trim()}`);
  if (aad) return new ConnectorError('credentials_invalid', `Microsoft Entra ID refused the token request: AADSTS${aad[1]}: ${(aad[2] ?? '').trim()}`);
  if (name === 'CredentialUnavailableError' || name === 'AggregateAuthenticationError') {
    return new ConnectorError(
      'credentials_missing',
      'No Microsoft Entra credentials: give the app’s client id and secret on the connection, or make DefaultAzureCredential find one (AZURE_CLIENT_ID/AZURE_CLIENT_SECRET/AZURE_TENANT_ID, managed identity, az login).',
      firstLine(err),
    );
  }
  return new ConnectorError('endpoint_unreachable', `Could not get a Microsoft Graph token: ${firstLine(err)}`);
}

/**
 * A Graph client for one run: the official client's authentication, retry (Retry-After honoured
 * for 429/503/504), redirect and telemetry handlers over an https transport that trusts the
 * configured CAs and counts every request. The token is fetched first, so bad credentials fail
 * the run with their AADSTS cause instead of failing every kind as "unauthorized".
 */
export async function openGraphSession(config: EntraConfig, secret: EntraSecret, opts: GraphSessionOptions): Promise<GraphSession> {
  const usage = new UsageTracker();
  const credential = createCredential(config, secret, usage);
  const origin = graphOrigin(config);
  const scope = `${origin}/.default`;
  let tenantId = config.tenantId;
  try {
    const token = await credential.getToken(scope, { abortSignal: opts.signal });
    tenantId = tenantOfToken(token?.token) ?? tenantId;
  } catch (err) {
    throw await credentialFailure(err, config, opts.signal);
  }

  const shouldRetry = (_delay: number, attempt: number, _request: RequestInfo, _options: unknown, response: Response): boolean => {
    const retryAfter = Number(response.headers.get('retry-after') ?? RETRY_DELAY_S);
    if (retryAfter > MAX_RETRY_AFTER_S) {
      opts.logger.warn(`Microsoft Graph asked to wait ${retryAfter} s (HTTP ${response.status}); giving up on this request`);
      return false;
    }
    opts.logger.info(`Microsoft Graph answered ${response.status}; retry ${attempt + 1} of ${MAX_RETRIES} after ${retryAfter} s`);
    return true;
  };
  const transport = new GraphHttpsTransport(usage, opts.signal, trustedCertificates(config));
  const host = new URL(origin).hostname;
  const client = Client.initWithMiddleware({
    baseUrl: origin,
    defaultVersion: 'v1.0',
    ...(!KNOWN_GRAPH_HOSTS.has(host) && { customHosts: new Set([host]) }),
    middleware: [
      new AuthenticationHandler(new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] })),
      new RetryHandler(new RetryHandlerOptions(RETRY_DELAY_S, MAX_RETRIES, shouldRetry)),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      transport,
    ],
  });
  return { client, usage, tenantId, close: () => transport.close() };
}
