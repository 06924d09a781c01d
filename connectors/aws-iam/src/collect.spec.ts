import {
  accountSummarySchema,
  AWS_IAM_KINDS,
  connectorPermissions,
  ConnectorError,
  credentialReportRowSchema,
  iamGroupSchema,
  iamRoleSchema,
  iamUserSchema,
  managedPolicySchema,
  passwordPolicySchema,
  memoryResponseCache,
  serverCertificateSchema,
  supportAccessEntitiesSchema,
  virtualMfaDeviceSchema,
  type ConnectorLogger,
} from '@astrolabe/core';
import { generateScenario, loadDemoScenario, startIamEmulator, type IamEmulator, type IamEmulatorOptions, type Scenario } from '@astrolabe/emulator-aws-iam';
import { runCollection, type CollectionResult } from '@astrolabe/evidence';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import { awsIamConnector } from './index';
import type { AwsIamSecret } from './manifest';

const SECRET = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY-never-print-me',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE-session-never-print-me',
} satisfies AwsIamSecret;

const SCHEMAS: Record<string, z.ZodType> = {
  [AWS_IAM_KINDS.credentialReportRow]: credentialReportRowSchema,
  [AWS_IAM_KINDS.accountSummary]: accountSummarySchema,
  [AWS_IAM_KINDS.passwordPolicy]: passwordPolicySchema,
  [AWS_IAM_KINDS.user]: iamUserSchema,
  [AWS_IAM_KINDS.group]: iamGroupSchema,
  [AWS_IAM_KINDS.role]: iamRoleSchema,
  [AWS_IAM_KINDS.managedPolicy]: managedPolicySchema,
  [AWS_IAM_KINDS.virtualMfaDevice]: virtualMfaDeviceSchema,
  [AWS_IAM_KINDS.serverCertificate]: serverCertificateSchema,
  [AWS_IAM_KINDS.supportAccessEntities]: supportAccessEntitiesSchema,
};

let emulator: IamEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function start(options: Omit<IamEmulatorOptions, 'scenario'> & { scenario?: IamEmulatorOptions['scenario'] } = {}): Promise<IamEmulator> {
  emulator = await startIamEmulator({ scenario: loadDemoScenario(), reportDelayMs: 20, ...options });
  return emulator;
}

function collect(endpointUrl: string, secret: AwsIamSecret = SECRET, logger?: ConnectorLogger): Promise<CollectionResult> {
  return runCollection({ connector: awsIamConnector, config: { region: 'us-east-1', endpointUrl }, secret, ...(logger ? { logger } : {}) });
}

const itemsOf = (result: CollectionResult, kind: string) => result.items.filter((i) => i.kind === kind);
const dataOf = <T>(result: CollectionResult, kind: string): T[] => itemsOf(result, kind).map((i) => i.data as T);

describe('aws-iam connector against the IAM emulator', () => {
  it('collects every evidence kind of the demo account with the expected counts', async () => {
    const scenario: Scenario = loadDemoScenario();
    const emu = await start();
    const progress: Array<[number, number]> = [];
    const result = await runCollection({
      connector: awsIamConnector,
      config: { region: 'us-east-1', endpointUrl: emu.url },
      secret: SECRET,
      onProgress: (done, total) => progress.push([done, total]),
    });

    expect(result.state).toBe('succeeded');
    expect(result.error).toBeNull();
    expect(result.scope).toEqual({ id: 'arn:aws:iam::123456789012:root', type: 'aws:account', name: '123456789012' });
    for (const kind of awsIamConnector.evidenceKinds.map((k) => k.kind)) expect(result.outcomes[kind]?.status, kind).toBe('succeeded');

    const awsManagedAttached = new Set(
      [...scenario.users, ...scenario.groups, ...scenario.roles].flatMap((p) => p.attachedPolicies).filter((ref) => !scenario.policies.some((c) => c.name === ref)),
    );
    const virtualDevices = scenario.users.filter((u) => u.mfa === 'virtual').length + (scenario.root.mfa === 'virtual' ? 1 : 0) + scenario.unassignedVirtualMfaDevices.length;
    expect(Object.fromEntries(Object.entries(result.outcomes).map(([k, o]) => [k, o.items]))).toEqual({
      [AWS_IAM_KINDS.credentialReportRow]: scenario.users.length + 1,
      [AWS_IAM_KINDS.accountSummary]: 1,
      [AWS_IAM_KINDS.passwordPolicy]: 1,
      [AWS_IAM_KINDS.user]: 35,
      [AWS_IAM_KINDS.group]: 5,
      [AWS_IAM_KINDS.role]: 9,
      [AWS_IAM_KINDS.managedPolicy]: scenario.policies.length + awsManagedAttached.size,
      [AWS_IAM_KINDS.virtualMfaDevice]: virtualDevices,
      [AWS_IAM_KINDS.serverCertificate]: 2,
      [AWS_IAM_KINDS.supportAccessEntities]: 1,
    });
    expect(progress.at(-1)).toEqual([7, 7]);
  });

  it('emits exactly the shapes of libs/core evidence-kinds (no missing, no extra fields)', async () => {
    const emu = await start();
    const result = await collect(emu.url);
    for (const item of result.items) {
      const schema = SCHEMAS[item.kind];
      expect(schema, item.kind).toBeDefined();
      expect(schema?.parse(item.data), `${item.kind} ${item.resourceId}`).toEqual(item.data);
    }
  });

  it('keys resources by ARN and account-level kinds by the root ARN', async () => {
    const emu = await start();
    const result = await collect(emu.url);
    const root = 'arn:aws:iam::123456789012:root';
    for (const kind of [AWS_IAM_KINDS.accountSummary, AWS_IAM_KINDS.passwordPolicy, AWS_IAM_KINDS.supportAccessEntities]) {
      expect(itemsOf(result, kind).map((i) => i.resourceId)).toEqual([root]);
    }
    for (const item of result.items) expect(item.resourceId).toMatch(/^arn:aws:iam::(123456789012|aws):/);
    expect(itemsOf(result, AWS_IAM_KINDS.credentialReportRow).map((i) => i.resourceId)).toContain(root);
  });

  it('normalizes the demo account faithfully: root report row, decoded policy documents, MFA and support role', async () => {
    const emu = await start();
    const result = await collect(emu.url);

    const rootRow = dataOf<Record<string, string>>(result, AWS_IAM_KINDS.credentialReportRow).find((r) => r['user'] === '<root_account>');
    expect(rootRow).toMatchObject({ password_enabled: 'not_supported', mfa_active: 'true', access_key_1_active: 'false', access_key_1_last_rotated: 'N/A' });

    const dave = dataOf<z.infer<typeof iamUserSchema>>(result, AWS_IAM_KINDS.user).find((u) => u.userName === 'dave.wilson');
    expect(dave?.inlinePolicies).toEqual([
      { name: 'temp-admin', document: { Version: '2012-10-17', Statement: [{ Sid: 'TemporaryFullAccess', Effect: 'Allow', Action: '*', Resource: '*' }] } },
    ]);

    const policies = dataOf<z.infer<typeof managedPolicySchema>>(result, AWS_IAM_KINDS.managedPolicy);
    expect(policies.find((p) => p.policyName === 'ops-break-glass')).toMatchObject({ awsManaged: false, defaultVersionId: 'v3', attachmentCount: 1 });
    expect(policies.find((p) => p.policyName === 'AdministratorAccess')).toMatchObject({
      awsManaged: true,
      arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    });

    const devices = dataOf<z.infer<typeof virtualMfaDeviceSchema>>(result, AWS_IAM_KINDS.virtualMfaDevice);
    expect(devices).toContainEqual(expect.objectContaining({ serialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', userArn: 'arn:aws:iam::123456789012:root' }));
    expect(devices).toContainEqual({ serialNumber: 'arn:aws:iam::123456789012:mfa/old-phone-oscar', userArn: null, enableDate: null });

    expect(dataOf(result, AWS_IAM_KINDS.supportAccessEntities)).toEqual([
      { policyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess', roles: [{ name: 'aws-support-access', id: expect.stringMatching(/^AROA/) }], users: [], groups: [] },
    ]);
    const role = dataOf<z.infer<typeof iamRoleSchema>>(result, AWS_IAM_KINDS.role).find((r) => r.roleName === 'legacy-batch');
    expect(role?.roleLastUsed).toBeNull();
    expect(role?.assumeRolePolicyDocument?.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
  });

  it('uses account-level calls only: a fixed handful, whatever the number of users', async () => {
    const emu = await start();
    await collect(emu.url);
    const calls = emu.calls();
    expect(Object.keys(calls).sort()).toEqual(
      connectorPermissions(awsIamConnector)
        .map((p) => p.replace('iam:', ''))
        .sort(),
    );
    expect(calls['GetAccountAuthorizationDetails']).toBe(1);
    expect(calls['GetCredentialReport']).toBe(1);
  });

  it('follows Marker/IsTruncated paging with MaxItems 1000 (2,500 users → 3 GAAD pages)', async () => {
    const scenario = generateScenario({ users: 2500, roles: 60, policies: 30, seed: 7 });
    const emu = await start({ scenario });
    const result = await collect(emu.url);
    expect(result.state).toBe('succeeded');
    expect(result.outcomes[AWS_IAM_KINDS.user]?.items).toBe(2500);
    expect(result.outcomes[AWS_IAM_KINDS.role]?.items).toBe(60);
    expect(result.outcomes[AWS_IAM_KINDS.credentialReportRow]?.items).toBe(2501);
    const entities = ['user', 'group', 'role', 'managed-policy'].reduce((n, k) => n + (result.outcomes[`aws.iam.${k}`]?.items ?? 0), 0);
    expect(emu.calls()['GetAccountAuthorizationDetails']).toBe(Math.ceil(entities / 1000));
    const devices = (scenario.users ?? []).filter((u) => u.mfa === 'virtual').length + 1;
    expect(result.outcomes[AWS_IAM_KINDS.virtualMfaDevice]?.items).toBe(devices);
    expect(emu.calls()['ListVirtualMFADevices']).toBe(Math.ceil(devices / 1000));
  });

  it('retries throttled calls (30% answered 400 Throttling) and still collects everything', async () => {
    const emu = await start({ throttleRate: 0.3, seed: 42 });
    const result = await collect(emu.url);
    expect(result.state).toBe('succeeded');
    expect(result.outcomes[AWS_IAM_KINDS.user]?.items).toBe(35);
    const total = Object.values(emu.calls()).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(9); // 9 calls without throttling: some were retried
  });

  it('AccessDenied on ListVirtualMFADevices fails only that kind, naming the missing permission', async () => {
    const emu = await start({ accessDenied: ['ListVirtualMFADevices'] });
    const result = await collect(emu.url);
    expect(result.state).toBe('partial');
    const failed = Object.entries(result.outcomes).filter(([, o]) => o.status === 'failed');
    expect(failed.map(([k]) => k)).toEqual([AWS_IAM_KINDS.virtualMfaDevice]);
    expect(result.outcomes[AWS_IAM_KINDS.virtualMfaDevice]?.error).toMatchObject({ code: 'access_denied', missingPermission: 'iam:ListVirtualMFADevices' });
    expect(result.outcomes[AWS_IAM_KINDS.virtualMfaDevice]?.error?.message).toContain('not authorized to perform: iam:ListVirtualMFADevices');
    expect(itemsOf(result, AWS_IAM_KINDS.virtualMfaDevice)).toEqual([]);
    expect(result.outcomes[AWS_IAM_KINDS.user]).toEqual({ status: 'succeeded', items: 35 });
  });

  it('AccessDenied on GetAccountAuthorizationDetails fails its four kinds; the account is still identified', async () => {
    const emu = await start({ accessDenied: ['iam:GetAccountAuthorizationDetails'] });
    const result = await collect(emu.url);
    const failed = Object.entries(result.outcomes).filter(([, o]) => o.status === 'failed');
    expect(failed.map(([k]) => k).sort()).toEqual([AWS_IAM_KINDS.group, AWS_IAM_KINDS.managedPolicy, AWS_IAM_KINDS.role, AWS_IAM_KINDS.user].sort());
    for (const [, o] of failed) expect(o.error?.missingPermission).toBe('iam:GetAccountAuthorizationDetails');
    expect(result.scope?.id).toBe('arn:aws:iam::123456789012:root');
  });

  it('AccessDenied on GetCredentialReport names that permission (generate was allowed)', async () => {
    const emu = await start({ accessDenied: ['GetCredentialReport'] });
    const result = await collect(emu.url);
    expect(result.outcomes[AWS_IAM_KINDS.credentialReportRow]?.error).toMatchObject({ code: 'access_denied', missingPermission: 'iam:GetCredentialReport' });
  });

  it('a 500 ServiceFailure that outlasts retries fails the kind with the IAM error code', async () => {
    const emu = await start({ serviceFailure: ['ListServerCertificates'] });
    const result = await collect(emu.url);
    expect(result.outcomes[AWS_IAM_KINDS.serverCertificate]?.error).toMatchObject({ code: 'iam_error' });
    expect(result.outcomes[AWS_IAM_KINDS.serverCertificate]?.error?.message).toContain('ServiceFailure');
    expect(result.outcomes[AWS_IAM_KINDS.accountSummary]?.status).toBe('succeeded');
  });

  it('a connection dropped on one action after IAM answered others fails only that kind (network_error) and keeps the rest', async () => {
    const emu = await start({ dropConnection: ['ListServerCertificates'] });
    const result = await collect(emu.url);
    expect(result.state).toBe('partial');
    expect(result.error).toMatchObject({ code: 'network_error' });
    const failed = Object.entries(result.outcomes).filter(([, o]) => o.status === 'failed');
    expect(failed.map(([k]) => k)).toEqual([AWS_IAM_KINDS.serverCertificate]);
    const error = result.outcomes[AWS_IAM_KINDS.serverCertificate]?.error;
    expect(error).toMatchObject({ code: 'network_error' });
    expect(error?.missingPermission).toBeUndefined();
    expect(error?.message).toContain('iam:ListServerCertificates');
    expect(error?.message).toContain('ECONNRESET');
    expect(itemsOf(result, AWS_IAM_KINDS.serverCertificate)).toEqual([]);
    expect(result.outcomes[AWS_IAM_KINDS.user]).toEqual({ status: 'succeeded', items: 35 });
    expect(result.outcomes[AWS_IAM_KINDS.credentialReportRow]?.status).toBe('succeeded');
    expect(result.scope?.id).toBe('arn:aws:iam::123456789012:root');
    expect(emu.calls()['ListServerCertificates']).toBeGreaterThan(1); // the SDK retried before giving up
  });

  it('a connection dropped on every action (IAM never answered) → ConnectorError endpoint_unreachable', async () => {
    const emu = await start({ dropConnection: connectorPermissions(awsIamConnector) });
    const result = await collect(emu.url);
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('endpoint_unreachable');
    expect(result.error?.message).toContain(emu.url);
    expect(result.hint).toContain('AWS_ENDPOINT_URL_IAM');
  });

  it('a malformed GetAccountAuthorizationDetails page fails its kinds instead of emitting half a list', async () => {
    const emu = await start({ malformed: ['GetAccountAuthorizationDetails'] });
    const result = await collect(emu.url);
    expect(result.state).toBe('partial');
    expect(result.outcomes[AWS_IAM_KINDS.user]).toMatchObject({ status: 'failed', items: 0, error: { code: 'malformed_response' } });
    expect(result.outcomes[AWS_IAM_KINDS.user]?.error?.message).toBe(
      'iam:GetAccountAuthorizationDetails returned a response that could not be parsed: @aws-sdk XML parse error: unexpected end of input.',
    );
    expect(itemsOf(result, AWS_IAM_KINDS.role)).toEqual([]);
    expect(result.outcomes[AWS_IAM_KINDS.credentialReportRow]?.status).toBe('succeeded');
  });

  it('no password policy (NoSuchEntity) is a valid observation, not a failure', async () => {
    const demo = loadDemoScenario();
    const emu = await start({ scenario: { ...demo, passwordPolicy: null } });
    const result = await collect(emu.url);
    expect(result.state).toBe('succeeded');
    expect(dataOf(result, AWS_IAM_KINDS.passwordPolicy)).toEqual([{ present: false, policy: null }]);
  });

  it('without endpointUrl, the SDK honours AWS_ENDPOINT_URL_IAM', async () => {
    const emu = await start();
    vi.stubEnv('AWS_ENDPOINT_URL_IAM', emu.url);
    try {
      const result = await runCollection({ connector: awsIamConnector, config: { region: 'us-east-1' }, secret: SECRET });
      expect(result.state).toBe('succeeded');
      expect(emu.calls()['GetAccountSummary']).toBe(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('records only the password policy fields IAM returned', async () => {
    const emu = await start();
    const result = await collect(emu.url);
    expect(dataOf(result, AWS_IAM_KINDS.passwordPolicy)).toEqual([
      {
        present: true,
        policy: {
          minimumPasswordLength: 12,
          requireSymbols: true,
          requireNumbers: true,
          requireUppercaseCharacters: true,
          requireLowercaseCharacters: true,
          allowUsersToChangePassword: true,
          expirePasswords: true,
          maxPasswordAge: 90,
          passwordReusePrevention: 24,
        },
      },
    ]);
  });
});

describe('aws-iam connector when nothing can be collected', () => {
  beforeEach(() => {
    // Make the SDK default chain find nothing, whatever the machine running the tests has.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/astrolabe/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/astrolabe/config');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('no credentials anywhere → ConnectorError credentials_missing with a hint on how to provide them', async () => {
    const emu = await start();
    const attempt = awsIamConnector.collect({
      config: { region: 'us-east-1', endpointUrl: emu.url },
      secret: {},
      signal: new AbortController().signal,
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
      now: () => new Date(),
      cache: memoryResponseCache(),
      usage: () => undefined,
      identify: () => undefined,
      emit: () => undefined,
      fail: () => undefined,
      progress: () => undefined,
    });
    const err = await attempt.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).toMatchObject({ code: 'credentials_missing' });
    expect((err as ConnectorError).hint).toContain('AWS_ACCESS_KEY_ID');
    expect((err as ConnectorError).hint).toContain('AWS_PROFILE');
    expect(emu.calls()).toEqual({});

    const result = await collect(emu.url, {});
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('credentials_missing');
    expect(result.hint).toContain('aws sso login');
  });

  it('an endpoint nobody listens on → ConnectorError endpoint_unreachable', async () => {
    const result = await collect('http://127.0.0.1:9');
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('endpoint_unreachable');
    expect(result.error?.message).toContain('http://127.0.0.1:9');
    expect(result.hint).toContain('AWS_ENDPOINT_URL_IAM');
  });

  it('never puts the secret access key or session token in results, errors or logs', async () => {
    const logged: unknown[] = [];
    const logger: ConnectorLogger = { debug: (...a) => logged.push(a), info: (...a) => logged.push(a), warn: (...a) => logged.push(a) };
    const emu = await start({ accessDenied: ['GetAccountSummary', 'GetCredentialReport'], serviceFailure: ['ListServerCertificates'] });
    const results = [await collect(emu.url, SECRET, logger), await collect('http://127.0.0.1:9', SECRET, logger)];
    const validation = await awsIamConnector.validate({ config: { region: 'us-east-1', endpointUrl: emu.url }, secret: SECRET, signal: new AbortController().signal });
    const text = JSON.stringify({ results, logged, validation });
    expect(text).not.toContain(SECRET.secretAccessKey);
    expect(text).not.toContain(SECRET.sessionToken);
    expect(text).toContain('access_denied');
  });
});
