import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { isDateSpec } from './relative-date';

/** An ISO-8601 date or an offset from the emulator's `now` (`-120d`, `+30d`, `-6h`, `now`). */
const dateSpec = z.string().refine(isDateSpec, { message: 'expected an ISO date, "now" or an offset such as "-120d"' });

/** GitHub logins: letters, digits and single hyphens; `[bot]` only for app bots (set by the emulator). */
const login = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'GitHub logins use letters, digits and single hyphens');
const repoName = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'repository names use letters, digits, ".", "_" and "-"');

export const REPOSITORY_PERMISSIONS = ['ADMIN', 'MAINTAIN', 'WRITE', 'TRIAGE', 'READ'] as const;
const permission = z.enum(REPOSITORY_PERMISSIONS);
export type RepositoryPermission = z.output<typeof permission>;

/** Repository name → permission, for members' direct grants and outside collaborators. */
const grants = z.record(repoName, permission).default({});

const memberSchema = z.object({
  login,
  name: z.string().nullable().default(null),
  /** `admin` is an organization owner. */
  role: z.enum(['admin', 'member']).default('member'),
  twoFactor: z.boolean().default(true),
  /** Public members are what a token without `read:org` (or no token) sees in the member list. */
  publicMembership: z.boolean().default(false),
  created: dateSpec.default('-1000d'),
  repositories: grants,
});

const outsideCollaboratorSchema = z.object({
  login,
  name: z.string().nullable().default(null),
  twoFactor: z.boolean().default(true),
  created: dateSpec.default('-700d'),
  repositories: grants,
});

/** A classic branch protection rule (GraphQL BranchProtectionRule), matching the default branch. */
const branchProtectionSchema = z.object({
  /** Default: the repository's default branch name. */
  pattern: z.string().optional(),
  requiresApprovingReviews: z.boolean().default(false),
  requiredApprovingReviewCount: z.number().int().min(0).max(6).default(1),
  dismissesStaleReviews: z.boolean().default(false),
  requiresCodeOwnerReviews: z.boolean().default(false),
  requireLastPushApproval: z.boolean().default(false),
  /** Status checks are required when this list is not empty. */
  requiredStatusCheckContexts: z.array(z.string()).default([]),
  requiresStrictStatusChecks: z.boolean().default(false),
  isAdminEnforced: z.boolean().default(false),
  allowsForcePushes: z.boolean().default(false),
  allowsDeletions: z.boolean().default(false),
  requiresLinearHistory: z.boolean().default(false),
  requiresCommitSignatures: z.boolean().default(false),
  requiresConversationResolution: z.boolean().default(false),
  /** Logins allowed to bypass the pull request requirement. */
  bypassPullRequestActors: z.array(z.string()).default([]),
});

/** Rule types GitHub's RepositoryRuleType knows; parameters are modelled for the ones checks read. */
export const RULE_TYPES = [
  'CREATION',
  'UPDATE',
  'DELETION',
  'REQUIRED_LINEAR_HISTORY',
  'REQUIRED_DEPLOYMENTS',
  'REQUIRED_SIGNATURES',
  'PULL_REQUEST',
  'REQUIRED_STATUS_CHECKS',
  'NON_FAST_FORWARD',
  'MERGE_QUEUE',
  'CODE_SCANNING',
  'WORKFLOWS',
] as const;

const pullRequestRule = z.object({
  type: z.literal('PULL_REQUEST'),
  parameters: z
    .object({
      requiredApprovingReviewCount: z.number().int().min(0).max(10).default(1),
      dismissStaleReviewsOnPush: z.boolean().default(false),
      requireCodeOwnerReview: z.boolean().default(false),
      requireLastPushApproval: z.boolean().default(false),
      requiredReviewThreadResolution: z.boolean().default(false),
    })
    .default({ requiredApprovingReviewCount: 1, dismissStaleReviewsOnPush: false, requireCodeOwnerReview: false, requireLastPushApproval: false, requiredReviewThreadResolution: false }),
});
const statusChecksRule = z.object({
  type: z.literal('REQUIRED_STATUS_CHECKS'),
  parameters: z.object({
    requiredStatusChecks: z.array(z.string()).min(1),
    strictRequiredStatusChecksPolicy: z.boolean().default(false),
  }),
});
const deploymentsRule = z.object({
  type: z.literal('REQUIRED_DEPLOYMENTS'),
  parameters: z.object({ requiredDeploymentEnvironments: z.array(z.string()).min(1) }),
});
const plainRule = z.object({
  type: z.enum(RULE_TYPES).exclude(['PULL_REQUEST', 'REQUIRED_STATUS_CHECKS', 'REQUIRED_DEPLOYMENTS']),
});
const ruleSchema = z.discriminatedUnion('type', [pullRequestRule, statusChecksRule, deploymentsRule, plainRule]);

const refNameCondition = z.object({
  /** fnmatch patterns, `refs/heads/…`, `~DEFAULT_BRANCH` or `~ALL`. */
  include: z.array(z.string()).default(['~DEFAULT_BRANCH']),
  exclude: z.array(z.string()).default([]),
});

const rulesetBase = {
  name: z.string().min(1),
  enforcement: z.enum(['ACTIVE', 'EVALUATE', 'DISABLED']).default('ACTIVE'),
  target: z.enum(['BRANCH', 'TAG', 'PUSH']).default('BRANCH'),
  /** How many actors may bypass the ruleset (the emulator only reports the count). */
  bypassActors: z.number().int().min(0).default(0),
  rules: z.array(ruleSchema).default([]),
  created: dateSpec.default('-200d'),
};

const repositoryRulesetSchema = z.object({
  ...rulesetBase,
  conditions: z.object({ refName: refNameCondition.default({ include: ['~DEFAULT_BRANCH'], exclude: [] }) }).default({ refName: { include: ['~DEFAULT_BRANCH'], exclude: [] } }),
});

const organizationRulesetSchema = z.object({
  ...rulesetBase,
  conditions: z
    .object({
      refName: refNameCondition.default({ include: ['~DEFAULT_BRANCH'], exclude: [] }),
      /** Which repositories the org ruleset applies to: fnmatch patterns or `~ALL`. */
      repositoryName: z.object({ include: z.array(z.string()).default(['~ALL']), exclude: z.array(z.string()).default([]) }).default({ include: ['~ALL'], exclude: [] }),
    })
    .default({ refName: { include: ['~DEFAULT_BRANCH'], exclude: [] }, repositoryName: { include: ['~ALL'], exclude: [] } }),
});

const protectionRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REQUIRED_REVIEWERS'), reviewers: z.array(z.string()).min(1), preventSelfReview: z.boolean().default(false) }),
  z.object({ type: z.literal('WAIT_TIMER'), minutes: z.number().int().min(1).max(43_200) }),
  /** Deployment branch policy: only protected branches (or selected ones) may deploy. */
  z.object({ type: z.literal('BRANCH_POLICY') }),
]);

const environmentSchema = z.object({
  name: z.string().min(1),
  protectionRules: z.array(protectionRuleSchema).default([]),
});

const featureStatus = z.enum(['enabled', 'disabled']);
const securitySchema = z.object({
  secretScanning: featureStatus.default('disabled'),
  secretScanningPushProtection: featureStatus.default('disabled'),
  dependabotSecurityUpdates: featureStatus.default('disabled'),
  /** Dependabot alerts (GraphQL hasVulnerabilityAlertsEnabled). */
  vulnerabilityAlerts: z.boolean().default(false),
});
const DEFAULT_SECURITY = { secretScanning: 'disabled', secretScanningPushProtection: 'disabled', dependabotSecurityUpdates: 'disabled', vulnerabilityAlerts: false } as const;

const repositorySchema = z.object({
  name: repoName,
  description: z.string().nullable().default(null),
  visibility: z.enum(['public', 'private', 'internal']).default('private'),
  archived: z.boolean().default(false),
  fork: z.boolean().default(false),
  /** An empty repository has no commits, so no default branch ref (GraphQL defaultBranchRef is null). */
  empty: z.boolean().default(false),
  defaultBranch: z.string().default('main'),
  language: z.string().nullable().default(null),
  topics: z.array(z.string()).default([]),
  stars: z.number().int().min(0).default(0),
  created: dateSpec.default('-700d'),
  updated: dateSpec.default('-10d'),
  pushed: dateSpec.default('-10d'),
  branchProtection: branchProtectionSchema.nullable().default(null),
  rulesets: z.array(repositoryRulesetSchema).default([]),
  environments: z.array(environmentSchema).default([]),
  security: securitySchema.default(DEFAULT_SECURITY),
});

const actionsSchema = z.object({
  enabledRepositories: z.enum(['all', 'none', 'selected']).default('all'),
  allowedActions: z.enum(['all', 'local_only', 'selected']).default('all'),
  defaultWorkflowPermissions: z.enum(['read', 'write']).default('read'),
  canApprovePullRequestReviews: z.boolean().default(false),
});
const DEFAULT_ACTIONS = { enabledRepositories: 'all', allowedActions: 'all', defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false } as const;

const organizationSchema = z.object({
  login,
  /** Default: derived from the login. */
  id: z.number().int().positive().optional(),
  name: z.string().nullable().default(null),
  description: z.string().nullable().default(null),
  created: dateSpec.default('-2000d'),
  plan: z.enum(['free', 'team', 'enterprise']).default('team'),
  twoFactorRequirementEnabled: z.boolean().default(false),
  defaultRepositoryPermission: z.enum(['read', 'write', 'admin', 'none']).default('read'),
  membersCanCreateRepositories: z.boolean().default(true),
  membersCanCreatePublicRepositories: z.boolean().default(true),
  membersCanCreatePrivateRepositories: z.boolean().default(true),
  actions: actionsSchema.default(DEFAULT_ACTIONS),
  rulesets: z.array(organizationRulesetSchema).default([]),
});

const rateLimitsSchema = z.object({
  core: z.number().int().min(0).default(5000),
  graphql: z.number().int().min(0).default(5000),
});

const permissionLevel = z.enum(['read', 'write', 'admin']);
export type PermissionLevel = z.output<typeof permissionLevel>;
/**
 * A token the emulator accepts. User tokens act as their login (an org owner when that member's
 * role is `admin`); app installation tokens act as `<slug>[bot]` with the permissions listed.
 */
const tokenSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('classic'),
    token: z.string().min(8),
    login,
    /** OAuth scopes, echoed in `x-oauth-scopes`: `repo`, `read:org`, `admin:org`, … */
    scopes: z.array(z.string()).default([]),
    /** Optional statement of intent; must agree with the member's role when given. */
    orgOwner: z.boolean().optional(),
    rateLimits: rateLimitsSchema.partial().optional(),
  }),
  z.object({
    kind: z.literal('fine-grained'),
    token: z.string().min(8),
    login,
    /** Fine-grained permissions: `members`, `organization_administration`, `administration`, `metadata`, … */
    permissions: z.record(z.string(), permissionLevel).default({}),
    orgOwner: z.boolean().optional(),
    rateLimits: rateLimitsSchema.partial().optional(),
  }),
  z.object({
    kind: z.literal('app'),
    token: z.string().min(8),
    /** The app's slug; the token acts as `<slug>[bot]`. */
    app: z.string().regex(/^[a-z0-9-]+$/),
    permissions: z.record(z.string(), permissionLevel).default({}),
    rateLimits: rateLimitsSchema.partial().optional(),
  }),
]);

/** A PEM public key (SPKI `PUBLIC KEY` or PKCS#1 `RSA PUBLIC KEY`) of an RSA key pair; never a private key. */
function isRsaPublicKeyPem(pem: string): boolean {
  if (!/-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(pem) || /PRIVATE KEY/.test(pem)) return false;
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

/** Where a GitHub App is installed: its installation tokens get these permissions on the organization. */
const appInstallationSchema = z.object({
  /** What clients exchange a JWT for a token with: `POST /app/installations/{id}/access_tokens`. */
  id: z.number().int().positive(),
  /** The account it is installed on; only the scenario's organization exists. Default: that organization. */
  org: login.optional(),
  /** Granted to its installation tokens, with the same meaning as the permissions of an `app` token. */
  permissions: z.record(z.string(), permissionLevel).default({}),
  created: dateSpec.default('-300d'),
  /** Quota of the installation (all its tokens share it); default: the scenario's. */
  rateLimits: rateLimitsSchema.partial().optional(),
});

/**
 * A GitHub App that authenticates with a JWT signed by its private key (RS256). Only the public key
 * is in the scenario: tests generate the key pair, so no private key is ever committed.
 */
const appSchema = z.object({
  appId: z.number().int().positive(),
  /** Its installation tokens act as `<slug>[bot]`. Default: `app-<appId>`. */
  slug: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  name: z.string().optional(),
  publicKeyPem: z.string().refine(isRsaPublicKeyPem, { message: 'expected the PEM of an RSA public key ("-----BEGIN PUBLIC KEY-----"), not a private key' }),
  installations: z.array(appInstallationSchema).default([]),
});

export const githubScenarioSchema = z
  .object({
    description: z.string().optional(),
    organization: organizationSchema,
    members: z.array(memberSchema).default([]),
    outsideCollaborators: z.array(outsideCollaboratorSchema).default([]),
    repositories: z.array(repositorySchema).default([]),
    tokens: z.array(tokenSchema).min(1, 'a scenario needs at least one token'),
    /** GitHub Apps whose installation tokens are minted over HTTP (JWT → `ghs_…`), next to the fixed `tokens`. */
    apps: z.array(appSchema).default([]),
    /** Per-hour quota of every token unless the token sets its own. */
    rateLimits: rateLimitsSchema.default({ core: 5000, graphql: 5000 }),
  })
  .superRefine((s, ctx) => {
    const dupes = (kind: string, names: string[]): void => {
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n.toLowerCase())) ctx.addIssue({ code: 'custom', message: `duplicate ${kind} ${n}`, path: [kind] });
        seen.add(n.toLowerCase());
      }
    };
    dupes('repositories', s.repositories.map((r) => r.name));
    dupes('members', s.members.map((m) => m.login));
    dupes('outsideCollaborators', s.outsideCollaborators.map((c) => c.login));
    dupes('tokens', s.tokens.map((t) => t.token));
    dupes('apps', s.apps.map((a) => String(a.appId)));
    // Installation ids are global on GitHub, not per app.
    const installationIds = new Set<number>();
    for (const inst of s.apps.flatMap((a) => a.installations)) {
      if (installationIds.has(inst.id)) ctx.addIssue({ code: 'custom', message: `duplicate installation id ${inst.id}`, path: ['apps'] });
      installationIds.add(inst.id);
    }
    s.apps.forEach((app, i) =>
      app.installations.forEach((inst, j) => {
        if (inst.org !== undefined && inst.org.toLowerCase() !== s.organization.login.toLowerCase()) {
          ctx.addIssue({ code: 'custom', message: `installation ${inst.id} is on ${inst.org}, but the scenario's organization is ${s.organization.login}`, path: ['apps', i, 'installations', j, 'org'] });
        }
      }),
    );
    const repos = new Set(s.repositories.map((r) => r.name));
    const members = new Map(s.members.map((m) => [m.login.toLowerCase(), m]));
    const checkGrants = (kind: 'members' | 'outsideCollaborators', list: { login: string; repositories: Record<string, string> }[]): void =>
      list.forEach((person, i) => {
        for (const repo of Object.keys(person.repositories)) {
          if (!repos.has(repo)) ctx.addIssue({ code: 'custom', message: `${person.login} has a grant on unknown repository ${repo}`, path: [kind, i, 'repositories'] });
        }
      });
    checkGrants('members', s.members);
    checkGrants('outsideCollaborators', s.outsideCollaborators);
    s.outsideCollaborators.forEach((c, i) => {
      if (members.has(c.login.toLowerCase())) ctx.addIssue({ code: 'custom', message: `${c.login} is both a member and an outside collaborator`, path: ['outsideCollaborators', i] });
    });
    s.tokens.forEach((t, i) => {
      if (t.kind === 'app' || t.orgOwner === undefined) return;
      const isOwner = members.get(t.login.toLowerCase())?.role === 'admin';
      if (t.orgOwner !== isOwner) {
        ctx.addIssue({ code: 'custom', message: `token of ${t.login} says orgOwner=${t.orgOwner} but the member's role says ${isOwner}`, path: ['tokens', i, 'orgOwner'] });
      }
    });
  });

export type GithubScenario = z.output<typeof githubScenarioSchema>;
/** What a scenario file may contain: defaults are filled in at load. */
export type GithubScenarioInput = z.input<typeof githubScenarioSchema>;
export type ScenarioRepository = z.output<typeof repositorySchema>;
export type ScenarioBranchProtection = z.output<typeof branchProtectionSchema>;
export type ScenarioRepositoryRuleset = z.output<typeof repositoryRulesetSchema>;
export type ScenarioOrganizationRuleset = z.output<typeof organizationRulesetSchema>;
export type ScenarioRule = z.output<typeof ruleSchema>;
export type ScenarioEnvironment = z.output<typeof environmentSchema>;
export type ScenarioToken = z.output<typeof tokenSchema>;
export type ScenarioApp = z.output<typeof appSchema>;
export type ScenarioAppInput = z.input<typeof appSchema>;
export type ScenarioAppInstallation = z.output<typeof appInstallationSchema>;
export type ScenarioMember = z.output<typeof memberSchema>;
export type RateLimits = z.output<typeof rateLimitsSchema>;
