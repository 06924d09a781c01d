import type { CheckDefinition } from '@astrolabe/core';
import { check as accessKeysRotated90d } from '../aws-iam/access-keys-rotated-90d/evaluate';
import { check as consoleUserMfa } from '../aws-iam/console-user-mfa/evaluate';
import { check as credentialsUnused45d } from '../aws-iam/credentials-unused-45d/evaluate';
import { check as expiredCertificatesRemoved } from '../aws-iam/expired-certificates-removed/evaluate';
import { check as noFullAdminPolicies } from '../aws-iam/no-full-admin-policies/evaluate';
import { check as passwordMinLength } from '../aws-iam/password-min-length/evaluate';
import { check as passwordReusePrevention } from '../aws-iam/password-reuse-prevention/evaluate';
import { check as permissionsThroughGroups } from '../aws-iam/permissions-through-groups/evaluate';
import { check as rootAccessKeysAbsent } from '../aws-iam/root-access-keys-absent/evaluate';
import { check as rootHardwareMfa } from '../aws-iam/root-hardware-mfa/evaluate';
import { check as rootMfaEnabled } from '../aws-iam/root-mfa-enabled/evaluate';
import { check as rootNotUsedRecently } from '../aws-iam/root-not-used-recently/evaluate';
import { check as singleActiveAccessKey } from '../aws-iam/single-active-access-key/evaluate';
import { check as supportRoleExists } from '../aws-iam/support-role-exists/evaluate';

/** CIS AWS Foundations Benchmark v5.0 section 1 (identity), in benchmark order. */
export const awsIamChecks: CheckDefinition[] = [
  rootAccessKeysAbsent,
  rootMfaEnabled,
  rootHardwareMfa,
  rootNotUsedRecently,
  passwordMinLength,
  passwordReusePrevention,
  consoleUserMfa,
  credentialsUnused45d,
  singleActiveAccessKey,
  accessKeysRotated90d,
  permissionsThroughGroups,
  noFullAdminPolicies,
  supportRoleExists,
  expiredCertificatesRemoved,
];

/** Every check of every connector; the registry builds its catalog from this list. */
export const allChecks: CheckDefinition[] = [...awsIamChecks];
