import { AWS_IAM_KINDS, type EvidenceKindSpec } from '@astrolabe/core';
import { z } from 'zod';

export const awsIamConfigSchema = z.object({
  /** IAM is global; the region only picks the signing region and the STS/SSO endpoints. */
  region: z.string().min(1).default('us-east-1'),
  /** An IAM-compatible endpoint (the emulator, a VPC endpoint). Unset: the SDK honours AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL. */
  endpointUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** A profile of ~/.aws/config (SSO, assume-role, credential_process…). Unset: AWS_PROFILE or the default chain. */
  profile: z.string().min(1).optional(),
});
export type AwsIamConfig = z.output<typeof awsIamConfigSchema>;

// Blank form fields mean "not given", so the SDK default credential chain is used instead.
const optionalSecret = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().min(1).optional());

export const awsIamSecretSchema = z
  .object({
    accessKeyId: optionalSecret,
    secretAccessKey: optionalSecret,
    sessionToken: optionalSecret,
  })
  .refine((s) => Boolean(s.accessKeyId) === Boolean(s.secretAccessKey), {
    message: 'give both accessKeyId and secretAccessKey, or neither to use the default AWS credential chain',
    path: ['secretAccessKey'],
  })
  .refine((s) => !s.sessionToken || Boolean(s.accessKeyId), {
    message: 'a sessionToken needs accessKeyId and secretAccessKey',
    path: ['sessionToken'],
  });
export type AwsIamSecret = z.output<typeof awsIamSecretSchema>;

/** Every kind with the exact IAM actions it needs: the console shows this as the policy to grant. */
export const awsIamEvidenceKinds = [
  {
    kind: AWS_IAM_KINDS.credentialReportRow,
    title: 'Credential report rows (root and every user: password, MFA, access keys)',
    permissions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  },
  { kind: AWS_IAM_KINDS.accountSummary, title: 'Account summary (root MFA, root access keys, entity counts)', permissions: ['iam:GetAccountSummary'] },
  { kind: AWS_IAM_KINDS.passwordPolicy, title: 'Account password policy', permissions: ['iam:GetAccountPasswordPolicy'] },
  { kind: AWS_IAM_KINDS.user, title: 'IAM users with groups and policies', permissions: ['iam:GetAccountAuthorizationDetails'] },
  { kind: AWS_IAM_KINDS.group, title: 'IAM groups with policies', permissions: ['iam:GetAccountAuthorizationDetails'] },
  { kind: AWS_IAM_KINDS.role, title: 'IAM roles with trust and permission policies', permissions: ['iam:GetAccountAuthorizationDetails'] },
  { kind: AWS_IAM_KINDS.managedPolicy, title: 'Managed policies in use (customer and AWS-managed)', permissions: ['iam:GetAccountAuthorizationDetails'] },
  { kind: AWS_IAM_KINDS.virtualMfaDevice, title: 'Virtual MFA devices and who uses them', permissions: ['iam:ListVirtualMFADevices'] },
  { kind: AWS_IAM_KINDS.serverCertificate, title: 'IAM server certificates', permissions: ['iam:ListServerCertificates'] },
  { kind: AWS_IAM_KINDS.supportAccessEntities, title: 'Who holds AWSSupportAccess', permissions: ['iam:ListEntitiesForPolicy'] },
] as const satisfies readonly EvidenceKindSpec[];

export const AWS_IAM_CREDENTIAL_HELP = [
  'The aws-iam connector uses the standard AWS credential chain. Provide credentials in one of these ways:',
  '  • environment: export AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… (and AWS_SESSION_TOKEN for temporary credentials)',
  '  • a profile: export AWS_PROFILE=<name> (or set `profile` in the connection), from ~/.aws/credentials or ~/.aws/config',
  '  • IAM Identity Center (SSO): aws configure sso, then aws sso login --profile <name>',
  '  • a role: a profile with role_arn + source_profile, web identity (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE), or the EC2/ECS/EKS instance role',
  '  • in the console: an access key id and secret access key on the connection (stored encrypted)',
  'Grant it the read-only actions listed by the connector (the AWS-managed SecurityAudit policy covers them all).',
  'To use an IAM-compatible endpoint (e.g. the emulator), set AWS_ENDPOINT_URL_IAM or the connection’s endpointUrl.',
].join('\n');

export const awsIamManifest = {
  id: 'aws-iam',
  title: 'AWS IAM',
  description:
    'Reads an AWS account’s identity configuration with account-level IAM calls (credential report, account summary, password policy, authorization details, MFA devices, server certificates) for the CIS AWS Foundations identity checks.',
  configSchema: awsIamConfigSchema,
  secretSchema: awsIamSecretSchema,
  defaultSchedule: '0 */6 * * *',
  evidenceKinds: awsIamEvidenceKinds,
  credentialHelp: AWS_IAM_CREDENTIAL_HELP,
} as const;
