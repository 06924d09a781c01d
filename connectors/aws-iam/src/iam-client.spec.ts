import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { iamEndpoint, openIamSession, type IamSession } from './iam-client';

const SECRET = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'iam-client-secret-never-print-me' };

let emulator: IamEmulator | undefined;
let session: IamSession | undefined;
afterEach(async () => {
  session?.destroy();
  session = undefined;
  await emulator?.stop();
  emulator = undefined;
  vi.unstubAllEnvs();
});

describe('iamEndpoint', () => {
  it('prefers the connection endpointUrl, then AWS_ENDPOINT_URL_IAM, then AWS_ENDPOINT_URL, then global IAM', () => {
    vi.stubEnv('AWS_ENDPOINT_URL_IAM', undefined);
    vi.stubEnv('AWS_ENDPOINT_URL', undefined);
    expect(iamEndpoint({})).toBe('https://iam.amazonaws.com');
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://all-services.local');
    expect(iamEndpoint({})).toBe('http://all-services.local');
    vi.stubEnv('AWS_ENDPOINT_URL_IAM', 'http://iam.local');
    expect(iamEndpoint({})).toBe('http://iam.local');
    expect(iamEndpoint({ endpointUrl: 'http://connection.local' })).toBe('http://connection.local');
  });
});

describe('openIamSession', () => {
  it('counts an IAM error response as the endpoint answering', async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario(), accessDenied: ['GetAccountSummary'] });
    session = openIamSession({ region: 'us-east-1', endpointUrl: emulator.url }, SECRET);
    expect(session.endpointAnswered()).toBe(false);
    await expect(session.client.send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(session.endpointAnswered()).toBe(true);
  });

  it('does not count a refused connection, which classifies as endpoint_unreachable', async () => {
    session = openIamSession({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' }, SECRET);
    const err = await session.client.send(new GetAccountSummaryCommand({})).catch((e: unknown) => e);
    expect(session.endpointAnswered()).toBe(false);
    expect(session.classify(err)).toMatchObject({ kind: 'fatal', error: { code: 'endpoint_unreachable' } });
  });
});
