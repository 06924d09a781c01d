import { GITHUB_KINDS, githubRepositorySchema, type CheckFinding, type EvidenceSet, type GithubRepository, type ResourceRef } from '@astrolabe/core';
import { parseItems } from '../shared/evidence';
import { notApplicable, orNotApplicable, toFinding, unknown, type Verdict } from '../shared/verdict';
import { GITHUB_RESOURCE_TYPES, refFromResourceId, repoRef } from './resources';

/**
 * Runs a per-repository judgement over every repository of the organization. A malformed
 * repository is `unknown` for that repository only; an organization without repositories is
 * `not_applicable` on the organization.
 */
export function evaluateRepositories(evidence: EvidenceSet, scope: ResourceRef, judge: (repo: GithubRepository) => Verdict): CheckFinding[] {
  const findings = parseItems(evidence, GITHUB_KINDS.repository, githubRepositorySchema).map((p) =>
    p.ok
      ? toFinding(repoRef(p.data.nameWithOwner), judge(p.data), [p.item.hash])
      : toFinding(
          refFromResourceId(p.item.resourceId, GITHUB_RESOURCE_TYPES.repository),
          unknown(`The repository evidence for ${p.item.resourceId} is malformed (${p.problem}); re-run the collection.`),
          [p.item.hash],
        ),
  );
  return orNotApplicable(findings, scope, `The organization ${scope.name} has no repositories.`);
}

/**
 * Archived repositories are read-only: nobody can push, merge, deploy or leak a new secret
 * into them, so repository settings checks do not apply until they are unarchived.
 */
export function archivedVerdict(repo: GithubRepository): Verdict | null {
  return repo.isArchived ? notApplicable(`${repo.nameWithOwner} is archived (read-only), so this setting does not apply until it is unarchived.`) : null;
}

export type DefaultBranch = { ok: true; branch: string } | { ok: false; verdict: Verdict };

/**
 * The default branch a branch-level check judges. Archived and empty repositories have nothing
 * to protect (`not_applicable`); a non-empty repository without a default branch in the evidence
 * is something GitHub did not tell us (`unknown`).
 */
export function defaultBranchOf(repo: GithubRepository): DefaultBranch {
  const archived = archivedVerdict(repo);
  if (archived) return { ok: false, verdict: archived };
  if (repo.isEmpty) return { ok: false, verdict: notApplicable(`${repo.nameWithOwner} is empty: it has no default branch to protect yet.`) };
  if (repo.defaultBranch === null) {
    return {
      ok: false,
      verdict: unknown(
        `GitHub did not report the default branch of ${repo.nameWithOwner} although the repository is not empty, so its protection cannot be judged. Check that the token can read the repository (classic: repo; fine-grained / GitHub App: repository "Metadata: read"), then re-run the collection.`,
      ),
    };
  }
  if (!repo.adminSettingsVisible) {
    return {
      ok: false,
      verdict: unknown(
        `GitHub shows the branch protection and rulesets of ${repo.nameWithOwner} only to its admins, and the token is not one, so they cannot be judged. Use the token of an organization owner (classic: repo + admin:org) or a GitHub App / fine-grained token with repository "Administration: read", then re-run the collection.`,
      ),
    };
  }
  return { ok: true, branch: repo.defaultBranch };
}
