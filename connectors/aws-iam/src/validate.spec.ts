import { connectorPermissions } from '@astrolabe/core';
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

const PERMISSIONS = connectorPermissions(awsIamConnector);

describe('aws-iam validate', () => {
  it('passes with one cheap call per manifest permission, each step naming its permission, and names the account', async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    const result = await validate(emulator.url);
    expect(result.ok).toBe(true);
    expect(result.scope).toEqual({ id: 'arn:aws:iam::123456789012:root', type: 'aws:account', name: '123456789012' });
    expect(result.steps.map((s) => s.ok)).toEqual(PERMISSIONS.map(() => true));
    expect(result.steps.map((s) => /\((iam:[A-Za-z]+)\)$/.exec(s.name)?.[1]).sort()).toEqual(PERMISSIONS);
    expect(result.steps[0]?.message).toBe('Connected: 35 users, 9 roles');
    expect(emulator.calls()).toEqual(Object.fromEntries(PERMISSIONS.map((p) => [p.replace('iam:', ''), 1])));
  });

  it.each(PERMISSIONS)('AccessDenied on %s alone → ok false, that step names it as the missing permission', async (permission) => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario(), accessDenied: [permission] });
    const result = await validate(emulator.url);
    expect(result.ok).toBe(false);
    expect(result.steps).toHaveLength(PERMISSIONS.length);
    const failed = result.steps.filter((s) => !s.ok);
    expect(failed).toEqual([expect.objectContaining({ missingPermission: permission, name: expect.stringContaining(permission) })]);
    expect(failed[0]?.message).toContain(`not authorized to perform: ${permission}`);
  });

  it('no custom password policy (NoSuchEntity) and no credential report yet still prove the permissions', async () => {
    emulator = await startIamEmulator({ scenario: { ...loadDemoScenario(), passwordPolicy: null }, reportDelayMs: 60_000 });
    const result = await validate(emulator.url);
    expect(result.ok).toBe(true);
    const step = (permission: string) => result.steps.find((s) => s.name.endsWith(`(${permission})`));
    expect(step('iam:GetAccountPasswordPolicy')).toMatchObject({ ok: true, message: expect.stringContaining('no custom password policy') });
    expect(step('iam:GetCredentialReport')).toMatchObject({ ok: true, message: expect.stringMatching(/no credential report has been generated yet|still being generated/) });
  });

  it('a connection dropped on one probe after IAM answered fails that step only, naming the action', async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario(), dropConnection: ['ListServerCertificates'] });
    const result = await validate(emulator.url);
    expect(result.ok).toBe(false);
    expect(result.scope?.id).toBe('arn:aws:iam::123456789012:root');
    const failed = result.steps.filter((s) => !s.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.name).toContain('iam:ListServerCertificates');
    expect(failed[0]?.message).toContain('iam:ListServerCertificates failed');
    expect(failed[0]?.missingPermission).toBeUndefined();
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
