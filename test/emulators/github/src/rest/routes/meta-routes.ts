import type { RateLimitSnapshot } from '../../rate-limiter';
import { DOCS, httpErrors } from '../http-error';
import { authenticatedUserJson } from '../json/user-json';
import type { RestContext, RestRoute } from '../rest-context';

/** GET / : the hypermedia index (URL templates), as GitHub serves it. */
function root(ctx: RestContext): Record<string, string> {
  const api = ctx.urls.api;
  return {
    current_user_url: `${api}/user`,
    current_user_authorizations_html_url: `${ctx.urls.web}/settings/connections/applications{/client_id}`,
    authorizations_url: `${api}/authorizations`,
    code_search_url: `${api}/search/code?q={query}{&page,per_page,sort,order}`,
    commit_search_url: `${api}/search/commits?q={query}{&page,per_page,sort,order}`,
    emails_url: `${api}/user/emails`,
    emojis_url: `${api}/emojis`,
    events_url: `${api}/events`,
    feeds_url: `${api}/feeds`,
    followers_url: `${api}/user/followers`,
    following_url: `${api}/user/following{/target}`,
    gists_url: `${api}/gists{/gist_id}`,
    issue_search_url: `${api}/search/issues?q={query}{&page,per_page,sort,order}`,
    issues_url: `${api}/issues`,
    keys_url: `${api}/user/keys`,
    label_search_url: `${api}/search/labels?q={query}&repository_id={repository_id}{&page,per_page}`,
    notifications_url: `${api}/notifications`,
    organization_url: `${api}/orgs/{org}`,
    organization_repositories_url: `${api}/orgs/{org}/repos{?type,page,per_page,sort}`,
    organization_teams_url: `${api}/orgs/{org}/teams`,
    public_gists_url: `${api}/gists/public`,
    rate_limit_url: `${api}/rate_limit`,
    repository_url: `${api}/repos/{owner}/{repo}`,
    repository_search_url: `${api}/search/repositories?q={query}{&page,per_page,sort,order}`,
    current_user_repositories_url: `${api}/user/repos{?type,page,per_page,sort}`,
    starred_url: `${api}/user/starred{/owner}{/repo}`,
    starred_gists_url: `${api}/gists/starred`,
    topic_search_url: `${api}/search/topics?q={query}{&page,per_page}`,
    user_url: `${api}/users/{user}`,
    user_organizations_url: `${api}/user/orgs`,
    user_repositories_url: `${api}/users/{user}/repos{?type,page,per_page,sort}`,
    user_search_url: `${api}/search/users?q={query}{&page,per_page,sort,order}`,
  };
}

const bucket = (s: RateLimitSnapshot): Record<string, number> => ({ limit: s.limit, used: s.used, remaining: s.remaining, reset: s.reset });

/** GET /rate_limit: free, and the only place that shows every resource at once. */
function rateLimit(ctx: RestContext): Record<string, unknown> {
  const core = bucket(ctx.rateLimit('core'));
  const fixed = (limit: number): Record<string, number> => ({ limit, used: 0, remaining: limit, reset: core['reset'] ?? 0 });
  return {
    resources: {
      core,
      search: fixed(30),
      graphql: bucket(ctx.rateLimit('graphql')),
      integration_manifest: fixed(5000),
      source_import: fixed(100),
      code_scanning_upload: fixed(1000),
      actions_runner_registration: fixed(10000),
      scim: fixed(15000),
      dependency_snapshots: fixed(100),
      code_search: fixed(10),
    },
    rate: core,
  };
}

/** GET /user: the token's owner. App installation tokens have no user behind them. */
function authenticatedUser(ctx: RestContext): Record<string, unknown> {
  const p = ctx.principal;
  if (p.kind === 'anonymous' || !p.user) throw httpErrors.requiresAuthentication(DOCS.getUser);
  if (p.kind === 'app') throw httpErrors.notAccessible('app', DOCS.getUser);
  // Organization repositories are not the user's own: a member owns no private repositories here.
  return authenticatedUserJson(p.user, ctx.urls, 0);
}

export const META_ROUTES: readonly RestRoute[] = [
  { method: 'GET', template: '/', acceptedScopes: '', handler: (ctx) => ({ body: root(ctx) }) },
  { method: 'GET', template: '/rate_limit', acceptedScopes: '', free: true, handler: (ctx) => ({ body: rateLimit(ctx) }) },
  { method: 'GET', template: '/user', acceptedScopes: '', handler: (ctx) => ({ body: authenticatedUser(ctx) }) },
];
