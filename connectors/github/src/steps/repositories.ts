import {
  GITHUB_KINDS,
  GITHUB_REPOSITORY_PERMISSIONS,
  githubRepoResourceId,
  type CollectionError,
  type GithubEnvironment,
  type GithubRepository,
  type GithubRepositoryPermission,
  type GithubRuleset,
} from '@astrolabe/core';
import type { GithubOctokit } from '../github-client';
import { isPermissionError, kindError } from '../github-errors';
import type { UsageTracker } from '../usage-tracker';
import { GITHUB_PERMISSIONS } from '../manifest';
import { z } from 'zod';
import type { ResponseCache } from '@astrolabe/core';
import { repositoriesPageSchema, repositoryNodeSchema, REPOSITORIES_QUERY, type RepositoryNode, type RulesetNode } from './repository-query';

/** @octokit/graphql's GraphqlResponseError, recognised by shape (octokit does not re-export the class). */
function isGraphqlError(err: unknown): err is Error & { errors: { type?: string; message: string }[]; data?: unknown } {
  return err instanceof Error && err.name === 'GraphqlResponseError' && 'errors' in err && Array.isArray(err.errors);
}

/**
 * GitHub answers a query with fields the token may not see with the data it may see plus a
 * FORBIDDEN error per hidden field (null in the data). Those pages are usable as they are.
 */
async function graphqlPage(octokit: GithubOctokit, variables: { org: string; cursor: string | null }): Promise<unknown> {
  try {
    return await octokit.graphql(REPOSITORIES_QUERY, variables);
  } catch (err) {
    if (isGraphqlError(err) && err.data && err.errors.every((e) => e.type === 'FORBIDDEN')) return err.data;
    throw err;
  }
}

interface SecurityStatus {
  secretScanning: 'enabled' | 'disabled' | null;
  secretScanningPushProtection: 'enabled' | 'disabled' | null;
}

export interface RepositoriesResult {
  error: CollectionError | null;
  /** Repositories whose outside collaborators the token may not list (needs push access). */
  collaboratorsHidden: number;
  /** True when the last full scan was reused because the repository listing had not changed. */
  reused: boolean;
  /** login → repositories (nameWithOwner, permission) from GraphQL collaborators(affiliation: OUTSIDE). */
  outsideAccess: Map<string, { nameWithOwner: string; permission: GithubRepositoryPermission }[]>;
}

const status = (v: unknown): 'enabled' | 'disabled' | null => {
  const s = typeof v === 'object' && v !== null && 'status' in v ? v.status : undefined;
  return s === 'enabled' || s === 'disabled' ? s : null;
};

/**
 * Secret scanning settings per repository from the org repository list (REST, 100 per page,
 * conditional: an unchanged page is a free 304). Null for a repo when the token may not see them.
 */
async function securityByRepo(octokit: GithubOctokit, org: string): Promise<Map<string, SecurityStatus> | null> {
  try {
    const repos: { full_name: string; security_and_analysis?: unknown }[] = await octokit.paginate('GET /orgs/{org}/repos', { org, type: 'all', per_page: 100 });
    return new Map(
      repos.map((r) => {
        const sa = typeof r.security_and_analysis === 'object' && r.security_and_analysis !== null ? (r.security_and_analysis as Record<string, unknown>) : {};
        return [r.full_name, { secretScanning: status(sa.secret_scanning), secretScanningPushProtection: status(sa.secret_scanning_push_protection) }];
      }),
    );
  } catch (err) {
    if (isPermissionError(err)) return null;
    throw err;
  }
}

/** fnmatch-style ref patterns of rulesets: `*` within a segment, `**` across, ~DEFAULT_BRANCH and ~ALL. */
function refMatches(pattern: string, ref: string, defaultBranch: string): boolean {
  if (pattern === '~ALL') return true;
  if (pattern === '~DEFAULT_BRANCH') return ref === `refs/heads/${defaultBranch}`;
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);
  return re.test(ref);
}

function appliesToDefaultBranch(r: RulesetNode, defaultBranch: string): boolean {
  if (r.target !== null && r.target !== 'BRANCH') return false;
  const refName = r.conditions?.refName;
  if (!refName) return false;
  const ref = `refs/heads/${defaultBranch}`;
  return refName.include.some((p) => refMatches(p, ref, defaultBranch)) && !refName.exclude.some((p) => refMatches(p, ref, defaultBranch));
}

function toRuleset(r: RulesetNode): GithubRuleset {
  return {
    name: r.name,
    source: r.source.__typename === 'Organization' ? 'organization' : 'repository',
    enforcement: r.enforcement,
    // Hidden from non-admins; such repositories are judged unknown anyway (adminSettingsVisible).
    bypassActorCount: r.bypassActors?.totalCount ?? 0,
    rules: r.rules.nodes.map((rule) => {
      const p = rule.parameters;
      return {
        type: rule.type,
        ...(p?.requiredApprovingReviewCount !== undefined && { requiredApprovingReviewCount: p.requiredApprovingReviewCount }),
        ...(p?.dismissStaleReviewsOnPush !== undefined && { dismissStaleReviewsOnPush: p.dismissStaleReviewsOnPush }),
        ...(p?.requireCodeOwnerReview !== undefined && { requireCodeOwnerReview: p.requireCodeOwnerReview }),
        ...(p?.requiredStatusChecks !== undefined && { requiredStatusChecks: p.requiredStatusChecks.map((c) => c.context) }),
      };
    }),
  };
}

const ENV_RULE_TYPES = ['REQUIRED_REVIEWERS', 'WAIT_TIMER', 'BRANCH_POLICY'] as const;

function toEnvironments(node: RepositoryNode): GithubEnvironment[] {
  return node.environments.nodes.map((env) => ({
    name: env.name,
    protectionRules: env.protectionRules.nodes.flatMap((rule) => {
      const type = ENV_RULE_TYPES.find((t) => t === rule.type);
      if (!type) return [];
      return [
        {
          type,
          ...(type === 'REQUIRED_REVIEWERS' && { reviewerCount: rule.reviewers?.totalCount ?? 0 }),
          ...(type === 'WAIT_TIMER' && typeof rule.timeout === 'number' && { waitTimerMinutes: rule.timeout }),
        },
      ];
    }),
  }));
}

export function toRepository(node: RepositoryNode, security: SecurityStatus | undefined): GithubRepository {
  const defaultBranch = node.defaultBranchRef?.name ?? null;
  const rule = node.defaultBranchRef?.branchProtectionRule ?? null;
  // Non-admins get "no rule" and "alerts off" from GitHub whatever the truth: say we do not know.
  const admin = node.viewerPermission === 'ADMIN';
  return {
    nameWithOwner: node.nameWithOwner,
    visibility: node.visibility,
    isArchived: node.isArchived,
    isFork: node.isFork,
    isEmpty: node.isEmpty,
    defaultBranch,
    adminSettingsVisible: admin,
    branchProtection: rule
      ? {
          pattern: rule.pattern,
          requiresApprovingReviews: rule.requiresApprovingReviews,
          requiredApprovingReviewCount: rule.requiredApprovingReviewCount,
          dismissesStaleReviews: rule.dismissesStaleReviews,
          requiresCodeOwnerReviews: rule.requiresCodeOwnerReviews,
          requiresStatusChecks: rule.requiresStatusChecks,
          requiredStatusCheckContexts: rule.requiredStatusCheckContexts ?? [],
          isAdminEnforced: rule.isAdminEnforced,
          allowsForcePushes: rule.allowsForcePushes,
          allowsDeletions: rule.allowsDeletions,
          bypassPullRequestActorCount: rule.bypassPullRequestAllowances.totalCount,
        }
      : null,
    rulesets: defaultBranch ? (node.rulesets?.nodes ?? []).filter((r) => appliesToDefaultBranch(r, defaultBranch)).map(toRuleset) : [],
    vulnerabilityAlertsEnabled: admin ? node.hasVulnerabilityAlertsEnabled : null,
    secretScanning: security?.secretScanning ?? null,
    secretScanningPushProtection: security?.secretScanningPushProtection ?? null,
    environments: toEnvironments(node),
  };
}

const SCAN_CACHE_KEY = (org: string) => `graphql:repositories:${org}`;
const storedScanSchema = z.object({ scannedAt: z.string(), nodes: z.array(repositoryNodeSchema) });

export interface RepositoriesOptions {
  org: string;
  usage: UsageTracker;
  cache: ResponseCache;
  now: Date;
  fullScanHours: number;
  emit: (kind: string, id: string, data: unknown) => void;
  progress: (done: number, total: number) => void;
}

/** Every repository node, page by page (GraphQL, 100 per request). */
async function scanRepositories(octokit: GithubOctokit, o: RepositoriesOptions): Promise<{ nodes: RepositoryNode[] } | { error: CollectionError }> {
  const nodes: RepositoryNode[] = [];
  let cursor: string | null = null;
  for (;;) {
    const raw = await graphqlPage(octokit, { org: o.org, cursor });
    const page = repositoriesPageSchema.safeParse(raw);
    if (!page.success) return { error: { code: 'malformed_response', message: `GitHub GraphQL returned an unexpected repositories page: ${page.error.issues[0]?.message ?? ''}` } };
    o.usage.graphqlPoints += page.data.rateLimit?.cost ?? 1;
    const repos = page.data.organization?.repositories;
    if (!repos) return { error: { code: 'organization_not_found', message: `GraphQL cannot see organization ${o.org}` } };
    nodes.push(...repos.nodes);
    o.progress(nodes.length, repos.totalCount);
    if (!repos.pageInfo.hasNextPage || !repos.pageInfo.endCursor) return { nodes };
    cursor = repos.pageInfo.endCursor;
  }
}

/**
 * Every repository (protection, rulesets, environments, Dependabot, outside collaborators from
 * GraphQL; secret scanning from the conditional REST listing), emitted as evidence. When the
 * REST listing is unchanged (every page a free 304) and the last GraphQL scan is younger than
 * `fullScanHours`, that scan is reused instead of spending GraphQL points again.
 */
export async function collectRepositories(octokit: GithubOctokit, o: RepositoriesOptions): Promise<RepositoriesResult> {
  const outsideAccess: RepositoriesResult['outsideAccess'] = new Map();
  try {
    const before = { counted: o.usage.restRequests, notModified: o.usage.restNotModified };
    const security = await securityByRepo(octokit, o.org);
    const listingUnchanged = security !== null && o.usage.restRequests === before.counted && o.usage.restNotModified > before.notModified;

    let nodes: RepositoryNode[] | null = null;
    let reused = false;
    if (listingUnchanged && o.fullScanHours > 0) {
      const stored = await o.cache.get(SCAN_CACHE_KEY(o.org));
      const parsed = stored ? storedScanSchema.safeParse(stored.value) : undefined;
      if (parsed?.success && o.now.getTime() - Date.parse(parsed.data.scannedAt) < o.fullScanHours * 3_600_000) {
        nodes = parsed.data.nodes;
        reused = true;
        o.usage.scansReused += 1;
        o.progress(nodes.length, nodes.length);
      }
    }
    if (nodes === null) {
      const scan = await scanRepositories(octokit, o);
      if ('error' in scan) return { error: scan.error, reused, outsideAccess, collaboratorsHidden: 0 };
      nodes = scan.nodes;
      await o.cache.set(SCAN_CACHE_KEY(o.org), { etag: o.now.toISOString(), value: { scannedAt: o.now.toISOString(), nodes } });
    }

    let collaboratorsHidden = 0;
    for (const node of nodes) {
      if (node.collaborators === null) collaboratorsHidden += 1;
      o.emit(GITHUB_KINDS.repository, githubRepoResourceId(node.nameWithOwner), toRepository(node, security?.get(node.nameWithOwner)));
      for (const edge of node.collaborators?.edges ?? []) {
        const permission = GITHUB_REPOSITORY_PERMISSIONS.find((p) => p === edge.permission);
        if (!permission) continue;
        const list = outsideAccess.get(edge.node.login) ?? [];
        list.push({ nameWithOwner: node.nameWithOwner, permission });
        outsideAccess.set(edge.node.login, list);
      }
    }
    return { error: null, reused, outsideAccess, collaboratorsHidden };
  } catch (err) {
    if (isGraphqlError(err) && err.errors.some((e) => e.type === 'RATE_LIMITED')) {
      return {
        error: { code: 'rate_limited', message: 'GitHub GraphQL points are exhausted for this hour; the repositories are read again next run.' },
        reused: false,
        outsideAccess,
        collaboratorsHidden: 0,
      };
    }
    if (isGraphqlError(err)) {
      const forbidden = err.errors.some((e) => e.type === 'FORBIDDEN' || e.type === 'INSUFFICIENT_SCOPES');
      return {
        error: forbidden
          ? {
              code: 'access_denied',
              message: `GitHub GraphQL refused the repositories query: ${[...new Set(err.errors.map((e) => e.message))].join('; ')}`,
              missingPermission: GITHUB_PERMISSIONS.repoRead,
            }
          : { code: 'provider_error', message: `GitHub GraphQL: ${[...new Set(err.errors.map((e) => e.message))].join('; ')}` },
        reused: false,
        outsideAccess,
        collaboratorsHidden: 0,
      };
    }
    return { error: kindError(err, 'reading repositories', GITHUB_PERMISSIONS.repoRead), reused: false, outsideAccess, collaboratorsHidden: 0 };
  }
}
