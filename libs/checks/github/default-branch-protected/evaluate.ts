import { defineCheck, type GithubRepository } from '@astrolabe/core';
import { describeSources, isProtected, notEnforcedNote, protectionSources } from '../../src/github/branch-protection';
import { defaultBranchOf, evaluateRepositories } from '../../src/github/repositories';
import { fail, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => evaluateRepositories(evidence, scope, judge));

function judge(repo: GithubRepository): Verdict {
  const target = defaultBranchOf(repo);
  if (!target.ok) return target.verdict;
  const sources = protectionSources(repo);
  if (isProtected(sources)) return pass(`${repo.nameWithOwner} protects its default branch ${target.branch} with ${describeSources(sources)}.`);
  return fail(
    `${repo.nameWithOwner} has no branch protection rule and no active ruleset on its default branch ${target.branch}, so anyone with write access can push to it directly, force-push or delete it. Add an active ruleset targeting the default branch (Settings → Rules → Rulesets) or a classic rule (Settings → Branches).${notEnforcedNote(repo)}`,
  );
}
