import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator, type GithubEmulatorOptions } from './github-emulator';
import { githubSchema } from './graphql/github-schema';
import { computeQueryCost } from './graphql/query-cost';
import { generateGithubScenario, GENERATED_TOKENS } from './scenario-generator';
import { loadGithubDemoScenario } from './scenario-loader';

const NOW = new Date('2025-06-01T12:00:00Z');
const OWNER = 'ghp_acmeOwnerAuditToken00000000000000000';
const MEMBER = 'ghp_acmeMemberToken000000000000000000000';

/** The connector's query, verbatim. */
const CONNECTOR_QUERY = `query($org: String!, $cursor: String) {
  rateLimit { cost remaining limit resetAt }
  organization(login: $org) {
    repositories(first: 100, after: $cursor, orderBy: {field: NAME, direction: ASC}) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes {
        nameWithOwner visibility isArchived isFork isEmpty hasVulnerabilityAlertsEnabled
        defaultBranchRef { name branchProtectionRule { pattern requiresApprovingReviews requiredApprovingReviewCount dismissesStaleReviews requiresCodeOwnerReviews requiresStatusChecks requiredStatusCheckContexts isAdminEnforced allowsForcePushes allowsDeletions bypassPullRequestAllowances(first: 1) { totalCount } } }
        rulesets(first: 20, includeParents: true) { nodes { name enforcement target source { __typename ... on Repository { nameWithOwner } ... on Organization { login } } conditions { refName { include exclude } } bypassActors(first: 1) { totalCount } rules(first: 30) { nodes { type parameters { __typename ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview } ... on RequiredStatusChecksParameters { requiredStatusChecks { context } } } } } } }
        environments(first: 20) { nodes { name protectionRules(first: 10) { nodes { type timeout reviewers(first: 1) { totalCount } } } } }
        collaborators(affiliation: OUTSIDE, first: 100) { edges { permission node { login } } }
      }
    }
  }
}`;

let emulator: GithubEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function setup(options: Partial<GithubEmulatorOptions> = {}): Promise<GithubEmulator> {
  emulator = await startGithubEmulator({ scenario: loadGithubDemoScenario(), now: NOW, ...options });
  return emulator;
}

interface GraphqlReply {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Record<string, unknown>[]; message?: string };
}

async function graphql(emu: GithubEmulator, query: string, variables: Record<string, unknown> = {}, token: string | null = OWNER): Promise<GraphqlReply> {
  const res = await fetch(emu.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphqlReply['body'] };
}

interface Repo {
  readonly nameWithOwner: string;
  readonly defaultBranchRef: unknown;
  readonly rulesets: { readonly nodes: readonly (Record<string, unknown> & { readonly name: string; readonly enforcement: string })[] };
  readonly [field: string]: unknown;
}
const reposOf = (reply: GraphqlReply): Repo[] =>
  ((reply.body.data?.['organization'] as { repositories: { nodes: Repo[] } }).repositories.nodes);

describe('GitHub GraphQL emulator: the connector query', () => {
  it('returns the scenario: protection, rulesets (repo and org), environments, outside collaborators', async () => {
    const emu = await setup();
    const reply = await graphql(emu, CONNECTOR_QUERY, { org: 'acme-corp', cursor: null });
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    const org = reply.body.data?.['organization'] as { repositories: { totalCount: number; pageInfo: { hasNextPage: boolean } } };
    expect(org.repositories).toMatchObject({ totalCount: 25, pageInfo: { hasNextPage: false } });
    const repos = reposOf(reply);
    expect(repos.map((r) => r.nameWithOwner)).toEqual([...repos.map((r) => r.nameWithOwner)].sort());
    const byName = new Map(repos.map((r) => [r.nameWithOwner.split('/')[1], r]));

    expect(byName.get('payments-api')).toMatchObject({
      visibility: 'PRIVATE',
      isArchived: false,
      hasVulnerabilityAlertsEnabled: true,
      defaultBranchRef: {
        name: 'main',
        branchProtectionRule: {
          pattern: 'main',
          requiresApprovingReviews: true,
          requiredApprovingReviewCount: 2,
          dismissesStaleReviews: true,
          requiresCodeOwnerReviews: true,
          requiresStatusChecks: true,
          requiredStatusCheckContexts: ['ci/build', 'ci/test'],
          isAdminEnforced: true,
          allowsForcePushes: false,
          allowsDeletions: false,
          bypassPullRequestAllowances: { totalCount: 0 },
        },
      },
    });
    expect(byName.get('notifications-service')).toMatchObject({ defaultBranchRef: { branchProtectionRule: { bypassPullRequestAllowances: { totalCount: 1 } } } });

    const worker = byName.get('payments-worker');
    expect(worker?.defaultBranchRef).toEqual({ name: 'main', branchProtectionRule: null });
    expect(worker?.rulesets.nodes[0]).toEqual({
      name: 'payments-default-branch',
      enforcement: 'ACTIVE',
      target: 'BRANCH',
      source: { __typename: 'Organization', login: 'acme-corp' },
      conditions: { refName: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
      bypassActors: { totalCount: 0 },
      rules: {
        nodes: [
          { type: 'PULL_REQUEST', parameters: { __typename: 'PullRequestParameters', requiredApprovingReviewCount: 2, dismissStaleReviewsOnPush: true, requireCodeOwnerReview: true } },
          { type: 'REQUIRED_STATUS_CHECKS', parameters: { __typename: 'RequiredStatusChecksParameters', requiredStatusChecks: [{ context: 'ci/test' }] } },
        ],
      },
    });
    expect(byName.get('checkout-web')?.rulesets.nodes[0]).toMatchObject({
      name: 'main-protection',
      source: { __typename: 'Repository', nameWithOwner: 'acme-corp/checkout-web' },
      bypassActors: { totalCount: 1 },
    });
    expect(byName.get('infra-terraform')?.rulesets.nodes[0]?.enforcement).toBe('EVALUATE');

    expect(byName.get('deploy')?.['environments']).toEqual({
      nodes: [
        {
          name: 'production',
          protectionRules: {
            nodes: [
              { type: 'REQUIRED_REVIEWERS', timeout: 0, reviewers: { totalCount: 2 } },
              { type: 'BRANCH_POLICY', timeout: 0, reviewers: { totalCount: 0 } },
            ],
          },
        },
        { name: 'staging', protectionRules: { nodes: [] } },
      ],
    });
    expect(byName.get('infra-terraform')?.['environments']).toEqual({
      nodes: [{ name: 'production', protectionRules: { nodes: [{ type: 'WAIT_TIMER', timeout: 30, reviewers: { totalCount: 0 } }] } }],
    });
    expect(byName.get('marketing-site')?.['collaborators']).toEqual({ edges: [{ permission: 'ADMIN', node: { login: 'ext-contractor-jo' } }] });
    expect(byName.get('compliance-docs')?.['collaborators']).toEqual({ edges: [{ permission: 'READ', node: { login: 'vendor-auditor' } }] });
    expect(byName.get('sandbox')).toMatchObject({ isEmpty: true, defaultBranchRef: null, rulesets: { nodes: [] } });
    expect(byName.get('openssl')).toMatchObject({ isFork: true, visibility: 'PUBLIC' });
    expect(byName.get('legacy-monolith')).toMatchObject({ isArchived: true });
  });

  it('charges GitHub\'s documented cost to the graphql bucket and reports it in rateLimit', async () => {
    const emu = await setup();
    const reply = await graphql(emu, CONNECTOR_QUERY, { org: 'acme-corp' });
    // 1 (repositories) + 100 × (bypass 1 + rulesets 1 + environments 1 + collaborators 1)
    // + 100 × 20 × (bypassActors + rules) + 100 × 20 protectionRules + 100 × 20 × 10 reviewers = 26,401 → 264.
    expect(reply.body.data?.['rateLimit']).toMatchObject({ cost: 264, limit: 5000, remaining: 4736 });
    expect(reply.headers.get('x-ratelimit-resource')).toBe('graphql');
    expect(reply.headers.get('x-ratelimit-used')).toBe('264');
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('4736');
    expect(emu.calls()[0]).toMatchObject({ kind: 'graphql', route: 'POST /graphql', resource: 'graphql', charged: 264, status: 200 });
    expect(emu.summary()).toMatchObject({ graphqlPoints: 264, restQuotaUsed: 0 });
    expect(emu.rateLimit(OWNER, 'core').remaining).toBe(5000);
  });

  it('pages repositories with cursors', async () => {
    const emu = await setup({ scenario: generateGithubScenario({ repositories: 250, members: 20, seed: 3 }) });
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const reply = await graphql(emu, CONNECTOR_QUERY, { org: 'bench-org', cursor }, GENERATED_TOKENS.owner);
      expect(reply.body.errors).toBeUndefined();
      const conn = (reply.body.data?.['organization'] as { repositories: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Repo[] } }).repositories;
      names.push(...conn.nodes.map((r) => r.nameWithOwner));
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      cursor = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(names).size).toBe(250);
    expect(emu.summary().graphqlPoints).toBe(3 * 264);
  });
});

describe('GitHub GraphQL emulator: errors and limits', () => {
  it('answers an invalid query 200 with GitHub-style errors and no data, uncharged', async () => {
    const emu = await setup();
    const unknownField = await graphql(emu, '{ organization(login: "acme-corp") { repositories(first: 1) { nodes { foo } } } }');
    expect(unknownField.status).toBe(200);
    expect(unknownField.body).toEqual({
      errors: [
        {
          message: "Field 'foo' doesn't exist on type 'Repository'",
          extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'foo' },
          locations: [{ line: 1, column: 71 }],
        },
      ],
    });
    const syntax = await graphql(emu, '{ organization(login: "acme-corp") { ');
    expect(syntax.body.errors?.[0]?.['message']).toMatch(/^Parse error on .* at \[1, \d+\]$/);
    const missingVariable = await graphql(emu, CONNECTOR_QUERY, {});
    expect(missingVariable.body.errors?.[0]).toMatchObject({ message: 'Variable $org of type String! was provided invalid value' });
    expect(emu.summary().graphqlPoints).toBe(0);
  });

  it('insists on first/last within 1..100 on every connection', async () => {
    const emu = await setup();
    const missing = await graphql(emu, '{ organization(login: "acme-corp") { repositories { totalCount } } }');
    expect(missing.body.errors?.[0]).toMatchObject({
      type: 'MISSING_PAGINATION_BOUNDARIES',
      path: ['organization', 'repositories'],
      message: 'You must provide a `first` or `last` value to properly paginate the `repositories` connection.',
    });
    const excessive = await graphql(emu, 'query($n: Int) { organization(login: "acme-corp") { repositories(first: $n) { totalCount } } }', { n: 101 });
    expect(excessive.body.errors?.[0]).toMatchObject({
      type: 'EXCESSIVE_PAGINATION',
      message: 'Requesting 101 records on the `repositories` connection exceeds the `first` limit of 100 records.',
    });
  });

  it('NOT_FOUND and FORBIDDEN with paths, next to the data that resolved', async () => {
    const emu = await setup();
    const notFound = await graphql(emu, '{ organization(login: "nope-corp") { login } }');
    expect(notFound.body).toEqual({
      data: { organization: null },
      errors: [{ type: 'NOT_FOUND', path: ['organization'], locations: [{ line: 1, column: 3 }], message: "Could not resolve to an Organization with the login of 'nope-corp'." }],
    });
    // A plain member has read (not push) on most repositories: no collaborator list there.
    const member = await graphql(emu, CONNECTOR_QUERY, { org: 'acme-corp' }, MEMBER);
    const repos = reposOf(member);
    expect(repos).toHaveLength(25);
    const forbidden = member.body.errors ?? [];
    expect(forbidden.length).toBeGreaterThan(10);
    expect(forbidden.find((e) => (e['path'] as unknown[]).at(-1) === 'collaborators')).toMatchObject({
      type: 'FORBIDDEN',
      message: 'Must have push access to view repository collaborators.',
      path: ['organization', 'repositories', 'nodes', 0, 'collaborators'],
      extensions: { saml_failure: false },
    });
    // Who may bypass a ruleset is admin knowledge too.
    expect(forbidden.find((e) => (e['path'] as unknown[]).at(-1) === 'bypassActors')).toMatchObject({ type: 'FORBIDDEN', path: ['organization', 'repositories', 'nodes', 0, 'rulesets', 'nodes', 0, 'bypassActors'] });
    expect(repos[0]).toMatchObject({ collaborators: null });
    const paymentsApi = repos.find((r) => r.nameWithOwner === 'acme-corp/payments-api');
    // Maintain is push access; but branch protection settings stay admin-only.
    expect(paymentsApi).toMatchObject({ collaborators: { edges: [] }, hasVulnerabilityAlertsEnabled: false, defaultBranchRef: { branchProtectionRule: null } });
  });

  it('RATE_LIMITED when the cost does not fit the remaining points', async () => {
    const scenario = { ...loadGithubDemoScenario(), rateLimits: { core: 5000, graphql: 300 } };
    const emu = await setup({ scenario });
    expect((await graphql(emu, CONNECTOR_QUERY, { org: 'acme-corp' })).body.errors).toBeUndefined();
    const refused = await graphql(emu, CONNECTOR_QUERY, { org: 'acme-corp' });
    expect(refused.status).toBe(200);
    expect(refused.body.errors?.[0]).toMatchObject({ type: 'RATE_LIMITED', code: 'graphql_rate_limit' });
    expect(refused.body.data).toBeUndefined();
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('36');
    const cheap = await graphql(emu, '{ rateLimit { cost remaining used } }');
    expect(cheap.body.data).toEqual({ rateLimit: { cost: 1, remaining: 35, used: 265 } });
  });

  it('secondary rate limits and authentication apply to GraphQL too', async () => {
    const emu = await setup({ secondaryRateLimitFirst: 1, retryAfterSeconds: 2 });
    const limited = await graphql(emu, '{ rateLimit { cost } }');
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body.message).toMatch(/secondary rate limit/);
    expect((await graphql(emu, '{ rateLimit { cost } }', {}, null)).status).toBe(401);
    expect((await graphql(emu, '{ rateLimit { cost } }', {}, 'ghp_nope')).status).toBe(401);
  });
});

describe('query cost (GitHub\'s formula)', () => {
  it('multiplies page sizes down each path and sums requests per connection', () => {
    const doc = parse('{ organization(login: "x") { repositories(first: 50) { nodes { environments(first: 10) { nodes { protectionRules(first: 10) { totalCount } } } } } } }');
    // requests: 1 + 50 + 500 = 551 → 6 points; nodes: 50 + 500 + 5000.
    expect(computeQueryCost(githubSchema(), doc, undefined, {})).toMatchObject({ cost: 6, nodeCount: 5550, errors: [] });
    expect(computeQueryCost(githubSchema(), parse('{ rateLimit { cost } }'), undefined, {}).cost).toBe(1);
  });

  it('rejects queries over 500,000 nodes', () => {
    const doc = parse(
      '{ organization(login: "x") { repositories(first: 100) { nodes { rulesets(first: 100) { nodes { rules(first: 100) { totalCount } } } } } } }',
    );
    const cost = computeQueryCost(githubSchema(), doc, undefined, {});
    expect(cost.errors[0]?.message).toBe('This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.');
  });
});
