import { ConnectorError, type CollectionError } from '@astrolabe/core';
import { AWS_IAM_CREDENTIAL_HELP, type AwsIamSecret } from './manifest';

/** The IAM actions the connector calls. */
export type IamActionName =
  | 'GenerateCredentialReport'
  | 'GetCredentialReport'
  | 'GetAccountSummary'
  | 'GetAccountPasswordPolicy'
  | 'GetAccountAuthorizationDetails'
  | 'ListVirtualMFADevices'
  | 'ListServerCertificates'
  | 'ListEntitiesForPolicy';

/** An SDK error tagged with the action that raised it, so a failure names the permission to grant. */
export class IamCallError extends Error {
  constructor(
    readonly action: IamActionName,
    override readonly cause: unknown,
  ) {
    super(`iam:${action} failed`);
    this.name = 'IamCallError';
  }
}

export async function callIam<T>(action: IamActionName, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    throw new IamCallError(action, err);
  }
}

export type ClassifiedError = { kind: 'fatal'; error: ConnectorError } | { kind: 'kind-failed'; error: CollectionError };

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);
const CREDENTIALS_REJECTED = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'MissingAuthenticationToken',
  'InvalidAccessKeyId',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'EPROTO',
  'CERT_HAS_EXPIRED',
]);

interface ErrorFields {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

const fields = (err: unknown): ErrorFields => (typeof err === 'object' && err !== null ? (err as ErrorFields) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The AWS error code (`AccessDenied`, `NoSuchEntity`…) of an SDK service exception. */
export function awsErrorCode(err: unknown): string | undefined {
  const f = fields(err);
  return str(f.Code) ?? str(f.name);
}

function networkCode(err: unknown): string | undefined {
  const f = fields(err);
  const own = str(f.code);
  if (own && NETWORK_CODES.has(own)) return own;
  // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
  if (Array.isArray(f.errors)) {
    for (const inner of f.errors) {
      const code = networkCode(inner);
      if (code) return code;
    }
  }
  return str(f.name) === 'TimeoutError' ? 'ETIMEDOUT' : undefined;
}

/** Removes any secret value from text that may reach a log, an API response or a console. */
export function redactor(secret: AwsIamSecret): (text: string) => string {
  const values = [secret.secretAccessKey, secret.sessionToken].filter((v): v is string => Boolean(v && v.length >= 4));
  return (text) => values.reduce((t, v) => t.split(v).join('[redacted]'), text);
}

export interface ClassifyOptions {
  redact: (text: string) => string;
  /** Where the client sends requests, for the unreachable-endpoint hint. */
  endpoint: string;
  /**
   * Whether IAM has answered any request of this run. Until it has, a network error means the
   * endpoint cannot be reached at all; afterwards it is one request lost on the way.
   */
  endpointAnswered: boolean;
}

/**
 * Sorts a failure into "this kind could not be collected" (AccessDenied, throttled after all
 * retries, a service error, a connection lost after IAM had answered) and "nothing can be
 * collected" (no credentials, credentials rejected, endpoint unreachable before any answer),
 * which ends the run with a hint on what to fix.
 */
export function classifyIamError(err: unknown, opts: ClassifyOptions): ClassifiedError {
  const action = err instanceof IamCallError ? err.action : undefined;
  const cause = err instanceof IamCallError ? err.cause : err;
  const permission = action ? `iam:${action}` : undefined;
  const rawMessage = str(fields(cause).message) ?? String(cause);
  const message = opts.redact(rawMessage);
  const name = str(fields(cause).name);

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not load credentials/i.test(rawMessage)) {
    return {
      kind: 'fatal',
      error: new ConnectorError('credentials_missing', `No AWS credentials found: ${message}`, AWS_IAM_CREDENTIAL_HELP),
    };
  }
  const net = networkCode(cause);
  if (net && opts.endpointAnswered) {
    // The SDK has already retried it: this request is lost, but the endpoint works, so only the
    // kinds fed by this call fail and everything collected elsewhere is kept.
    return {
      kind: 'kind-failed',
      error: { code: 'network_error', message: `${permission ?? 'IAM'} failed: the connection to ${opts.endpoint} broke after retries (${net}): ${message}` },
    };
  }
  if (net) {
    return {
      kind: 'fatal',
      error: new ConnectorError(
        'endpoint_unreachable',
        `Could not reach the IAM endpoint ${opts.endpoint} (${net}): ${message}`,
        'Check the endpoint (the connection’s endpointUrl, AWS_ENDPOINT_URL_IAM or AWS_ENDPOINT_URL), network access, proxy and TLS settings.',
      ),
    };
  }
  const code = awsErrorCode(cause) ?? 'Unknown';
  if (CREDENTIALS_REJECTED.has(code)) {
    return {
      kind: 'fatal',
      error: new ConnectorError(
        'credentials_invalid',
        `AWS rejected the credentials (${code}): ${message}`,
        `Check that the access key is active, temporary credentials have not expired (aws sso login), and the system clock is right.\n${AWS_IAM_CREDENTIAL_HELP}`,
      ),
    };
  }
  if (ACCESS_DENIED.has(code)) {
    // IAM names the exact action it refused; fall back to the action we were calling.
    const named = /perform: (iam:[A-Za-z]+)/.exec(rawMessage)?.[1];
    const missingPermission = named ?? permission;
    return {
      kind: 'kind-failed',
      error: { code: 'access_denied', message: `Access denied${missingPermission ? ` to ${missingPermission}` : ''}: ${message}`, ...(missingPermission ? { missingPermission } : {}) },
    };
  }
  if (/Deserialization error|XML parse error/.test(rawMessage)) {
    // A page cut off or garbled on the way: the SDK's note about `$response` is no use to a user.
    return { kind: 'kind-failed', error: { code: 'malformed_response', message: `${permission ?? 'IAM'} returned a response that could not be parsed: ${message.split('\n')[0]}` } };
  }
  if (THROTTLED.has(code)) {
    return { kind: 'kind-failed', error: { code: 'throttled', message: `${permission ?? 'IAM'} was still throttled after retries: ${message}` } };
  }
  if (action) return { kind: 'kind-failed', error: { code: 'iam_error', message: `${permission} failed with ${code}: ${message}` } };
  return { kind: 'kind-failed', error: { code: 'collection_error', message } };
}
