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
import { check as defaultBranchProtected } from '../github/default-branch-protected/evaluate';
import { check as defaultRepoPermissionRestricted } from '../github/default-repo-permission-restricted/evaluate';
import { check as dependabotAlertsEnabled } from '../github/dependabot-alerts-enabled/evaluate';
import { check as forcePushBlocked } from '../github/force-push-blocked/evaluate';
import { check as member2faEnabled } from '../github/member-2fa-enabled/evaluate';
import { check as org2faRequired } from '../github/org-2fa-required/evaluate';
import { check as outsideCollaboratorNoAdmin } from '../github/outside-collaborator-no-admin/evaluate';
import { check as ownerCount } from '../github/owner-count/evaluate';
import { check as productionEnvironmentProtected } from '../github/production-environment-protected/evaluate';
import { check as pullRequestReviewsRequired } from '../github/pull-request-reviews-required/evaluate';
import { check as pushProtectionEnabled } from '../github/push-protection-enabled/evaluate';
import { check as secretScanningEnabled } from '../github/secret-scanning-enabled/evaluate';
import { check as workflowTokenReadOnly } from '../github/workflow-token-read-only/evaluate';
import { azureRbacChecks } from '../azure-rbac/index';
import { entraIdChecks } from '../entra-id/index';

export { azureRbacChecks, entraIdChecks };

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

/**
 * GitHub organization checks: identity and access first (CIS GitHub 1.3), then the default
 * branch (1.1), code risks (1.5), the workflow token (2.1) and production deployments (5.2).
 */
export const githubChecks: CheckDefinition[] = [
  org2faRequired,
  member2faEnabled,
  ownerCount,
  defaultRepoPermissionRestricted,
  outsideCollaboratorNoAdmin,
  defaultBranchProtected,
  pullRequestReviewsRequired,
  forcePushBlocked,
  secretScanningEnabled,
  pushProtectionEnabled,
  dependabotAlertsEnabled,
  workflowTokenReadOnly,
  productionEnvironmentProtected,
];

/**
 * Every check of every connector the registry knows; the registry builds its catalog from this
 * list and rejects a check whose connector it does not have.
 */
export const allChecks: CheckDefinition[] = [...awsIamChecks, ...githubChecks, ...azureRbacChecks, ...entraIdChecks];
