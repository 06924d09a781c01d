import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { awsIamConnector } from './index';
import type { AwsIamSecret } from './manifest';

const SECRET: AwsIamSecret = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'validate-secret-never-print-me' };

let emulator: IamEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
  vi.unstubAllEnvs();
});

const validate = (endpointUrl: string, secret: AwsIamSecret = SECRET) =>
  awsIamConnector.validate({ config: { region: 'us-east-1', endpointUrl }, secret, signal: new AbortController().signal });

describe('aws-iam validate', () => {
  it('passes with three cheap calls and names the account', async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    const result = await validate(emulator.url);
    expect(result.ok).toBe(true);
    expect(result.scope).toEqual({ id: 'arn:aws:iam::123456789012:root', type: 'aws:account', name: '123456789012' });
    expect(result.steps.map((s) => s.ok)).toEqual([true, true, true]);
    expect(result.steps[0]?.message).toBe('Connected: 35 users, 9 roles');
    expect(emulator.calls()).toEqual({ GenerateCredentialReport: 1, GetAccountAuthorizationDetails: 1, GetAccountSummary: 1 });
  });

  it('names each missing permission', async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario(), accessDenied: ['GetAccountAuthorizationDetails', 'GenerateCredentialReport'] });
    const result = await validate(emulator.url);
    expect(result.ok).toBe(false);
    expect(result.scope).toBeUndefined();
    expect(result.steps.filter((s) => !s.ok).map((s) => s.missingPermission)).toEqual(['iam:GetAccountAuthorizationDetails', 'iam:GenerateCredentialReport']);
  });

  it('without credentials stops at the first step and says how to provide them', async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/astrolabe/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/astrolabe/config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    const result = await validate(emulator.url, {});
    expect(result.ok).toBe(false);
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]?.message).toContain('AWS_ACCESS_KEY_ID');
  });
});
