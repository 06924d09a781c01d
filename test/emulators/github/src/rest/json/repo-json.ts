import type { RepoAccess } from '../../model/access';
import type { GithubModel, RepoModel } from '../../model/github-model';
import { githubTimestamp } from '../../relative-date';
import type { ApiUrls } from '../api-urls';

const status = (value: 'enabled' | 'disabled'): { status: 'enabled' | 'disabled' } => ({ status: value });

/** The `permissions` object: what the caller may do, as booleans from pull to admin. */
function permissionsJson(access: RepoAccess): Record<string, boolean> {
  const p = access.permission;
  return {
    admin: p === 'ADMIN',
    maintain: p === 'ADMIN' || p === 'MAINTAIN',
    push: p === 'ADMIN' || p === 'MAINTAIN' || p === 'WRITE',
    triage: p !== 'READ' && p !== null,
    pull: p !== null,
  };
}

/**
 * A repository as GET /orgs/{org}/repos and GET /repos/{owner}/{repo} return it.
 * `security_and_analysis` is only there for callers with admin rights on the repository.
 */
export function repositoryJson(model: GithubModel, repo: RepoModel, access: RepoAccess, urls: ApiUrls): Record<string, unknown> {
  const r = repo.scenario;
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}`;
  const host = new URL(urls.web).host;
  const { org } = model;
  const ownerApi = `${urls.api}/users/${org.login}`;
  const json: Record<string, unknown> = {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: r.visibility !== 'public',
    owner: {
      login: org.login,
      id: org.id,
      node_id: org.nodeId,
      avatar_url: `${urls.web}/avatars/u/${org.id}?`,
      gravatar_id: '',
      url: ownerApi,
      html_url: `${urls.web}/${org.login}`,
      followers_url: `${ownerApi}/followers`,
      following_url: `${ownerApi}/following{/other_user}`,
      gists_url: `${ownerApi}/gists{/gist_id}`,
      starred_url: `${ownerApi}/starred{/owner}{/repo}`,
      subscriptions_url: `${ownerApi}/subscriptions`,
      organizations_url: `${ownerApi}/orgs`,
      repos_url: `${ownerApi}/repos`,
      events_url: `${ownerApi}/events{/privacy}`,
      received_events_url: `${ownerApi}/received_events`,
      type: 'Organization',
      user_view_type: 'public',
      site_admin: false,
    },
    html_url: html,
    description: r.description,
    fork: r.fork,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: githubTimestamp(repo.createdAt),
    updated_at: githubTimestamp(repo.updatedAt),
    pushed_at: githubTimestamp(repo.pushedAt),
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: repo.size,
    stargazers_count: r.stars,
    watchers_count: r.stars,
    language: r.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: r.visibility === 'public',
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: r.archived,
    disabled: false,
    open_issues_count: 0,
    license: null,
    allow_forking: r.visibility === 'public',
    is_template: false,
    web_commit_signoff_required: false,
    topics: r.topics,
    visibility: r.visibility,
    forks: 0,
    open_issues: 0,
    watchers: r.stars,
    default_branch: r.defaultBranch,
    permissions: permissionsJson(access),
  };
  if (access.admin) {
    json['security_and_analysis'] = {
      ...(r.visibility === 'public' ? {} : { advanced_security: status(r.security.secretScanning) }),
      secret_scanning: status(r.security.secretScanning),
      secret_scanning_push_protection: status(r.security.secretScanningPushProtection),
      secret_scanning_non_provider_patterns: status('disabled'),
      secret_scanning_validity_checks: status('disabled'),
      dependabot_security_updates: status(r.security.dependabotSecurityUpdates),
    };
  }
  return json;
}
