import { githubOrgResourceId, memoryResponseCache, type ValidateContext, type ValidationResult, type ValidationStep } from '@astrolabe/core';
import { describe, openGithubSession } from './github-client';
import { isPermissionError } from './github-errors';
import { GITHUB_PERMISSIONS, type GithubConfig, type GithubSecret } from './manifest';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };

/** Tries the credentials and each permission the kinds need, one cheap call each. */
export async function validateGithub(ctx: ValidateContext<GithubConfig, GithubSecret>): Promise<ValidationResult> {
  const steps: ValidationStep[] = [];
  let session;
  try {
    session = await openGithubSession(ctx.config, ctx.secret, { cache: memoryResponseCache(), logger: silent, signal: ctx.signal });
  } catch (err) {
    return { ok: false, steps: [{ name: 'credentials', ok: false, message: describe(err) }] };
  }
  const { octokit } = session;
  const org = ctx.config.organization;
  const probe = async (name: string, permission: string, call: () => Promise<unknown>) => {
    try {
      await call();
      steps.push({ name, ok: true, message: 'readable' });
    } catch (err) {
      steps.push({ name, ok: false, message: describe(err), ...(isPermissionError(err) && { missingPermission: permission }) });
    }
  };
  let scope: ValidationResult['scope'];
  try {
    const { data } = await octokit.request('GET /orgs/{org}', { org });
    scope = { id: githubOrgResourceId(data.login), type: 'github:organization', name: data.name ?? data.login };
    const ownerView = 'two_factor_requirement_enabled' in data;
    steps.push({
      name: 'organization',
      ok: true,
      message: ownerView ? `${data.login}: owner-level settings visible` : `${data.login}: readable, but 2FA requirement and default permission are owner-only`,
      ...(!ownerView && { missingPermission: GITHUB_PERMISSIONS.orgAdminRead }),
    });
  } catch (err) {
    return { ok: false, steps: [{ name: 'organization', ok: false, message: describe(err), missingPermission: GITHUB_PERMISSIONS.orgRead }] };
  }
  await probe('members', GITHUB_PERMISSIONS.orgRead, () => octokit.request('GET /orgs/{org}/members', { org, per_page: 1 }));
  await probe('members 2FA state', GITHUB_PERMISSIONS.orgAdminRead, () => octokit.request('GET /orgs/{org}/members', { org, per_page: 1, filter: '2fa_disabled' }));
  await probe('outside collaborators', GITHUB_PERMISSIONS.orgRead, () => octokit.request('GET /orgs/{org}/outside_collaborators', { org, per_page: 1 }));
  await probe('repositories', GITHUB_PERMISSIONS.repoRead, () => octokit.request('GET /orgs/{org}/repos', { org, per_page: 1 }));
  await probe('actions permissions', GITHUB_PERMISSIONS.orgAdminRead, () => octokit.request('GET /orgs/{org}/actions/permissions/workflow', { org }));
  return { ok: steps.every((s) => s.ok), scope, steps };
}
