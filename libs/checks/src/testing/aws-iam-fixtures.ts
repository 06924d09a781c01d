import {
  AWS_IAM_KINDS,
  ROOT_REPORT_USER,
  SUPPORT_ACCESS_POLICY_ARN,
  accountRootArn,
  type CredentialReportRow,
  type EvaluationContext,
  type IamGroup,
  type IamRole,
  type IamUser,
  type ManagedPolicy,
  type PasswordPolicy,
  type PolicyDocument,
  type ServerCertificate,
  type SupportAccessEntities,
} from '@astrolabe/core';
import { evidenceBuilder, type EvidenceBuilder } from './evidence-builder';

export const ACCOUNT_ID = '123456789012';
export const ROOT_ARN = accountRootArn(ACCOUNT_ID);
export const NOW = new Date('2026-06-01T12:00:00Z');

export function context(now: Date = NOW): EvaluationContext {
  return { now, scope: { id: ROOT_ARN, type: 'aws:account', name: ACCOUNT_ID } };
}

/** The permission whose absence makes the connector fail each kind (named in `unknown` reasons). */
export const KIND_PERMISSIONS: Record<string, string> = {
  [AWS_IAM_KINDS.credentialReportRow]: 'iam:GetCredentialReport',
  [AWS_IAM_KINDS.accountSummary]: 'iam:GetAccountSummary',
  [AWS_IAM_KINDS.passwordPolicy]: 'iam:GetAccountPasswordPolicy',
  [AWS_IAM_KINDS.user]: 'iam:GetAccountAuthorizationDetails',
  [AWS_IAM_KINDS.group]: 'iam:GetAccountAuthorizationDetails',
  [AWS_IAM_KINDS.role]: 'iam:GetAccountAuthorizationDetails',
  [AWS_IAM_KINDS.managedPolicy]: 'iam:GetAccountAuthorizationDetails',
  [AWS_IAM_KINDS.virtualMfaDevice]: 'iam:ListVirtualMFADevices',
  [AWS_IAM_KINDS.serverCertificate]: 'iam:ListServerCertificates',
  [AWS_IAM_KINDS.supportAccessEntities]: 'iam:ListEntitiesForPolicy',
};

/** A timestamp `days` before NOW in the credential report's format (`2026-05-01T12:00:00+00:00`). */
export function daysAgo(days: number, now: Date = NOW): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().replace('.000Z', '+00:00');
}

export const userArn = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;
export const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
export const groupArn = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:group/${name}`;
export const policyArn = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`;

const NO_KEY = (slot: 1 | 2): CredentialReportRow => ({
  [`access_key_${slot}_active`]: 'false',
  [`access_key_${slot}_last_rotated`]: 'N/A',
  [`access_key_${slot}_last_used_date`]: 'N/A',
  [`access_key_${slot}_last_used_region`]: 'N/A',
  [`access_key_${slot}_last_used_service`]: 'N/A',
});

/** A credential-report row with every column AWS prints; defaults: no password, no keys, no MFA. */
export function reportRow(user: string, cells: CredentialReportRow = {}): CredentialReportRow {
  return {
    user,
    arn: userArn(user),
    user_creation_time: daysAgo(400),
    password_enabled: 'false',
    password_last_used: 'N/A',
    password_last_changed: 'N/A',
    password_next_rotation: 'N/A',
    mfa_active: 'false',
    ...NO_KEY(1),
    ...NO_KEY(2),
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
    ...cells,
  };
}

/** A console user with MFA whose password was used yesterday. */
export function consoleUserRow(user: string, cells: CredentialReportRow = {}): CredentialReportRow {
  return reportRow(user, { password_enabled: 'true', password_last_used: daysAgo(1), password_last_changed: daysAgo(60), mfa_active: 'true', ...cells });
}

/** An active access key in `slot`, rotated and last used the given number of days ago. */
export function activeKey(slot: 1 | 2, rotatedDaysAgo: number, usedDaysAgo: number | null = 1): CredentialReportRow {
  return {
    [`access_key_${slot}_active`]: 'true',
    [`access_key_${slot}_last_rotated`]: daysAgo(rotatedDaysAgo),
    [`access_key_${slot}_last_used_date`]: usedDaysAgo === null ? 'N/A' : daysAgo(usedDaysAgo),
    [`access_key_${slot}_last_used_region`]: usedDaysAgo === null ? 'N/A' : 'us-east-1',
    [`access_key_${slot}_last_used_service`]: usedDaysAgo === null ? 'N/A' : 's3',
  };
}

/** The root row as AWS prints it: `not_supported` password columns, MFA on, no keys. */
export function rootRow(cells: CredentialReportRow = {}): CredentialReportRow {
  return reportRow(ROOT_REPORT_USER, {
    arn: ROOT_ARN,
    password_enabled: 'not_supported',
    password_last_used: 'no_information',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: 'true',
    ...cells,
  });
}

export function withReportRows(rows: CredentialReportRow[], builder: EvidenceBuilder = evidenceBuilder()): EvidenceBuilder {
  builder.collected(AWS_IAM_KINDS.credentialReportRow);
  for (const row of rows) builder.add(AWS_IAM_KINDS.credentialReportRow, row.arn ?? 'unknown', row);
  return builder;
}

export function accountSummary(summaryMap: Record<string, number> = {}) {
  return { summaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 3, Policies: 2, ...summaryMap } };
}

export function passwordPolicy(policy: PasswordPolicy['policy']): PasswordPolicy {
  return { present: policy !== null, policy };
}

export const ADMIN_DOCUMENT: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'FullAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
};

export const READ_ONLY_DOCUMENT: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }],
};

export function iamUser(name: string, overrides: Partial<IamUser> = {}): IamUser {
  return {
    userName: name,
    userId: `AIDA${name.toUpperCase()}`,
    arn: userArn(name),
    path: '/',
    createDate: daysAgo(400),
    groups: ['engineers'],
    inlinePolicies: [],
    attachedManagedPolicies: [],
    ...overrides,
  };
}

export function iamGroup(name: string, overrides: Partial<IamGroup> = {}): IamGroup {
  return { groupName: name, groupId: `AGPA${name.toUpperCase()}`, arn: groupArn(name), path: '/', createDate: daysAgo(400), inlinePolicies: [], attachedManagedPolicies: [], ...overrides };
}

export function iamRole(name: string, overrides: Partial<IamRole> = {}): IamRole {
  return {
    roleName: name,
    roleId: `AROA${name.toUpperCase()}`,
    arn: roleArn(name),
    path: '/',
    createDate: daysAgo(400),
    assumeRolePolicyDocument: null,
    inlinePolicies: [],
    attachedManagedPolicies: [],
    roleLastUsed: null,
    ...overrides,
  };
}

export function managedPolicy(name: string, overrides: Partial<ManagedPolicy> = {}): ManagedPolicy {
  return {
    policyName: name,
    policyId: `ANPA${name.toUpperCase()}`,
    arn: policyArn(name),
    path: '/',
    awsManaged: false,
    attachmentCount: 1,
    isAttachable: true,
    defaultVersionId: 'v1',
    document: READ_ONLY_DOCUMENT,
    ...overrides,
  };
}

export function serverCertificate(name: string, expiration: string): ServerCertificate {
  return { name, id: `ASCA${name.toUpperCase()}`, arn: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/${name}`, path: '/', uploadDate: daysAgo(500), expiration };
}

export function supportAccessEntities(entities: Partial<Omit<SupportAccessEntities, 'policyArn'>> = {}): SupportAccessEntities {
  return { policyArn: SUPPORT_ACCESS_POLICY_ARN, roles: [], users: [], groups: [], ...entities };
}
