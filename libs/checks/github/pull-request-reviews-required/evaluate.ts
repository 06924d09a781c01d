import { defineCheck, type GithubRepository } from '@astrolabe/core';
import { notEnforcedNote, RULE_TYPES } from '../../src/github/branch-protection';
import { defaultBranchOf, evaluateRepositories } from '../../src/github/repositories';
import { assessReviews, MIN_APPROVALS, type ReviewSource } from '../../src/github/review-requirements';
import { capitalize, fail, listPhrase, pass, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => evaluateRepositories(evidence, scope, judge));

const REQUIREMENT = `requires at least ${MIN_APPROVALS} approving review, dismisses stale approvals when new commits are pushed and exempts no one`;

function judge(repo: GithubRepository): Verdict {
  const target = defaultBranchOf(repo);
  if (!target.ok) return target.verdict;
  const where = `${repo.nameWithOwner}'s default branch ${target.branch}`;
  const assessment = assessReviews(repo);

  if (assessment.status === 'enforced') {
    const { source } = assessment;
    const approvals = source.approvals === 1 ? '1 approving review' : `${source.approvals ?? MIN_APPROVALS} approving reviews`;
    return pass(`Pull requests into ${where} need ${approvals}, stale approvals are dismissed on new commits and no one is exempt, through ${source.label}.`);
  }

  if (assessment.status === 'unstated') {
    const gaps = assessment.sources.filter((s) => s.missing.length === 0).map((s) => `${s.label} does not state ${listPhrase(s.unstated)}`);
    return unknown(
      `GitHub did not report everything needed to judge pull request reviews on ${where}: ${listPhrase(gaps)}. Re-run the collection; if this persists, check that the token can read branch protection (classic: repo; fine-grained / GitHub App: repository "Administration: read").`,
    );
  }

  const note = notEnforcedNote(repo, RULE_TYPES.pullRequest);
  if (assessment.sources.length === 0) {
    return fail(
      `Changes can reach ${where} without an approved pull request: no classic branch protection rule or active ruleset on it requires reviews. Add an active ruleset with a pull request rule (or a classic rule) that ${REQUIREMENT}.${note}`,
    );
  }
  const problems = assessment.sources.map(describeGaps).join('. ');
  const fix = assessment.sources.length === 1 ? 'Change it' : 'Change one of them';
  return fail(`Pull requests into ${where} can be merged without a current approval from a reviewer. ${problems}. ${fix} so that it ${REQUIREMENT}.${note}`);
}

function describeGaps(source: ReviewSource): string {
  const clauses = [...source.missing, ...source.unstated.map((u) => `does not state ${u}`)];
  return `${capitalize(source.label)} ${listPhrase(clauses)}`;
}
