import { IAMClient } from '@aws-sdk/client-iam';
import { classifyIamError, redactor, type ClassifiedError } from './iam-errors';
import type { AwsIamConfig, AwsIamSecret } from './manifest';

/**
 * Throttled IAM calls are retried by the SDK. Adaptive mode also slows the client down once IAM
 * starts throttling, which is what a batch collector sharing an account's API quota should do.
 */
const MAX_ATTEMPTS = 8;

/**
 * The one place that builds the IAM client. Credentials are passed only when the connection
 * holds them; otherwise the SDK default chain (env, profile, SSO, web identity, instance role)
 * finds them, and without `endpointUrl` the SDK honours AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL.
 */
export function createIamClient(config: AwsIamConfig, secret: AwsIamSecret): IAMClient {
  const { accessKeyId, secretAccessKey, sessionToken } = secret;
  return new IAMClient({
    region: config.region,
    ...(config.endpointUrl ? { endpoint: config.endpointUrl } : {}),
    ...(config.profile ? { profile: config.profile } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } } : {}),
    retryMode: 'adaptive',
    maxAttempts: MAX_ATTEMPTS,
    // Fail fast on an endpoint that does not answer instead of hanging a scheduled run.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
}

/**
 * Where the client sends requests, in the SDK's own order of precedence. Used only to name the
 * endpoint in errors: the client itself is left to resolve the environment variables.
 */
export function iamEndpoint(config: Pick<AwsIamConfig, 'endpointUrl'>): string {
  return config.endpointUrl ?? process.env['AWS_ENDPOINT_URL_IAM'] ?? process.env['AWS_ENDPOINT_URL'] ?? 'https://iam.amazonaws.com';
}

/** One collection's or validation's IAM client, with failures classified for that connection. */
export interface IamSession {
  readonly client: IAMClient;
  /** Whether IAM has sent back any HTTP response yet (a success or an IAM error alike). */
  endpointAnswered(): boolean;
  /** classifyIamError with this connection's secrets redacted, its endpoint named, and what IAM has answered so far. */
  classify(err: unknown): ClassifiedError;
  destroy(): void;
}

export function openIamSession(config: AwsIamConfig, secret: AwsIamSecret): IamSession {
  const client = createIamClient(config, secret);
  const redact = redactor(secret);
  const endpoint = iamEndpoint(config);
  let answered = false;
  // Sits next to the HTTP handler, below deserialization and inside the retry loop, so it sees
  // every attempt: a resolved `next` means a response came back over the wire, whatever its status.
  // That is what separates "the endpoint is unreachable" from "one request broke on the way".
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      answered = true;
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'astrolabeEndpointAnsweredMiddleware' },
  );
  return {
    client,
    endpointAnswered: () => answered,
    classify: (err) => classifyIamError(err, { redact, endpoint, endpointAnswered: answered }),
    destroy: () => client.destroy(),
  };
}
