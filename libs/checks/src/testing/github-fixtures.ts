import {
  GITHUB_KINDS,
  githubOrgResourceId,
  githubRepoResourceId,
  githubUserResourceId,
  type EvaluationContext,
  type GithubActionsPermissions,
  type GithubBranchProtection,
  type GithubEnvironment,
  type GithubMember,
  type GithubOrganization,
  type GithubOutsideCollaborator,
  type GithubRepository,
  type GithubRepositoryPermission,
  type GithubRuleset,
  type GithubRulesetRule,
} from '@astrolabe/core';
import { evidenceBuilder, type EvidenceBuilder } from './evidence-builder';

export const ORG = 'acme';
export const ORG_RESOURCE_ID = githubOrgResourceId(ORG);
export const NOW = new Date('2026-06-01T12:00:00Z');

export function githubContext(now: Date = NOW): EvaluationContext {
  return { now, scope: { id: ORG_RESOURCE_ID, type: 'github:organization', name: ORG } };
}

/** The permission whose absence makes the connector fail each kind (named in `unknown` reasons). */
export const GITHUB_KIND_PERMISSIONS: Record<string, string> = {
  [GITHUB_KINDS.organization]: 'Organization "Administration: read"',
  [GITHUB_KINDS.member]: 'Organization "Members: read"',
  [GITHUB_KINDS.outsideCollaborator]: 'Organization "Members: read"',
  [GITHUB_KINDS.repository]: 'Repository "Administration: read"',
  [GITHUB_KINDS.actionsPermissions]: 'Organization "Administration: read"',
};

export const repoName = (name: string) => `${ORG}/${name}`;
export const repoId = (name: string) => githubRepoResourceId(repoName(name));
export const userId = (login: string) => githubUserResourceId(login);

/** GET /orgs/acme as an owner sees it: 2FA required, base permission read. */
export function organization(overrides: Partial<GithubOrganization> = {}): GithubOrganization {
  return {
    login: ORG,
    id: 1001,
    name: 'Acme Corp',
    twoFactorRequirementEnabled: true,
    defaultRepositoryPermission: 'read',
    membersCanCreateRepositories: false,
    membersCanCreatePublicRepositories: false,
    ...overrides,
  };
}

/** A stable numeric user id derived from the login, so fixtures (and their hashes) do not depend on call order. */
export function userNumber(login: string): number {
  let n = 5000;
  for (const ch of login) n = (n * 31 + ch.charCodeAt(0)) % 1_000_000;
  return n;
}

export function member(login: string, overrides: Partial<GithubMember> = {}): GithubMember {
  return { login, id: userNumber(login), role: 'member', twoFactorEnabled: true, ...overrides };
}

export const owner = (login: string, overrides: Partial<GithubMember> = {}) => member(login, { role: 'admin', ...overrides });

export function outsideCollaborator(
  login: string,
  repositories: [name: string, permission: GithubRepositoryPermission][] = [],
  overrides: Partial<GithubOutsideCollaborator> = {},
): GithubOutsideCollaborator {
  return {
    login,
    id: userNumber(login),
    twoFactorEnabled: true,
    repositories: repositories.map(([name, permission]) => ({ nameWithOwner: repoName(name), permission })),
    ...overrides,
  };
}

/** A classic rule on `main` that satisfies every branch check: 1 approval, stale dismissal, admins bound, no force push. */
export function branchProtection(overrides: Partial<GithubBranchProtection> = {}): GithubBranchProtection {
  return {
    pattern: 'main',
    requiresApprovingReviews: true,
    requiredApprovingReviewCount: 1,
    dismissesStaleReviews: true,
    requiresCodeOwnerReviews: false,
    requiresStatusChecks: true,
    requiredStatusCheckContexts: ['ci'],
    isAdminEnforced: true,
    allowsForcePushes: false,
    allowsDeletions: false,
    bypassPullRequestActorCount: 0,
    ...overrides,
  };
}

export function pullRequestRule(overrides: Partial<GithubRulesetRule> = {}): GithubRulesetRule {
  return { type: 'PULL_REQUEST', requiredApprovingReviewCount: 1, dismissStaleReviewsOnPush: true, requireCodeOwnerReview: false, ...overrides };
}

export const nonFastForwardRule = (): GithubRulesetRule => ({ type: 'NON_FAST_FORWARD' });
export const deletionRule = (): GithubRulesetRule => ({ type: 'DELETION' });

/** An ACTIVE repository ruleset on the default branch without bypass actors; rules: no force push and reviewed PRs. */
export function ruleset(name: string, overrides: Partial<GithubRuleset> = {}): GithubRuleset {
  return { name, source: 'repository', enforcement: 'ACTIVE', bypassActorCount: 0, rules: [nonFastForwardRule(), pullRequestRule()], ...overrides };
}

export const requiredReviewers = (reviewerCount = 1) => ({ type: 'REQUIRED_REVIEWERS' as const, reviewerCount });
export const branchPolicy = () => ({ type: 'BRANCH_POLICY' as const });
export const waitTimer = (waitTimerMinutes = 10) => ({ type: 'WAIT_TIMER' as const, waitTimerMinutes });

export function environment(name: string, protectionRules: GithubEnvironment['protectionRules'] = []): GithubEnvironment {
  return { name, protectionRules };
}

/** A protected production environment: one required reviewer and a deployment branch policy. */
export const protectedEnvironment = (name = 'production') => environment(name, [requiredReviewers(1), branchPolicy()]);

/**
 * A private repository `acme/<name>` with `main` as default branch and every security feature on,
 * but no branch protection: specs add the classic rule or rulesets they are about.
 */
export function repository(name: string, overrides: Partial<GithubRepository> = {}): GithubRepository {
  return {
    nameWithOwner: repoName(name),
    visibility: 'PRIVATE',
    isArchived: false,
    isFork: false,
    isEmpty: false,
    defaultBranch: 'main',
    adminSettingsVisible: true,
    branchProtection: null,
    rulesets: [],
    vulnerabilityAlertsEnabled: true,
    secretScanning: 'enabled',
    secretScanningPushProtection: 'enabled',
    environments: [],
    ...overrides,
  };
}

/** A repository whose default branch carries the compliant classic rule of `branchProtection()`. */
export const protectedRepository = (name: string, overrides: Partial<GithubRepository> = {}) => repository(name, { branchProtection: branchProtection(), ...overrides });

export function actionsPermissions(overrides: Partial<GithubActionsPermissions> = {}): GithubActionsPermissions {
  return { enabledRepositories: 'all', allowedActions: 'selected', defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false, ...overrides };
}

// Each `with…` marks its kind collected (so an empty list is a valid observation) and adds the items
// under the resource ids the connector uses.

export function withOrganization(org: unknown = organization(), builder: EvidenceBuilder = evidenceBuilder()): EvidenceBuilder {
  return builder.add(GITHUB_KINDS.organization, ORG_RESOURCE_ID, org);
}

export function withMembers(members: GithubMember[], builder: EvidenceBuilder = evidenceBuilder()): EvidenceBuilder {
  builder.collected(GITHUB_KINDS.member);
  for (const m of members) builder.add(GITHUB_KINDS.member, githubUserResourceId(m.login), m);
  return builder;
}

export function withOutsideCollaborators(collaborators: GithubOutsideCollaborator[], builder: EvidenceBuilder = evidenceBuilder()): EvidenceBuilder {
  builder.collected(GITHUB_KINDS.outsideCollaborator);
  for (const c of collaborators) builder.add(GITHUB_KINDS.outsideCollaborator, githubUserResourceId(c.login), c);
  return builder;
}

export function withRepositories(repositories: GithubRepository[], builder: EvidenceBuilder = evidenceBuilder()): EvidenceBuilder {
  builder.collected(GITHUB_KINDS.repository);
  for (const r of repositories) builder.add(GITHUB_KINDS.repository, githubRepoResourceId(r.nameWithOwner), r);
  return builder;
}

export function withActionsPermissions(permissions: unknown = actionsPermissions(), builder: EvidenceBuilder = evidenceBuilder()): EvidenceBuilder {
  return builder.add(GITHUB_KINDS.actionsPermissions, ORG_RESOURCE_ID, permissions);
}
