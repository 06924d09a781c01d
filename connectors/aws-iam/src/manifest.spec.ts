import { AWS_IAM_KINDS, connectorPermissions } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { awsIamConnector } from './index';
import { awsIamConfigSchema, awsIamSecretSchema } from './manifest';

describe('aws-iam manifest', () => {
  it('declares every aws-iam evidence kind of libs/core with the exact IAM actions it needs', () => {
    expect(awsIamConnector.evidenceKinds.map((k) => k.kind).sort()).toEqual(Object.values(AWS_IAM_KINDS).sort());
    expect(connectorPermissions(awsIamConnector)).toEqual([
      'iam:GenerateCredentialReport',
      'iam:GetAccountAuthorizationDetails',
      'iam:GetAccountPasswordPolicy',
      'iam:GetAccountSummary',
      'iam:GetCredentialReport',
      'iam:ListEntitiesForPolicy',
      'iam:ListServerCertificates',
      'iam:ListVirtualMFADevices',
    ]);
    expect(awsIamConnector).toMatchObject({ id: 'aws-iam', defaultSchedule: '0 */6 * * *' });
  });

  it('config defaults the region and validates the endpoint URL', () => {
    expect(awsIamConfigSchema.parse({})).toEqual({ region: 'us-east-1' });
    expect(awsIamConfigSchema.parse({ endpointUrl: 'http://127.0.0.1:4566', profile: 'audit' })).toMatchObject({ endpointUrl: 'http://127.0.0.1:4566', profile: 'audit' });
    expect(awsIamConfigSchema.safeParse({ endpointUrl: 'not a url' }).success).toBe(false);
  });

  it('secrets are optional as a group: none (default chain) or a key pair', () => {
    expect(awsIamSecretSchema.parse({})).toEqual({});
    expect(awsIamSecretSchema.parse({ accessKeyId: '', secretAccessKey: '  ' })).toEqual({});
    expect(awsIamSecretSchema.parse({ accessKeyId: 'AKIA1', secretAccessKey: 's' })).toMatchObject({ accessKeyId: 'AKIA1', secretAccessKey: 's' });
    expect(awsIamSecretSchema.safeParse({ accessKeyId: 'AKIA1' }).success).toBe(false);
    expect(awsIamSecretSchema.safeParse({ sessionToken: 'tok' }).success).toBe(false);
  });

  it('tells how to supply credentials', () => {
    for (const hint of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'sso', 'role']) expect(awsIamConnector.credentialHelp).toContain(hint);
  });
});
