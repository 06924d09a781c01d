import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetUserCommand,
  IAMClient,
  ListEntitiesForPolicyCommand,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
  paginateGetAccountAuthorizationDetails,
} from '@aws-sdk/client-iam';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_REPORT_COLUMNS } from './credential-report';
import { startIamEmulator, type IamEmulator, type IamEmulatorOptions } from './iam-emulator';
import { loadDemoScenario } from './scenario-loader';
import type { ScenarioInput } from './scenario-schema';

const NOW = new Date('2025-06-01T12:00:00Z');
const CI_KEY = 'AKIACIDEPLOYER000001';

const small: ScenarioInput = {
  accountId: '111122223333',
  accountCreated: '-1000d',
  root: { mfa: 'virtual', passwordLastUsed: '-10d' },
  passwordPolicy: null,
  groups: [{ name: 'devs', created: '-500d', attachedPolicies: ['ReadOnlyAccess'] }],
  users: [
    {
      name: 'alice',
      created: '-400d',
      console: { passwordLastChanged: '-30d', lastUsed: '-1d' },
      mfa: 'virtual',
      groups: ['devs'],
      inlinePolicies: [{ name: 'admin', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    },
    { name: 'bob', created: '-300d', console: { lastUsed: null }, groups: ['devs'] },
    {
      name: 'ci',
      path: '/service/',
      created: '-200d',
      accessKeys: [
        { id: CI_KEY, created: '-150d', lastUsed: '-1d', lastUsedService: 'ecr', lastUsedRegion: 'eu-west-1' },
        { created: '-10d', active: false },
      ],
      attachedPolicies: ['deploy'],
    },
  ],
  roles: [
    {
      name: 'support',
      created: '-100d',
      trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] },
      attachedPolicies: ['arn:aws:iam::aws:policy/AWSSupportAccess'],
      lastUsed: '-2d',
    },
  ],
  policies: [{ name: 'deploy', created: '-200d', versions: 2, document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'ecr:*', Resource: '*' } } }],
  unassignedVirtualMfaDevices: ['spare'],
  serverCertificates: [{ name: 'old', uploaded: '-400d', expiration: '-5d' }],
};

let emulator: IamEmulator | undefined;
const clients: IAMClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await emulator?.stop();
  emulator = undefined;
});

async function setup(options: Partial<IamEmulatorOptions> = {}): Promise<{ emu: IamEmulator; iam: IAMClient }> {
  emulator = await startIamEmulator({ scenario: small, now: NOW, reportDelayMs: 0, ...options });
  const iam = new IAMClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: CI_KEY, secretAccessKey: 'x' }, maxAttempts: 1 });
  clients.push(iam);
  return { emu: emulator, iam };
}

/** A raw Query-protocol request, for what the SDK hides (status codes, XML, missing auth). */
async function raw(emu: IamEmulator, body: string, auth = true): Promise<{ status: number; xml: Record<string, unknown> }> {
  const res = await fetch(emu.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(auth ? { authorization: `AWS4-HMAC-SHA256 Credential=${CI_KEY}/20250601/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00` } : {}),
    },
    body,
  });
  return { status: res.status, xml: new XMLParser({ parseTagValue: false }).parse(await res.text()) as Record<string, unknown> };
}

describe('IAM emulator: responses the real SDK parses', () => {
  it('GetAccountSummary returns the SummaryMap keys of real IAM', async () => {
    const { iam } = await setup();
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap).toMatchObject({ Users: 3, Groups: 1, Roles: 1, Policies: 1, AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, ServerCertificates: 1, UsersQuota: 5000 });
  });

  it('GetAccountPasswordPolicy without a policy is NoSuchEntity (404)', async () => {
    const { emu, iam } = await setup();
    await expect(iam.send(new GetAccountPasswordPolicyCommand({}))).rejects.toBeInstanceOf(NoSuchEntityException);
    const { status, xml } = await raw(emu, 'Action=GetAccountPasswordPolicy&Version=2010-05-08');
    expect(status).toBe(404);
    expect(xml).toMatchObject({ ErrorResponse: { Error: { Type: 'Sender', Code: 'NoSuchEntity', Message: 'The Password Policy with domain name 111122223333 cannot be found.' } } });
  });

  it('GetAccountPasswordPolicy returns the scenario policy', async () => {
    const { iam } = await setup({ scenario: { ...small, passwordPolicy: { minimumPasswordLength: 14, passwordReusePrevention: 24 } } });
    const { PasswordPolicy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(PasswordPolicy).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true,
      ExpirePasswords: false,
      PasswordReusePrevention: 24,
    });
  });

  it('credential report: ReportNotPresent (410) before generation, STARTED then COMPLETE, base64 CSV with AWS columns', async () => {
    const { emu, iam } = await setup({ reportDelayMs: 50 });
    expect((await raw(emu, 'Action=GetCredentialReport&Version=2010-05-08')).status).toBe(410);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
    const inProgress = await raw(emu, 'Action=GetCredentialReport&Version=2010-05-08');
    expect(inProgress).toMatchObject({ status: 404, xml: { ErrorResponse: { Error: { Code: 'ReportInProgress' } } } });
    await new Promise((r) => setTimeout(r, 60));
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');

    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe('text/csv');
    expect(report.GeneratedTime).toBeInstanceOf(Date);
    const [header, ...lines] = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8').split('\n');
    expect(header).toBe(CREDENTIAL_REPORT_COLUMNS.join(','));
    const rows = lines.map((l) => Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((c, i) => [c, l.split(',')[i]])));
    expect(rows.map((r) => r['user'])).toEqual(['<root_account>', 'alice', 'bob', 'ci']);
    expect(rows[0]).toMatchObject({
      arn: 'arn:aws:iam::111122223333:root',
      password_enabled: 'not_supported',
      password_last_used: '2025-05-22T12:00:00+00:00',
      password_last_changed: 'not_supported',
      password_next_rotation: 'not_supported',
      mfa_active: 'true',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
    });
    expect(rows[2]).toMatchObject({ password_enabled: 'true', password_last_used: 'no_information', mfa_active: 'false' });
    expect(rows[3]).toMatchObject({
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      access_key_1_active: 'true',
      access_key_1_last_rotated: '2025-01-02T12:00:00+00:00',
      access_key_1_last_used_date: '2025-05-31T12:00:00+00:00',
      access_key_1_last_used_region: 'eu-west-1',
      access_key_1_last_used_service: 'ecr',
      access_key_2_active: 'false',
      access_key_2_last_used_date: 'N/A',
      access_key_2_last_used_service: 'N/A',
      cert_1_active: 'false',
      cert_2_last_rotated: 'N/A',
    });
  });

  it('GetAccountAuthorizationDetails: URL-encoded documents, AWS-managed policies only when attached', async () => {
    const { iam } = await setup();
    const out = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(out.IsTruncated).toBe(false);
    expect(out.UserDetailList?.map((u) => u.UserName)).toEqual(['alice', 'bob', 'ci']);
    const alice = out.UserDetailList?.[0];
    expect(alice).toMatchObject({ Path: '/', Arn: 'arn:aws:iam::111122223333:user/alice', GroupList: ['devs'], AttachedManagedPolicies: [] });
    expect(alice?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    const encoded = alice?.UserPolicyList?.[0]?.PolicyDocument ?? '';
    expect(encoded).toMatch(/^%7B/);
    expect(JSON.parse(decodeURIComponent(encoded))).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(out.UserDetailList?.[2]).toMatchObject({ Path: '/service/', AttachedManagedPolicies: [{ PolicyName: 'deploy', PolicyArn: 'arn:aws:iam::111122223333:policy/deploy' }] });
    expect(out.GroupDetailList?.[0]).toMatchObject({ GroupName: 'devs', AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] });
    const role = out.RoleDetailList?.[0];
    expect(role).toMatchObject({ RoleName: 'support', RoleLastUsed: { LastUsedDate: new Date('2025-05-30T12:00:00Z'), Region: 'us-east-1' } });
    expect(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? ''))).toMatchObject({ Statement: [{ Action: 'sts:AssumeRole' }] });
    expect(out.Policies?.map((p) => p.Arn).sort()).toEqual([
      'arn:aws:iam::111122223333:policy/deploy',
      'arn:aws:iam::aws:policy/AWSSupportAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    const deploy = out.Policies?.find((p) => p.PolicyName === 'deploy');
    expect(deploy).toMatchObject({ DefaultVersionId: 'v2', AttachmentCount: 1, IsAttachable: true });
    expect(deploy?.PolicyVersionList?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v1', false],
      ['v2', true],
    ]);
  });

  it('GetAccountAuthorizationDetails honours Filter.member.N', async () => {
    const { iam } = await setup();
    const out = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'AWSManagedPolicy'] }));
    expect(out.UserDetailList).toEqual([]);
    expect(out.GroupDetailList).toEqual([]);
    expect(out.RoleDetailList?.map((r) => r.RoleName)).toEqual(['support']);
    expect(out.Policies?.map((p) => p.PolicyName).sort()).toEqual(['AWSSupportAccess', 'ReadOnlyAccess']);
  });

  it('pages across entity types with MaxItems, Marker and IsTruncated', async () => {
    const { emu, iam } = await setup();
    const seen: string[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 2 }, {})) {
      expect(page.UserDetailList!.length + page.GroupDetailList!.length + page.RoleDetailList!.length + page.Policies!.length).toBeLessThanOrEqual(2);
      seen.push(
        ...page.UserDetailList!.map((u) => u.UserName ?? ''),
        ...page.GroupDetailList!.map((g) => g.GroupName ?? ''),
        ...page.RoleDetailList!.map((r) => r.RoleName ?? ''),
        ...page.Policies!.map((p) => p.PolicyName ?? ''),
      );
    }
    expect(seen).toEqual(['alice', 'bob', 'ci', 'devs', 'support', 'deploy', 'ReadOnlyAccess', 'AWSSupportAccess']);
    expect(emu.calls()).toEqual({ GetAccountAuthorizationDetails: 4 });
  });

  it('rejects MaxItems above 1000 and a marker issued by another action', async () => {
    const { emu } = await setup();
    expect(await raw(emu, 'Action=GetAccountAuthorizationDetails&Version=2010-05-08&MaxItems=1001')).toMatchObject({
      status: 400,
      xml: { ErrorResponse: { Error: { Code: 'ValidationError' } } },
    });
    const first = await raw(emu, 'Action=ListVirtualMFADevices&Version=2010-05-08&MaxItems=1');
    const marker = (first.xml as { ListVirtualMFADevicesResponse: { ListVirtualMFADevicesResult: { Marker: string } } }).ListVirtualMFADevicesResponse.ListVirtualMFADevicesResult.Marker;
    expect(marker).toBeTruthy();
    expect(await raw(emu, `Action=GetAccountAuthorizationDetails&Version=2010-05-08&Marker=${encodeURIComponent(marker)}`)).toMatchObject({
      status: 400,
      xml: { ErrorResponse: { Error: { Code: 'InvalidInput' } } },
    });
  });

  it('ListVirtualMFADevices shows the root device assigned to the root ARN, users, and unassigned devices', async () => {
    const { iam } = await setup();
    const { VirtualMFADevices } = await iam.send(new ListVirtualMFADevicesCommand({}));
    expect(VirtualMFADevices).toEqual([
      {
        SerialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
        User: { UserId: '111122223333', Arn: 'arn:aws:iam::111122223333:root', CreateDate: expect.any(Date), PasswordLastUsed: new Date('2025-05-22T12:00:00Z') },
        EnableDate: expect.any(Date),
      },
      expect.objectContaining({ SerialNumber: 'arn:aws:iam::111122223333:mfa/alice', User: expect.objectContaining({ UserName: 'alice' }) }),
      { SerialNumber: 'arn:aws:iam::111122223333:mfa/spare' },
    ]);
    const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(assigned.VirtualMFADevices).toHaveLength(2);
  });

  it('ListServerCertificates and ListEntitiesForPolicy', async () => {
    const { iam } = await setup();
    const certs = await iam.send(new ListServerCertificatesCommand({}));
    expect(certs.ServerCertificateMetadataList).toEqual([
      {
        Path: '/',
        ServerCertificateName: 'old',
        ServerCertificateId: expect.stringMatching(/^ASCA/),
        Arn: 'arn:aws:iam::111122223333:server-certificate/old',
        UploadDate: new Date('2024-04-27T12:00:00Z'),
        Expiration: new Date('2025-05-27T12:00:00Z'),
      },
    ]);
    const support = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }));
    expect(support).toMatchObject({ PolicyRoles: [{ RoleName: 'support' }], PolicyUsers: [], PolicyGroups: [], IsTruncated: false });
    const unattached = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect(unattached.PolicyRoles).toEqual([]);
    await expect(iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::111122223333:policy/nope' }))).rejects.toBeInstanceOf(NoSuchEntityException);
  });

  it('GetUser without a name answers for the owner of the signing key', async () => {
    const { iam } = await setup();
    expect((await iam.send(new GetUserCommand({}))).User).toMatchObject({ UserName: 'ci', Arn: 'arn:aws:iam::111122223333:user/service/ci' });
    expect((await iam.send(new GetUserCommand({ UserName: 'bob' }))).User?.UserName).toBe('bob');
  });
});

describe('IAM emulator: errors and faults', () => {
  it('requires an Authorization header (403 MissingAuthenticationToken)', async () => {
    const { emu } = await setup();
    expect(await raw(emu, 'Action=GetAccountSummary&Version=2010-05-08', false)).toMatchObject({
      status: 403,
      xml: { ErrorResponse: { Error: { Type: 'Sender', Code: 'MissingAuthenticationToken' } } },
    });
  });

  it('answers unknown actions with InvalidAction', async () => {
    const { emu } = await setup();
    expect(await raw(emu, 'Action=CreateUser&Version=2010-05-08&UserName=eve')).toMatchObject({ status: 400, xml: { ErrorResponse: { Error: { Code: 'InvalidAction' } } } });
  });

  it('AccessDenied (403) names the caller and the action, in the real error XML', async () => {
    const { emu, iam } = await setup({ accessDenied: ['iam:ListVirtualMFADevices'] });
    const { status, xml } = await raw(emu, 'Action=ListVirtualMFADevices&Version=2010-05-08');
    expect(status).toBe(403);
    const error = (xml as { ErrorResponse: { Error: Record<string, string>; RequestId: string } }).ErrorResponse;
    expect(error.Error).toMatchObject({ Type: 'Sender', Code: 'AccessDenied' });
    expect(error.Error['Message']).toBe(
      'User: arn:aws:iam::111122223333:user/service/ci is not authorized to perform: iam:ListVirtualMFADevices on resource: * because no identity-based policy allows the iam:ListVirtualMFADevices action',
    );
    expect(error.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(iam.send(new ListVirtualMFADevicesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(iam.send(new GetAccountSummaryCommand({}))).resolves.toBeDefined();
  });

  it('throttles the configured fraction of requests with 400 Throttling', async () => {
    const { emu } = await setup({ throttleRate: 0.5, seed: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await raw(emu, 'Action=GetAccountSummary&Version=2010-05-08');
      statuses.push(r.status);
      if (r.status === 400) expect(r.xml).toMatchObject({ ErrorResponse: { Error: { Code: 'Throttling', Message: 'Rate exceeded' } } });
    }
    const throttled = statuses.filter((s) => s === 400).length;
    expect(throttled).toBeGreaterThan(10);
    expect(throttled).toBeLessThan(30);
  });

  it('counts calls per action, resets them, and changes faults at runtime', async () => {
    const { emu, iam } = await setup();
    await iam.send(new GetAccountSummaryCommand({}));
    await iam.send(new GetAccountSummaryCommand({}));
    expect(emu.calls()).toEqual({ GetAccountSummary: 2 });
    emu.resetCalls();
    expect(emu.calls()).toEqual({});
    emu.setFaults({ serviceFailure: ['GetAccountSummary'] });
    await expect(iam.send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
    emu.setFaults({ serviceFailure: [], latencyMs: 80 });
    const t0 = Date.now();
    await iam.send(new GetAccountSummaryCommand({}));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(75);
  });

  it('can cut a response off mid-body (malformed page), which the SDK rejects', async () => {
    const { iam } = await setup({ malformed: ['GetAccountAuthorizationDetails'] });
    await expect(iam.send(new GetAccountAuthorizationDetailsCommand({}))).rejects.toThrow();
    await expect(iam.send(new GetAccountSummaryCommand({}))).resolves.toBeDefined();
  });

  it('can drop the connection without answering (socket hang up), for that action only', async () => {
    const { emu, iam } = await setup({ dropConnection: ['iam:ListServerCertificates'] });
    await expect(iam.send(new ListServerCertificatesCommand({}))).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(iam.send(new GetAccountSummaryCommand({}))).resolves.toBeDefined();
    expect(emu.calls()).toEqual({ GetAccountSummary: 1, ListServerCertificates: 1 });
    emu.setFaults({ dropConnection: [] });
    await expect(iam.send(new ListServerCertificatesCommand({}))).resolves.toBeDefined();
  });

  it('serves the demo scenario', async () => {
    const { iam } = await setup({ scenario: loadDemoScenario() });
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap).toMatchObject({ Users: 35, Groups: 5, Roles: 9, AccountMFAEnabled: 1 });
  });
});
