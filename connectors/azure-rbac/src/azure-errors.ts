import { ConnectorError, type CollectionError } from '@astrolabe/core';
import { isRestError } from '@azure/core-rest-pipeline';
import { AZURE_RBAC_CREDENTIAL_HELP, AZURE_RBAC_PERMISSIONS } from './manifest';

/**
 * An error answer of ARM or Graph to a request the connector sent itself (lists the SDK does not
 * model); SDK calls throw the pipeline's RestError, which carries the same facts.
 */
export class AzureApiError extends Error {
  constructor(
    readonly api: 'arm' | 'graph',
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AzureApiError';
  }
}

/** A response that arrived but is not what the API promised (a truncated or reshaped page). */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

/** A failed read, tagged with what it was for and the permission it needs, so the failure can say both. */
export class AzureCallError extends Error {
  constructor(
    /** `role assignments of /subscriptions/…`: what could not be read. */
    readonly what: string,
    /** The permission this read needs, named as the user grants it. */
    readonly permission: string,
    override readonly cause: unknown,
  ) {
    super(`${what} could not be read`);
    this.name = 'AzureCallError';
  }
}

export async function callAzure<T>(what: string, permission: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw err instanceof AzureCallError ? err : new AzureCallError(what, permission, err);
  }
}

export type ClassifiedError = { kind: 'fatal'; error: ConnectorError } | { kind: 'kind-failed'; error: CollectionError };

/** The first line of an error: enough to act on, never a stack or a multi-line SDK dump. */
export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').trim();
}

interface Facts {
  status: number | undefined;
  code: string | undefined;
  message: string;
}

function factsOf(err: unknown): Facts {
  if (err instanceof AzureApiError) return { status: err.statusCode, code: err.code, message: err.message };
  if (isRestError(err)) return { status: err.statusCode, code: err.code, message: firstLine(err) };
  const code = typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined;
  return { status: undefined, code, message: firstLine(err) };
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EPROTO', 'REQUEST_SEND_ERROR']);
const TOKEN_REFUSED = new Set(['InvalidAuthenticationToken', 'InvalidAuthenticationTokenAudience', 'InvalidAuthenticationTokenTenant', 'ExpiredAuthenticationToken', 'AuthenticationFailed']);

/** ARM's AuthorizationFailed names the action and the scope: exactly the grant that is missing. */
export function missingArmPermission(message: string): string | undefined {
  const m = /perform action '([^']+)' over scope '([^']+)'/.exec(message);
  return m ? `${m[1]} on ${m[2]}` : undefined;
}

export interface ClassifyOptions {
  /** Whether any request of this run got an HTTP answer: before that, a network error means the endpoint is unreachable. */
  endpointAnswered: boolean;
  /** Where requests go, for the unreachable-endpoint message. */
  endpoints: string;
}

/**
 * Sorts a failed read into "this kind could not be collected" (a missing permission, throttled
 * after the SDK's retries, a service or parse error, a connection lost after Azure had answered)
 * and "nothing can be collected" (credentials refused, endpoint unreachable or untrusted), which
 * ends the run with a hint on what to fix.
 */
export function classifyAzureError(err: unknown, opts: ClassifyOptions): ClassifiedError {
  const what = err instanceof AzureCallError ? err.what : 'Azure';
  const permission = err instanceof AzureCallError ? err.permission : undefined;
  const cause = err instanceof AzureCallError ? err.cause : err;
  if (cause instanceof ConnectorError) return { kind: 'fatal', error: cause };
  if (cause instanceof MalformedResponseError) return { kind: 'kind-failed', error: { code: 'malformed_response', message: `${what}: ${cause.message}` } };
  const f = factsOf(cause);

  if (f.status === undefined && f.code !== undefined && TLS_CODES.test(f.code)) {
    return {
      kind: 'fatal',
      error: new ConnectorError('endpoint_untrusted', `The TLS certificate of ${opts.endpoints} is not trusted (${f.code}): ${f.message}`, 'Add the CA that signed it to the connection’s caCertificates (PEM).'),
    };
  }
  // A request that got no answer: the pipeline's RestError without a status, or Node's own socket error.
  if (f.status === undefined && ((isRestError(cause) && (f.code === undefined || NETWORK_CODES.has(f.code))) || (f.code !== undefined && NETWORK_CODES.has(f.code)))) {
    if (!opts.endpointAnswered) {
      return {
        kind: 'fatal',
        error: new ConnectorError('endpoint_unreachable', `Could not reach ${opts.endpoints}: ${f.message}`, 'Check armEndpoint, graphBaseUrl and authorityHost, network access and proxy settings.'),
      };
    }
    return { kind: 'kind-failed', error: { code: 'network_error', message: `${what}: the connection broke after retries: ${f.message}` } };
  }
  if (f.status === 401 || (f.code !== undefined && TOKEN_REFUSED.has(f.code))) {
    return { kind: 'fatal', error: new ConnectorError('credentials_invalid', `Azure refused the access token (${f.code ?? f.status}): ${f.message}`, AZURE_RBAC_CREDENTIAL_HELP) };
  }
  if (f.status === 403) {
    const named = missingArmPermission(f.message);
    const missingPermission = named ?? (f.code === 'Authorization_RequestDenied' ? AZURE_RBAC_PERMISSIONS.directory : permission);
    return {
      kind: 'kind-failed',
      error: { code: 'access_denied', message: `${what}: access denied (${f.code ?? 403}): ${f.message}`, ...(missingPermission && { missingPermission }) },
    };
  }
  if (f.status === 429) return { kind: 'kind-failed', error: { code: 'throttled', message: `${what}: Azure kept throttling the requests after retries (${f.message}); it is read again next run` } };
  if (f.code === 'PARSE_ERROR' || (f.status !== undefined && f.status >= 200 && f.status < 300)) {
    return { kind: 'kind-failed', error: { code: 'malformed_response', message: `${what}: Azure returned a response that could not be read (${f.message})` } };
  }
  if (f.status === 404) return { kind: 'kind-failed', error: { code: 'not_found', message: `${what}: ${f.code ?? 'NotFound'}: ${f.message}` } };
  return { kind: 'kind-failed', error: { code: 'provider_error', message: `${what}: ${f.status ?? ''} ${f.code ?? ''}: ${f.message}`.replace(/\s+/g, ' ') } };
}
