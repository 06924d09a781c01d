import { GITHUB_KINDS, githubOrgResourceId, githubUserResourceId, type CollectContext } from '@astrolabe/core';
import { openGithubSession } from './github-client';
import { GITHUB_PERMISSIONS, type GithubConfig, type GithubSecret } from './manifest';
import { collectActionsPermissions } from './steps/actions';
import { collectOrganization } from './steps/organization';
import { collectMembers, listOutsideCollaborators } from './steps/people';
import { collectRepositories } from './steps/repositories';

/**
 * One organization snapshot. The organization itself is required (fatal if unreadable); every
 * other kind fails on its own with the permission it lacks, so only its checks turn unknown.
 */
export async function collectGithub(ctx: CollectContext<GithubConfig, GithubSecret>): Promise<void> {
  const { octokit, usage } = await openGithubSession(ctx.config, ctx.secret, { cache: ctx.cache, logger: ctx.logger, signal: ctx.signal });
  const emit = (kind: string, id: string, data: unknown) => ctx.emit(kind, id, data);
  const report = () => ctx.usage(usage.report());
  try {
    const org = await collectOrganization(octokit, ctx.config.organization, emit);
    ctx.identify({ id: githubOrgResourceId(org.login), type: 'github:organization', name: org.name ?? org.login });
    ctx.progress(1, 5, 'organization');

    const members = await collectMembers(octokit, org.login, emit);
    if (!members.ok) ctx.fail(GITHUB_KINDS.member, members.error);
    ctx.progress(2, 5, 'members');

    const outside = await listOutsideCollaborators(octokit, org.login);
    const repos = await collectRepositories(octokit, {
      org: org.login,
      usage,
      cache: ctx.cache,
      now: ctx.now(),
      fullScanHours: ctx.config.fullScanHours,
      emit,
      progress: (done, total) => ctx.progress(3, 5, `repositories ${done}/${total}`),
    });
    if (repos.error) ctx.fail(GITHUB_KINDS.repository, repos.error);
    // Which repositories an outside collaborator reaches comes from the repository pages: without
    // them the collaborator evidence would claim "no access", so it fails with them.
    if (!outside.ok) ctx.fail(GITHUB_KINDS.outsideCollaborator, outside.error);
    else if (repos.error) ctx.fail(GITHUB_KINDS.outsideCollaborator, { ...repos.error, message: `repository access of outside collaborators unknown: ${repos.error.message}` });
    else if (repos.collaboratorsHidden > 0) {
      ctx.fail(GITHUB_KINDS.outsideCollaborator, {
        code: 'access_denied',
        message: `GitHub hid the collaborators of ${repos.collaboratorsHidden} repositories from this token, so what outside collaborators can reach is unknown`,
        missingPermission: GITHUB_PERMISSIONS.repoRead,
      });
    }
    else {
      for (const u of outside.users) {
        emit(GITHUB_KINDS.outsideCollaborator, githubUserResourceId(u.login), { ...u, repositories: repos.outsideAccess.get(u.login) ?? [] });
      }
    }
    ctx.progress(4, 5, 'actions');

    const actionsError = await collectActionsPermissions(octokit, org.login, emit);
    if (actionsError) ctx.fail(GITHUB_KINDS.actionsPermissions, actionsError);
    ctx.progress(5, 5, 'done');
  } finally {
    report();
  }
}
