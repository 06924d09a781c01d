import { IAMClient } from '@aws-sdk/client-iam';
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
