import { GITHUB_KINDS, githubOrgResourceId, type CollectionError, type GithubActionsPermissions } from '@astrolabe/core';
import type { GithubOctokit } from '../github-client';
import { kindError } from '../github-errors';
import { GITHUB_PERMISSIONS } from '../manifest';

const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null => values.find((x) => x === v) ?? null;

/** Org Actions policy and the default GITHUB_TOKEN permissions (two conditional REST calls). */
export async function collectActionsPermissions(octokit: GithubOctokit, org: string, emit: (kind: string, id: string, data: unknown) => void): Promise<CollectionError | null> {
  try {
    const { data: perms } = await octokit.request('GET /orgs/{org}/actions/permissions', { org });
    const { data: workflow } = await octokit.request('GET /orgs/{org}/actions/permissions/workflow', { org });
    const value: GithubActionsPermissions = {
      enabledRepositories: oneOf(['all', 'none', 'selected'] as const, perms.enabled_repositories) ?? 'all',
      allowedActions: oneOf(['all', 'local_only', 'selected'] as const, perms.allowed_actions),
      defaultWorkflowPermissions: oneOf(['read', 'write'] as const, workflow.default_workflow_permissions),
      canApprovePullRequestReviews: typeof workflow.can_approve_pull_request_reviews === 'boolean' ? workflow.can_approve_pull_request_reviews : null,
    };
    emit(GITHUB_KINDS.actionsPermissions, githubOrgResourceId(org), value);
    return null;
  } catch (err) {
    return kindError(err, 'reading the organization Actions permissions', GITHUB_PERMISSIONS.orgAdminRead);
  }
}
