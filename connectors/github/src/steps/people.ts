import { GITHUB_KINDS, githubUserResourceId, type CollectionError } from '@astrolabe/core';
import type { GithubOctokit } from '../github-client';
import { isPermissionError, kindError } from '../github-errors';
import { GITHUB_PERMISSIONS } from '../manifest';

interface Login {
  login: string;
  id: number;
}

/** The logins a 2FA filter returned, or null when the token may not use it (owners only). */
async function twoFactorDisabled(octokit: GithubOctokit, route: 'GET /orgs/{org}/members' | 'GET /orgs/{org}/outside_collaborators', org: string): Promise<Set<string> | null> {
  try {
    const users: Login[] = await octokit.paginate(route, { org, filter: '2fa_disabled', per_page: 100 });
    return new Set(users.map((u) => u.login));
  } catch (err) {
    if (isPermissionError(err)) return null;
    throw err;
  }
}

const twoFactor = (disabled: Set<string> | null, login: string) => (disabled === null ? null : !disabled.has(login));

/** Members with their role and 2FA state (GET /orgs/{org}/members, role=admin and all, filter=2fa_disabled). */
export async function collectMembers(
  octokit: GithubOctokit,
  org: string,
  emit: (kind: string, id: string, data: unknown) => void,
): Promise<{ ok: true; owners: number } | { ok: false; error: CollectionError }> {
  try {
    const admins: Login[] = await octokit.paginate('GET /orgs/{org}/members', { org, role: 'admin', per_page: 100 });
    const all: Login[] = await octokit.paginate('GET /orgs/{org}/members', { org, role: 'all', per_page: 100 });
    const disabled = await twoFactorDisabled(octokit, 'GET /orgs/{org}/members', org);
    const adminLogins = new Set(admins.map((a) => a.login));
    for (const m of all) {
      emit(GITHUB_KINDS.member, githubUserResourceId(m.login), { login: m.login, id: m.id, role: adminLogins.has(m.login) ? 'admin' : 'member', twoFactorEnabled: twoFactor(disabled, m.login) });
    }
    return { ok: true, owners: adminLogins.size };
  } catch (err) {
    return { ok: false, error: kindError(err, 'listing organization members', GITHUB_PERMISSIONS.orgRead) };
  }
}

/** Outside collaborators (REST) with 2FA state; their repository permissions come from GraphQL. */
export async function listOutsideCollaborators(
  octokit: GithubOctokit,
  org: string,
): Promise<{ ok: true; users: { login: string; id: number; twoFactorEnabled: boolean | null }[] } | { ok: false; error: CollectionError }> {
  try {
    const users: Login[] = await octokit.paginate('GET /orgs/{org}/outside_collaborators', { org, per_page: 100 });
    const disabled = await twoFactorDisabled(octokit, 'GET /orgs/{org}/outside_collaborators', org);
    return { ok: true, users: users.map((u) => ({ login: u.login, id: u.id, twoFactorEnabled: twoFactor(disabled, u.login) })) };
  } catch (err) {
    return { ok: false, error: kindError(err, 'listing outside collaborators', GITHUB_PERMISSIONS.orgRead) };
  }
}
