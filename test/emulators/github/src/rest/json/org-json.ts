import type { GithubModel } from '../../model/github-model';
import { githubTimestamp } from '../../relative-date';
import type { ApiUrls } from '../api-urls';

/** GitHub's "organization-simple" (also the `owner` of org repositories is a simple user of type Organization). */
export function organizationSimpleJson(model: GithubModel, urls: ApiUrls): Record<string, unknown> {
  const { org } = model;
  const api = `${urls.api}/orgs/${org.login}`;
  return {
    login: org.login,
    id: org.id,
    node_id: org.nodeId,
    url: api,
    repos_url: `${api}/repos`,
    events_url: `${api}/events`,
    hooks_url: `${api}/hooks`,
    issues_url: `${api}/issues`,
    members_url: `${api}/members{/member}`,
    public_members_url: `${api}/public_members{/member}`,
    avatar_url: `${urls.web}/avatars/u/${org.id}?`,
    description: org.settings.description,
  };
}

/**
 * GET /orgs/{org}. The settings a compliance check reads (2FA requirement, base permission,
 * who may create repositories) are in GitHub's owner-only part: absent, not null, for anyone else.
 */
export function organizationJson(model: GithubModel, urls: ApiUrls, ownerView: boolean): Record<string, unknown> {
  const { org } = model;
  const s = org.settings;
  const publicRepos = model.repos.filter((r) => r.scenario.visibility === 'public').length;
  const privateRepos = model.repos.length - publicRepos;
  const created = githubTimestamp(org.createdAt);
  const base = {
    ...organizationSimpleJson(model, urls),
    name: s.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    twitter_username: null,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${urls.web}/${org.login}`,
    created_at: created,
    updated_at: created,
    archived_at: null,
    type: 'Organization',
  };
  if (!ownerView) return base;
  return {
    ...base,
    total_private_repos: privateRepos,
    owned_private_repos: privateRepos,
    private_gists: 0,
    disk_usage: model.repos.reduce((n, r) => n + r.size, 0),
    collaborators: model.outsideCollaborators.length,
    billing_email: `billing@${org.login}.example`,
    plan: { name: s.plan, space: 976562499, private_repos: 999999, filled_seats: model.members.length, seats: model.members.length + 10 },
    default_repository_permission: s.defaultRepositoryPermission,
    members_can_create_repositories: s.membersCanCreateRepositories,
    two_factor_requirement_enabled: s.twoFactorRequirementEnabled,
    members_allowed_repository_creation_type: !s.membersCanCreateRepositories ? 'none' : s.membersCanCreatePublicRepositories ? 'all' : 'private',
    members_can_create_public_repositories: s.membersCanCreatePublicRepositories,
    members_can_create_private_repositories: s.membersCanCreatePrivateRepositories,
    members_can_create_internal_repositories: s.plan === 'enterprise' && s.membersCanCreatePrivateRepositories,
    members_can_create_pages: true,
    members_can_create_public_pages: true,
    members_can_create_private_pages: true,
    members_can_fork_private_repositories: false,
    web_commit_signoff_required: false,
    deploy_keys_enabled_for_repositories: true,
    advanced_security_enabled_for_new_repositories: false,
    dependabot_alerts_enabled_for_new_repositories: false,
    dependabot_security_updates_enabled_for_new_repositories: false,
    dependency_graph_enabled_for_new_repositories: false,
    secret_scanning_enabled_for_new_repositories: false,
    secret_scanning_push_protection_enabled_for_new_repositories: false,
    secret_scanning_push_protection_custom_link_enabled: false,
    secret_scanning_push_protection_custom_link: null,
  };
}
