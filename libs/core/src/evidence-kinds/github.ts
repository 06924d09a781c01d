import { z } from 'zod';

/**
 * Evidence kinds of the github connector: the contract between connectors/github (which emits
 * them) and libs/checks/github (which reads them). Field names follow GitHub's GraphQL schema
 * (camelCase) where the data comes from GraphQL and the REST field in camelCase otherwise, so
 * an auditor can map evidence back to the raw API. `null` always means "GitHub did not tell us"
 * (typically: the token may not see this setting) — never "off".
 */
export const GITHUB_KINDS = {
  organization: 'github.organization',
  member: 'github.member',
  outsideCollaborator: 'github.outside-collaborator',
  repository: 'github.repository',
  actionsPermissions: 'github.actions-permissions',
} as const;

/** Resource ids: stable across renames of nothing but the login/name itself, readable in the console. */
export const githubOrgResourceId = (org: string) => `github:org/${org}`;
export const githubUserResourceId = (login: string) => `github:user/${login}`;
export const githubRepoResourceId = (nameWithOwner: string) => `github:repo/${nameWithOwner}`;

/** GET /orgs/{org}. Owner-only fields are null when the token is not an owner's. */
export const githubOrganizationSchema = z.object({
  login: z.string(),
  id: z.number(),
  name: z.string().nullable(),
  twoFactorRequirementEnabled: z.boolean().nullable(),
  defaultRepositoryPermission: z.enum(['read', 'write', 'admin', 'none']).nullable(),
  membersCanCreateRepositories: z.boolean().nullable(),
  membersCanCreatePublicRepositories: z.boolean().nullable(),
});
export type GithubOrganization = z.infer<typeof githubOrganizationSchema>;

/** One org member (GET /orgs/{org}/members?role=admin|member, and ?filter=2fa_disabled for 2FA). */
export const githubMemberSchema = z.object({
  login: z.string(),
  id: z.number(),
  role: z.enum(['admin', 'member']),
  /** null when the 2FA filter is not available to the token (owners only). */
  twoFactorEnabled: z.boolean().nullable(),
});
export type GithubMember = z.infer<typeof githubMemberSchema>;

export const GITHUB_REPOSITORY_PERMISSIONS = ['ADMIN', 'MAINTAIN', 'WRITE', 'TRIAGE', 'READ'] as const;
export type GithubRepositoryPermission = (typeof GITHUB_REPOSITORY_PERMISSIONS)[number];

/** An outside collaborator with the repositories they can reach and how. */
export const githubOutsideCollaboratorSchema = z.object({
  login: z.string(),
  id: z.number(),
  twoFactorEnabled: z.boolean().nullable(),
  repositories: z.array(z.object({ nameWithOwner: z.string(), permission: z.enum(GITHUB_REPOSITORY_PERMISSIONS) })),
});
export type GithubOutsideCollaborator = z.infer<typeof githubOutsideCollaboratorSchema>;

/** The classic branch protection rule that matches the default branch (GraphQL BranchProtectionRule). */
export const githubBranchProtectionSchema = z.object({
  pattern: z.string(),
  requiresApprovingReviews: z.boolean(),
  requiredApprovingReviewCount: z.number().nullable(),
  dismissesStaleReviews: z.boolean(),
  requiresCodeOwnerReviews: z.boolean(),
  requiresStatusChecks: z.boolean(),
  requiredStatusCheckContexts: z.array(z.string()),
  isAdminEnforced: z.boolean(),
  allowsForcePushes: z.boolean(),
  allowsDeletions: z.boolean(),
  /** Actors allowed to bypass pull request requirements. */
  bypassPullRequestActorCount: z.number(),
});
export type GithubBranchProtection = z.infer<typeof githubBranchProtectionSchema>;

/** One rule of a ruleset (GraphQL RepositoryRule; parameters only for the types checks read). */
export const githubRulesetRuleSchema = z.object({
  type: z.string(),
  requiredApprovingReviewCount: z.number().optional(),
  dismissStaleReviewsOnPush: z.boolean().optional(),
  requireCodeOwnerReview: z.boolean().optional(),
  requiredStatusChecks: z.array(z.string()).optional(),
});
export type GithubRulesetRule = z.infer<typeof githubRulesetRuleSchema>;

/** A ruleset (repository- or organization-level) whose conditions include the default branch. */
export const githubRulesetSchema = z.object({
  name: z.string(),
  source: z.enum(['repository', 'organization']),
  enforcement: z.enum(['ACTIVE', 'EVALUATE', 'DISABLED']),
  bypassActorCount: z.number(),
  rules: z.array(githubRulesetRuleSchema),
});
export type GithubRuleset = z.infer<typeof githubRulesetSchema>;

export const githubEnvironmentSchema = z.object({
  name: z.string(),
  protectionRules: z.array(
    z.object({
      type: z.enum(['REQUIRED_REVIEWERS', 'WAIT_TIMER', 'BRANCH_POLICY']),
      reviewerCount: z.number().optional(),
      waitTimerMinutes: z.number().optional(),
    }),
  ),
});
export type GithubEnvironment = z.infer<typeof githubEnvironmentSchema>;

export const githubRepositorySchema = z.object({
  nameWithOwner: z.string(),
  visibility: z.enum(['PUBLIC', 'PRIVATE', 'INTERNAL']),
  isArchived: z.boolean(),
  isFork: z.boolean(),
  isEmpty: z.boolean(),
  /** null for an empty repository. */
  defaultBranch: z.string().nullable(),
  /**
   * Whether the token administers the repository (GraphQL viewerPermission ADMIN). GitHub shows
   * branch protection rules and Dependabot settings only to admins: without it, "no rule" in
   * this evidence means "not shown", and checks answer unknown.
   */
  adminSettingsVisible: z.boolean(),
  branchProtection: githubBranchProtectionSchema.nullable(),
  rulesets: z.array(githubRulesetSchema),
  /** Dependabot alerts (GraphQL hasVulnerabilityAlertsEnabled); null when not visible. */
  vulnerabilityAlertsEnabled: z.boolean().nullable(),
  /** REST security_and_analysis; null when the token may not see it (needs admin on the repo). */
  secretScanning: z.enum(['enabled', 'disabled']).nullable(),
  secretScanningPushProtection: z.enum(['enabled', 'disabled']).nullable(),
  environments: z.array(githubEnvironmentSchema),
});
export type GithubRepository = z.infer<typeof githubRepositorySchema>;

/** GET /orgs/{org}/actions/permissions and …/permissions/workflow. */
export const githubActionsPermissionsSchema = z.object({
  enabledRepositories: z.enum(['all', 'none', 'selected']),
  allowedActions: z.enum(['all', 'local_only', 'selected']).nullable(),
  /** null when GitHub's answer lacks the setting (older Enterprise Server versions). */
  defaultWorkflowPermissions: z.enum(['read', 'write']).nullable(),
  canApprovePullRequestReviews: z.boolean().nullable(),
});
export type GithubActionsPermissions = z.infer<typeof githubActionsPermissionsSchema>;
