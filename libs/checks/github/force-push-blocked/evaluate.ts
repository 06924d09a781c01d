import { defineCheck, type GithubRepository } from '@astrolabe/core';
import { classicLabel, enforcedRulesOfType, notEnforcedNote, RULE_TYPES, rulesetLabel } from '../../src/github/branch-protection';
import { defaultBranchOf, evaluateRepositories } from '../../src/github/repositories';
import { fail, listPhrase, pass, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => evaluateRepositories(evidence, scope, judge));

function judge(repo: GithubRepository): Verdict {
  const target = defaultBranchOf(repo);
  if (!target.ok) return target.verdict;
  const classic = repo.branchProtection;
  const blockers = [
    ...(classic && !classic.allowsForcePushes ? [classicLabel(classic)] : []),
    ...enforcedRulesOfType(repo, RULE_TYPES.nonFastForward).map(({ ruleset }) => rulesetLabel(ruleset)),
  ];
  const where = `${repo.nameWithOwner}'s default branch ${target.branch}`;
  if (blockers.length > 0) return pass(`Force pushes to ${where} are blocked by ${listPhrase(blockers)}.`);
  const why = classic
    ? `${classicLabel(classic)} allows force pushes and no active ruleset blocks them`
    : 'no classic branch protection rule or active ruleset blocks them';
  return fail(
    `Force pushes to ${where} are allowed: ${why}, so its history can be rewritten. Add Block force pushes to an active ruleset targeting the default branch, or clear Allow force pushes in the classic rule (Settings → Branches).${notEnforcedNote(repo, RULE_TYPES.nonFastForward)}`,
  );
}
