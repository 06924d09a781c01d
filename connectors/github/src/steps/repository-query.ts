import { z } from 'zod';

/**
 * One page of 100 repositories with everything the checks read, in one GraphQL request. GitHub
 * charges by requested nodes (first × parents / 100), so nested connections are sized to what
 * real repositories have on their default branch (≤ 4 rulesets of ≤ 10 rules, ≤ 5 environments,
 * ≤ 10 outside collaborators): about 95 points per page of 100.
 */
export const REPOSITORIES_QUERY = /* GraphQL */ `
  query ($org: String!, $cursor: String) {
    rateLimit { cost remaining limit resetAt }
    organization(login: $org) {
      repositories(first: 100, after: $cursor, orderBy: { field: NAME, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          nameWithOwner visibility viewerPermission isArchived isFork isEmpty hasVulnerabilityAlertsEnabled
          defaultBranchRef {
            name
            branchProtectionRule {
              pattern requiresApprovingReviews requiredApprovingReviewCount dismissesStaleReviews requiresCodeOwnerReviews
              requiresStatusChecks requiredStatusCheckContexts isAdminEnforced allowsForcePushes allowsDeletions
              bypassPullRequestAllowances(first: 1) { totalCount }
            }
          }
          rulesets(first: 4, includeParents: true) {
            nodes {
              name enforcement target
              source { __typename ... on Repository { nameWithOwner } ... on Organization { login } }
              conditions { refName { include exclude } }
              bypassActors(first: 1) { totalCount }
              rules(first: 10) {
                nodes {
                  type
                  parameters {
                    __typename
                    ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview }
                    ... on RequiredStatusChecksParameters { requiredStatusChecks { context } }
                  }
                }
              }
            }
          }
          environments(first: 5) { nodes { name protectionRules(first: 3) { nodes { type timeout reviewers(first: 1) { totalCount } } } } }
          collaborators(affiliation: OUTSIDE, first: 10) { edges { permission node { login } } }
        }
      }
    }
  }
`;

const count = z.object({ totalCount: z.number() });

const ruleNode = z.object({
  type: z.string(),
  parameters: z
    .object({
      __typename: z.string(),
      requiredApprovingReviewCount: z.number().optional(),
      dismissStaleReviewsOnPush: z.boolean().optional(),
      requireCodeOwnerReview: z.boolean().optional(),
      requiredStatusChecks: z.array(z.object({ context: z.string() })).optional(),
    })
    .nullable()
    .optional(),
});

const rulesetNode = z.object({
  name: z.string(),
  enforcement: z.enum(['ACTIVE', 'EVALUATE', 'DISABLED']),
  target: z.string().nullable(),
  source: z.object({ __typename: z.string() }).passthrough(),
  conditions: z.object({ refName: z.object({ include: z.array(z.string()), exclude: z.array(z.string()) }).nullable() }).nullable(),
  /** null when GitHub hides bypass actors (admins only). */
  bypassActors: count.nullable(),
  rules: z.object({ nodes: z.array(ruleNode) }),
});
export type RulesetNode = z.infer<typeof rulesetNode>;

export const repositoryNodeSchema = z.object({
  nameWithOwner: z.string(),
  visibility: z.enum(['PUBLIC', 'PRIVATE', 'INTERNAL']),
  viewerPermission: z.string().nullable(),
  isArchived: z.boolean(),
  isFork: z.boolean(),
  isEmpty: z.boolean(),
  hasVulnerabilityAlertsEnabled: z.boolean().nullable(),
  defaultBranchRef: z
    .object({
      name: z.string(),
      branchProtectionRule: z
        .object({
          pattern: z.string(),
          requiresApprovingReviews: z.boolean(),
          requiredApprovingReviewCount: z.number().nullable(),
          dismissesStaleReviews: z.boolean(),
          requiresCodeOwnerReviews: z.boolean(),
          requiresStatusChecks: z.boolean(),
          requiredStatusCheckContexts: z.array(z.string()).nullable(),
          isAdminEnforced: z.boolean(),
          allowsForcePushes: z.boolean(),
          allowsDeletions: z.boolean(),
          bypassPullRequestAllowances: count,
        })
        .nullable(),
    })
    .nullable(),
  rulesets: z.object({ nodes: z.array(rulesetNode) }).nullable(),
  environments: z.object({
    nodes: z.array(
      z.object({
        name: z.string(),
        protectionRules: z.object({ nodes: z.array(z.object({ type: z.string(), timeout: z.number().nullable().optional(), reviewers: count.nullable().optional() })) }),
      }),
    ),
  }),
  collaborators: z.object({ edges: z.array(z.object({ permission: z.string(), node: z.object({ login: z.string() }) })) }).nullable(),
});
export type RepositoryNode = z.infer<typeof repositoryNodeSchema>;

export const repositoriesPageSchema = z.object({
  rateLimit: z.object({ cost: z.number(), remaining: z.number() }).nullable().optional(),
  organization: z
    .object({
      repositories: z.object({
        totalCount: z.number(),
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        nodes: z.array(repositoryNodeSchema),
      }),
    })
    .nullable(),
});
export type RepositoriesPage = z.infer<typeof repositoriesPageSchema>;
