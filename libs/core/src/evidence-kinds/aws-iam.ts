import { z } from 'zod';

/**
 * Evidence kinds of the aws-iam connector: the contract between connectors/aws-iam (which
 * emits them) and libs/checks/aws-iam (which reads them). Field names follow the IAM API
 * (PascalCase there, camelCase here) so an auditor can map evidence back to the raw call.
 */
export const AWS_IAM_KINDS = {
  credentialReportRow: 'aws.iam.credential-report-row',
  accountSummary: 'aws.iam.account-summary',
  passwordPolicy: 'aws.iam.password-policy',
  user: 'aws.iam.user',
  group: 'aws.iam.group',
  role: 'aws.iam.role',
  managedPolicy: 'aws.iam.managed-policy',
  virtualMfaDevice: 'aws.iam.virtual-mfa-device',
  serverCertificate: 'aws.iam.server-certificate',
  supportAccessEntities: 'aws.iam.support-access-entities',
} as const;

/**
 * One row of the IAM credential report exactly as AWS prints it (column → raw string),
 * e.g. `password_enabled: "not_supported"` for the root row and `"N/A"` for never-used keys.
 * Kept raw so the evidence is byte-for-byte what AWS said; checks parse with the helpers below.
 */
export const credentialReportRowSchema = z.record(z.string(), z.string());
export type CredentialReportRow = z.infer<typeof credentialReportRowSchema>;

export const ROOT_REPORT_USER = '<root_account>';

export const accountSummarySchema = z.object({
  summaryMap: z.record(z.string(), z.number()),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

export const passwordPolicyDataSchema = z.object({
  minimumPasswordLength: z.number().optional(),
  requireSymbols: z.boolean().optional(),
  requireNumbers: z.boolean().optional(),
  requireUppercaseCharacters: z.boolean().optional(),
  requireLowercaseCharacters: z.boolean().optional(),
  allowUsersToChangePassword: z.boolean().optional(),
  expirePasswords: z.boolean().optional(),
  maxPasswordAge: z.number().optional(),
  passwordReusePrevention: z.number().optional(),
  hardExpiry: z.boolean().optional(),
});
/** `present: false` is a valid observation: the account has no custom password policy (NoSuchEntity). */
export const passwordPolicySchema = z.object({
  present: z.boolean(),
  policy: passwordPolicyDataSchema.nullable(),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

/** An IAM policy document, URL-decoded and parsed. Statement may be one object or a list. */
export const policyStatementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.string(),
    Action: z.union([z.string(), z.array(z.string())]).optional(),
    NotAction: z.union([z.string(), z.array(z.string())]).optional(),
    Resource: z.union([z.string(), z.array(z.string())]).optional(),
    NotResource: z.union([z.string(), z.array(z.string())]).optional(),
    Condition: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
export type PolicyStatement = z.infer<typeof policyStatementSchema>;
export const policyDocumentSchema = z
  .object({
    Version: z.string().optional(),
    Statement: z.union([policyStatementSchema, z.array(policyStatementSchema)]),
  })
  .passthrough();
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

export const inlinePolicySchema = z.object({ name: z.string(), document: policyDocumentSchema });
export const attachedPolicySchema = z.object({ name: z.string(), arn: z.string() });

export const iamUserSchema = z.object({
  userName: z.string(),
  userId: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: z.string(),
  groups: z.array(z.string()),
  inlinePolicies: z.array(inlinePolicySchema),
  attachedManagedPolicies: z.array(attachedPolicySchema),
});
export type IamUser = z.infer<typeof iamUserSchema>;

export const iamGroupSchema = z.object({
  groupName: z.string(),
  groupId: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: z.string(),
  inlinePolicies: z.array(inlinePolicySchema),
  attachedManagedPolicies: z.array(attachedPolicySchema),
});
export type IamGroup = z.infer<typeof iamGroupSchema>;

export const iamRoleSchema = z.object({
  roleName: z.string(),
  roleId: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: z.string(),
  assumeRolePolicyDocument: policyDocumentSchema.nullable(),
  inlinePolicies: z.array(inlinePolicySchema),
  attachedManagedPolicies: z.array(attachedPolicySchema),
  roleLastUsed: z.string().nullable(),
});
export type IamRole = z.infer<typeof iamRoleSchema>;

export const managedPolicySchema = z.object({
  policyName: z.string(),
  policyId: z.string(),
  arn: z.string(),
  path: z.string(),
  awsManaged: z.boolean(),
  attachmentCount: z.number(),
  isAttachable: z.boolean(),
  defaultVersionId: z.string(),
  /** The default version's document; null when IAM returned none. */
  document: policyDocumentSchema.nullable(),
});
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;

export const virtualMfaDeviceSchema = z.object({
  serialNumber: z.string(),
  /** ARN of the user the device is assigned to (the root ARN for root), null when unassigned. */
  userArn: z.string().nullable(),
  enableDate: z.string().nullable(),
});
export type VirtualMfaDevice = z.infer<typeof virtualMfaDeviceSchema>;

export const serverCertificateSchema = z.object({
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  path: z.string(),
  uploadDate: z.string(),
  expiration: z.string(),
});
export type ServerCertificate = z.infer<typeof serverCertificateSchema>;

export const supportAccessEntitiesSchema = z.object({
  policyArn: z.string(),
  roles: z.array(z.object({ name: z.string(), id: z.string() })),
  users: z.array(z.object({ name: z.string(), id: z.string() })),
  groups: z.array(z.object({ name: z.string(), id: z.string() })),
});
export type SupportAccessEntities = z.infer<typeof supportAccessEntitiesSchema>;

export const SUPPORT_ACCESS_POLICY_ARN = 'arn:aws:iam::aws:policy/AWSSupportAccess';

export function accountRootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** Account id from any IAM ARN (`arn:aws:iam::123456789012:user/alice` → `123456789012`). */
export function accountIdFromArn(arn: string): string | null {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(arn);
  return m?.[1] ?? null;
}
