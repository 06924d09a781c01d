import { ConnectorError, GITHUB_KINDS, githubOrgResourceId, type GithubOrganization } from '@astrolabe/core';
import { RequestError } from 'octokit';
import { describe, type GithubOctokit } from '../github-client';

const PERMISSIONS = ['read', 'write', 'admin', 'none'] as const;
type DefaultPermission = (typeof PERMISSIONS)[number];

function asPermission(v: unknown): DefaultPermission | null {
  return PERMISSIONS.find((p) => p === v) ?? null;
}
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/**
 * GET /orgs/{org}. Fatal when it fails: without the organization nothing else can be read.
 * Owner-only fields GitHub leaves out for other tokens become null (checks answer unknown).
 */
export async function collectOrganization(octokit: GithubOctokit, org: string, emit: (kind: string, id: string, data: unknown) => void): Promise<GithubOrganization> {
  try {
    const { data } = await octokit.request('GET /orgs/{org}', { org });
    const raw = data as Record<string, unknown>;
    const organization: GithubOrganization = {
      login: data.login,
      id: data.id,
      name: data.name ?? null,
      twoFactorRequirementEnabled: bool(raw.two_factor_requirement_enabled),
      defaultRepositoryPermission: asPermission(raw.default_repository_permission),
      membersCanCreateRepositories: bool(raw.members_can_create_repositories),
      membersCanCreatePublicRepositories: bool(raw.members_can_create_public_repositories),
    };
    emit(GITHUB_KINDS.organization, githubOrgResourceId(data.login), organization);
    return organization;
  } catch (err) {
    if (err instanceof RequestError && err.status === 401) throw new ConnectorError('credentials_invalid', `GitHub rejected the credentials: ${describe(err)}`);
    if (err instanceof RequestError && err.status === 404) {
      throw new ConnectorError('organization_not_found', `Organization "${org}" was not found, or the token cannot see it (${describe(err)}).`);
    }
    if (err instanceof RequestError) throw new ConnectorError('provider_error', `GET /orgs/${org} failed: ${describe(err)}`);
    throw new ConnectorError('endpoint_unreachable', `GitHub could not be reached: ${describe(err)}`);
  }
}
