import type { UserModel } from '../../model/github-model';
import { githubTimestamp } from '../../relative-date';
import type { ApiUrls } from '../api-urls';

/** GitHub's "simple-user": what member and collaborator lists return. */
export function simpleUserJson(user: UserModel, urls: ApiUrls): Record<string, unknown> {
  const api = `${urls.api}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `${urls.web}/avatars/u/${user.id}?`,
    gravatar_id: '',
    url: api,
    html_url: user.type === 'Bot' ? `${urls.web}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${urls.web}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** GET /user: the "private-user" the token belongs to. */
export function authenticatedUserJson(user: UserModel, urls: ApiUrls, ownedPrivateRepos: number): Record<string, unknown> {
  const created = githubTimestamp(user.createdAt);
  return {
    ...simpleUserJson(user, urls),
    user_view_type: 'private',
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    notification_email: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
    private_gists: 0,
    total_private_repos: ownedPrivateRepos,
    owned_private_repos: ownedPrivateRepos,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: user.twoFactor,
    plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}
