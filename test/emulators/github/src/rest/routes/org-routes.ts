import { canListConcealedMembers, canSeeOwnerFields, canSeeTwoFactor, hasPermission, repoAccess } from '../../model/access';
import type { RepoModel, UserModel } from '../../model/github-model';
import { DOCS, httpErrors } from '../http-error';
import { organizationJson } from '../json/org-json';
import { repositoryJson } from '../json/repo-json';
import { simpleUserJson } from '../json/user-json';
import { paginate } from '../paging';
import { requireOrgAccess } from '../require-access';
import { orgFrom, type RestContext, type RestResult, type RestRoute } from '../rest-context';

const byLogin = (a: UserModel, b: UserModel): number => a.login.toLowerCase().localeCompare(b.login.toLowerCase());

function getOrganization(ctx: RestContext): RestResult {
  orgFrom(ctx, DOCS.getOrg);
  return { body: organizationJson(ctx.model, ctx.urls, canSeeOwnerFields(ctx.principal)) };
}

/** GET /orgs/{org}/members?role=all|admin|member&filter=all|2fa_disabled */
function listMembers(ctx: RestContext): RestResult {
  const org = orgFrom(ctx, DOCS.listMembers);
  const p = ctx.principal;
  if ((p.kind === 'app' || p.kind === 'fine-grained') && !hasPermission(p, 'members')) throw httpErrors.notAccessible(p.kind, DOCS.listMembers);
  const filter = ctx.query.get('filter') ?? 'all';
  const role = ctx.query.get('role') ?? 'all';
  if ((filter === '2fa_disabled' || filter === '2fa_insecure') && !canSeeTwoFactor(p)) {
    throw httpErrors.unprocessable('Only owners can use this filter.', DOCS.listMembers);
  }
  // Without read:org (or membership) GitHub lists public members only: concealed ones are simply missing.
  const concealed = canListConcealedMembers(p);
  const members = ctx.model.members
    .filter((m) => concealed || m.publicMembership)
    .filter((m) => role === 'all' || m.role === role)
    .filter((m) => filter !== '2fa_disabled' || !m.user.twoFactor)
    .map((m) => m.user)
    .sort(byLogin);
  const page = paginate(members, ctx, `/organizations/${org.id}/members`);
  return { body: page.items.map((u) => simpleUserJson(u, ctx.urls)), link: page.link };
}

/** GET /orgs/{org}/outside_collaborators?filter=all|2fa_disabled (owners only). */
function listOutsideCollaborators(ctx: RestContext): RestResult {
  const org = orgFrom(ctx, DOCS.listOutsideCollaborators);
  requireOrgAccess(ctx, {
    scope: 'read:org',
    permission: 'members',
    ownersOnly: true,
    ownerMessage: 'You must be an organization owner to list outside collaborators.',
    docs: DOCS.listOutsideCollaborators,
  });
  const filter = ctx.query.get('filter') ?? 'all';
  const users = ctx.model.outsideCollaborators
    .filter((c) => filter !== '2fa_disabled' || !c.user.twoFactor)
    .map((c) => c.user)
    .sort(byLogin);
  const page = paginate(users, ctx, `/organizations/${org.id}/outside_collaborators`);
  return { body: page.items.map((u) => simpleUserJson(u, ctx.urls)), link: page.link };
}

const TYPE_FILTERS: Record<string, (r: RepoModel) => boolean> = {
  all: () => true,
  public: (r) => r.scenario.visibility === 'public',
  private: (r) => r.scenario.visibility !== 'public',
  forks: (r) => r.scenario.fork,
  sources: (r) => !r.scenario.fork,
  member: () => true,
};

const SORT_KEYS: Record<string, (r: RepoModel) => number | string> = {
  created: (r) => r.createdAt.getTime(),
  updated: (r) => r.updatedAt.getTime(),
  pushed: (r) => r.pushedAt.getTime(),
  full_name: (r) => r.fullName.toLowerCase(),
};

/** GET /orgs/{org}/repos?type=&sort=&direction= — default: created, newest first (full_name: A→Z). */
function listOrgRepos(ctx: RestContext): RestResult {
  const org = orgFrom(ctx, DOCS.listOrgRepos);
  const typeFilter = TYPE_FILTERS[ctx.query.get('type') ?? 'all'] ?? TYPE_FILTERS['all'] ?? (() => true);
  const sort = SORT_KEYS[ctx.query.get('sort') ?? ''] ? (ctx.query.get('sort') ?? 'created') : 'created';
  const key = SORT_KEYS[sort] ?? ((r: RepoModel) => r.createdAt.getTime());
  const direction = ctx.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
  const sign = direction === 'asc' ? 1 : -1;
  const visible = ctx.model.repos
    .map((repo) => ({ repo, access: repoAccess(ctx.model, ctx.principal, repo) }))
    .filter(({ repo, access }) => access.permission !== null && typeFilter(repo))
    .sort((a, b) => {
      const ka = key(a.repo);
      const kb = key(b.repo);
      // Ties (same timestamp) fall back to the id so pages never shuffle between requests.
      return (ka < kb ? -1 : ka > kb ? 1 : a.repo.id - b.repo.id) * sign;
    });
  const page = paginate(visible, ctx, `/organizations/${org.id}/repos`);
  return { body: page.items.map(({ repo, access }) => repositoryJson(ctx.model, repo, access, ctx.urls)), link: page.link };
}

/** GET /repos/{owner}/{repo}: 404 (never 403) for a repository the caller may not see, as GitHub hides them. */
function getRepository(ctx: RestContext): RestResult {
  const repo = ctx.model.repo(ctx.params['repo'] ?? '');
  if (!repo || (ctx.params['owner'] ?? '').toLowerCase() !== ctx.model.org.login.toLowerCase()) throw httpErrors.notFound(DOCS.getRepo);
  const access = repoAccess(ctx.model, ctx.principal, repo);
  if (access.permission === null) throw httpErrors.notFound(DOCS.getRepo);
  return { body: repositoryJson(ctx.model, repo, access, ctx.urls) };
}

const ORG_SCOPES = 'admin:org, read:org, repo, user, write:org';
const MEMBER_SCOPES = 'admin:org, read:org, write:org';

/** Each org route is also served at `/organizations/{org_id}/…`, where GitHub's Link headers point. */
const both = (suffix: string, acceptedScopes: string, handler: RestRoute['handler']): RestRoute[] => [
  { method: 'GET', template: `/orgs/{org}${suffix}`, acceptedScopes, handler },
  { method: 'GET', template: `/organizations/{org_id}${suffix}`, acceptedScopes, handler },
];

export const ORG_ROUTES: readonly RestRoute[] = [
  ...both('', ORG_SCOPES, getOrganization),
  ...both('/members', MEMBER_SCOPES, listMembers),
  ...both('/outside_collaborators', MEMBER_SCOPES, listOutsideCollaborators),
  ...both('/repos', '', listOrgRepos),
  { method: 'GET', template: '/repos/{owner}/{repo}', acceptedScopes: 'repo', handler: getRepository },
];
