import type { GithubScenarioInput, RepositoryPermission } from './scenario-schema';
import { seededRandom } from './seeded-random';

export interface GenerateGithubScenarioOptions {
  repositories: number;
  members: number;
  seed: number;
  /** Default `bench-org`. */
  org?: string;
  /** Default: one per 30 members, at least two. */
  outsideCollaborators?: number;
}

/** Tokens every generated scenario has, so a benchmark can authenticate without reading it. */
export const GENERATED_TOKENS = {
  /** Classic PAT of an owner with repo, read:org, admin:org. */
  owner: 'ghp_generatedOwnerToken000000000000000000',
  /** Classic PAT of a plain member with repo, read:org. */
  member: 'ghp_generatedMemberToken00000000000000000',
  /** App installation token with read access to administration, members and organization administration. */
  app: 'ghs_generatedInstallationToken0000000000',
} as const;

type Rng = () => number;
type Repository = NonNullable<GithubScenarioInput['repositories']>[number];
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const between = (rng: Rng, min: number, max: number): number => Math.floor(min + rng() * (max - min));
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const PREFIXES = ['svc', 'lib', 'web', 'infra', 'tool', 'data', 'ml', 'mobile'];
const LANGUAGES = ['TypeScript', 'Go', 'Python', 'Java', 'Kotlin', 'HCL', 'Rust', null];
const CHECKS = ['ci/build', 'ci/test', 'lint', 'codeql', 'sonar'];
const PERMISSIONS: readonly RepositoryPermission[] = ['READ', 'TRIAGE', 'WRITE', 'MAINTAIN', 'ADMIN'];

function protection(rng: Rng): Repository['branchProtection'] {
  const reviews = rng() < 0.85;
  return {
    requiresApprovingReviews: reviews,
    requiredApprovingReviewCount: reviews ? (rng() < 0.7 ? 1 : 2) : 0,
    dismissesStaleReviews: rng() < 0.5,
    requiresCodeOwnerReviews: rng() < 0.3,
    requiredStatusCheckContexts: rng() < 0.6 ? [pick(rng, CHECKS), pick(rng, CHECKS)].filter((c, i, a) => a.indexOf(c) === i) : [],
    isAdminEnforced: rng() < 0.4,
    allowsForcePushes: rng() < 0.05,
    allowsDeletions: rng() < 0.05,
  };
}

function repository(rng: Rng, i: number, memberLogins: readonly string[]): Repository {
  const name = `${pick(rng, PREFIXES)}-${pad(i + 1, 5)}`;
  const createdDays = between(rng, 30, 2500);
  const archived = rng() < 0.08;
  const empty = !archived && rng() < 0.03;
  const shape = rng();
  const scanning = rng() < 0.5;
  const repo: Repository = {
    name,
    visibility: pick(rng, ['private', 'private', 'private', 'private', 'internal', 'internal', 'public'] as const),
    archived,
    empty,
    fork: rng() < 0.05,
    language: pick(rng, LANGUAGES),
    stars: between(rng, 0, 40),
    created: `-${createdDays}d`,
    pushed: `-${between(rng, 0, Math.min(createdDays, archived ? 2000 : 120))}d`,
    updated: `-${between(rng, 0, 60)}d`,
    // Varied protection: classic rules, rulesets, both, or nothing (some covered by org rulesets only).
    branchProtection: shape < 0.45 ? protection(rng) : null,
    rulesets:
      shape >= 0.35 && shape < 0.6
        ? [
            {
              name: 'default-branch',
              enforcement: rng() < 0.85 ? 'ACTIVE' : 'EVALUATE',
              bypassActors: rng() < 0.3 ? 1 : 0,
              rules: [
                { type: 'PULL_REQUEST', parameters: { requiredApprovingReviewCount: rng() < 0.6 ? 1 : 2, dismissStaleReviewsOnPush: rng() < 0.5 } },
                { type: 'NON_FAST_FORWARD' },
                ...(rng() < 0.5 ? [{ type: 'REQUIRED_STATUS_CHECKS' as const, parameters: { requiredStatusChecks: [pick(rng, CHECKS)] } }] : []),
              ],
            },
          ]
        : [],
    environments:
      rng() < 0.1
        ? [
            {
              name: 'production',
              protectionRules: [
                ...(rng() < 0.6 ? [{ type: 'REQUIRED_REVIEWERS' as const, reviewers: [pick(rng, memberLogins)] }] : []),
                ...(rng() < 0.3 ? [{ type: 'WAIT_TIMER' as const, minutes: 30 }] : []),
                ...(rng() < 0.5 ? [{ type: 'BRANCH_POLICY' as const }] : []),
              ],
            },
            { name: 'staging' },
          ]
        : [],
    security: {
      secretScanning: scanning ? 'enabled' : 'disabled',
      secretScanningPushProtection: scanning && rng() < 0.7 ? 'enabled' : 'disabled',
      dependabotSecurityUpdates: rng() < 0.4 ? 'enabled' : 'disabled',
      vulnerabilityAlerts: rng() < 0.7,
    },
  };
  return repo;
}

/**
 * A deterministic synthetic organization for benchmarks and paging tests: the same options always
 * give the same scenario. Protection varies the way real orgs drift: classic rules, rulesets,
 * both, org-level rulesets only, or nothing.
 */
export function generateGithubScenario(opts: GenerateGithubScenarioOptions): GithubScenarioInput {
  const rng = seededRandom(opts.seed);
  const org = opts.org ?? 'bench-org';
  const ownerCount = Math.max(2, Math.round(opts.members * 0.03));
  const members = Array.from({ length: opts.members }, (_, i) => ({
    login: `user-${pad(i + 1, 5)}`,
    role: i < ownerCount ? ('admin' as const) : ('member' as const),
    twoFactor: rng() >= 0.03,
    publicMembership: rng() < 0.2,
    created: `-${between(rng, 30, 3000)}d`,
  }));
  const memberLogins = members.map((m) => m.login);
  const repositories = Array.from({ length: opts.repositories }, (_, i) => repository(rng, i, memberLogins.length > 0 ? memberLogins : ['nobody']));
  const repoNames = repositories.map((r) => r.name);
  const collaboratorCount = opts.outsideCollaborators ?? Math.max(2, Math.round(opts.members / 30));
  const outsideCollaborators = Array.from({ length: repoNames.length > 0 ? collaboratorCount : 0 }, (_, i) => {
    const grants: Record<string, RepositoryPermission> = {};
    const n = 1 + Math.floor(rng() * 3);
    for (let g = 0; g < n; g++) grants[pick(rng, repoNames)] = pick(rng, PERMISSIONS);
    return { login: `contractor-${pad(i + 1, 4)}`, twoFactor: rng() >= 0.1, repositories: grants };
  });

  return {
    description: `generated: ${opts.repositories} repositories, ${opts.members} members, seed ${opts.seed}`,
    organization: {
      login: org,
      name: 'Benchmark Org',
      plan: 'enterprise',
      twoFactorRequirementEnabled: false,
      defaultRepositoryPermission: 'read',
      membersCanCreatePublicRepositories: false,
      actions: { enabledRepositories: 'all', allowedActions: 'selected', defaultWorkflowPermissions: 'write', canApprovePullRequestReviews: false },
      rulesets: [
        {
          name: 'services-require-review',
          enforcement: 'ACTIVE',
          bypassActors: 1,
          conditions: { refName: { include: ['~DEFAULT_BRANCH'], exclude: [] }, repositoryName: { include: ['svc-*'], exclude: [] } },
          rules: [{ type: 'PULL_REQUEST', parameters: { requiredApprovingReviewCount: 1 } }, { type: 'DELETION' }],
        },
      ],
    },
    members,
    outsideCollaborators,
    repositories,
    tokens: [
      { kind: 'classic', token: GENERATED_TOKENS.owner, login: memberLogins[0] ?? 'owner', scopes: ['repo', 'read:org', 'admin:org'] },
      { kind: 'classic', token: GENERATED_TOKENS.member, login: memberLogins[ownerCount] ?? memberLogins[0] ?? 'member', scopes: ['repo', 'read:org'] },
      { kind: 'app', token: GENERATED_TOKENS.app, app: 'astrolabe', permissions: { metadata: 'read', administration: 'read', members: 'read', organization_administration: 'read' } },
    ],
  };
}
