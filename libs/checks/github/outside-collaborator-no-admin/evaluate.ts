import { defineCheck, GITHUB_REPOSITORY_PERMISSIONS, type GithubOutsideCollaborator } from '@astrolabe/core';
import { evaluateOutsideCollaborators } from '../../src/github/people';
import { fail, listPhrase, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => evaluateOutsideCollaborators(evidence, scope, judge));

function judge({ login, repositories }: GithubOutsideCollaborator): Verdict {
  const adminOn = repositories.filter((r) => r.permission === 'ADMIN').map((r) => r.nameWithOwner);
  if (adminOn.length > 0) {
    return fail(
      `Outside collaborator ${login} has admin access to ${listPhrase(adminOn)}. Lower their role to Write (or Maintain) in each repository's Settings → Collaborators and teams, or make them an organization member if they must administer it.`,
    );
  }
  if (repositories.length === 0) return pass(`Outside collaborator ${login} has access to no repository of the organization, so no admin access.`);
  // GITHUB_REPOSITORY_PERMISSIONS is ordered from most to least powerful.
  const highest = GITHUB_REPOSITORY_PERMISSIONS.find((p) => repositories.some((r) => r.permission === p)) ?? 'READ';
  const count = repositories.length === 1 ? 'one repository' : `${repositories.length} repositories`;
  return pass(`Outside collaborator ${login} has no admin access: ${count}, at most ${highest.toLowerCase()}.`);
}
