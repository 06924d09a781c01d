import type { GithubBranchProtection, GithubRepository, GithubRuleset, GithubRulesetRule } from '@astrolabe/core';
import { classicLabel, enforcedRulesOfType, RULE_TYPES, rulesetLabel } from './branch-protection';

/** Approvals a pull request into the default branch needs at least. */
export const MIN_APPROVALS = 1;

/**
 * One place that can require reviewed pull requests on the default branch (the classic rule or
 * one ACTIVE ruleset's PULL_REQUEST rule), judged on its own: GitHub evaluates each separately,
 * so an admin exempt from one source but bound by another that lets stale approvals through is
 * not held to "approved, current, no exemptions" by either.
 */
export interface ReviewSource {
  label: string;
  /** Approving reviews it requires; null when it requires none or does not say. */
  approvals: number | null;
  /** Clauses for what this source does not enforce ("does not dismiss stale approvals …"). */
  missing: string[];
  /** What the evidence does not state, so this source can be neither credited nor blamed. */
  unstated: string[];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function classicReviewSource(rule: GithubBranchProtection): ReviewSource {
  const missing: string[] = [];
  const unstated: string[] = [];
  if (!rule.requiresApprovingReviews) missing.push('does not require approving reviews before merging');
  else if (rule.requiredApprovingReviewCount === null) unstated.push('how many approving reviews it requires');
  else if (rule.requiredApprovingReviewCount < MIN_APPROVALS) missing.push(`requires ${plural(rule.requiredApprovingReviewCount, 'approving review', 'approving reviews')} (at least ${MIN_APPROVALS} needed)`);
  if (!rule.dismissesStaleReviews) missing.push('does not dismiss stale approvals when new commits are pushed');
  if (!rule.isAdminEnforced) missing.push('exempts administrators ("Do not allow bypassing the above settings" is off)');
  if (rule.bypassPullRequestActorCount > 0) {
    missing.push(`lets ${plural(rule.bypassPullRequestActorCount, 'actor', 'actors')} bypass its pull request requirements`);
  }
  const approvals = rule.requiresApprovingReviews ? rule.requiredApprovingReviewCount : null;
  return { label: classicLabel(rule), approvals, missing, unstated };
}

export function rulesetReviewSource(ruleset: GithubRuleset, rule: GithubRulesetRule): ReviewSource {
  const missing: string[] = [];
  const unstated: string[] = [];
  const count = rule.requiredApprovingReviewCount;
  if (count === undefined) unstated.push('how many approving reviews its pull request rule requires');
  else if (count < MIN_APPROVALS) missing.push(`requires ${plural(count, 'approving review', 'approving reviews')} (at least ${MIN_APPROVALS} needed)`);
  if (rule.dismissStaleReviewsOnPush === undefined) unstated.push('whether its pull request rule dismisses stale approvals');
  else if (!rule.dismissStaleReviewsOnPush) missing.push('does not dismiss stale approvals when new commits are pushed');
  if (ruleset.bypassActorCount > 0) missing.push(`has ${plural(ruleset.bypassActorCount, 'bypass actor', 'bypass actors')} who can merge without the required reviews`);
  return { label: rulesetLabel(ruleset), approvals: count ?? null, missing, unstated };
}

/** Every source that could require reviews: the classic rule (if any) and each enforced PULL_REQUEST rule. */
export function reviewSources(repo: GithubRepository): ReviewSource[] {
  return [
    ...(repo.branchProtection ? [classicReviewSource(repo.branchProtection)] : []),
    ...enforcedRulesOfType(repo, RULE_TYPES.pullRequest).map(({ ruleset, rule }) => rulesetReviewSource(ruleset, rule)),
  ];
}

export type ReviewAssessment =
  /** One source enforces everything on its own. */
  | { status: 'enforced'; source: ReviewSource }
  /** None is known to, but one lacks nothing except facts the evidence does not state. */
  | { status: 'unstated'; sources: ReviewSource[] }
  /** Every source (possibly none) lacks something. */
  | { status: 'missing'; sources: ReviewSource[] };

export function assessReviews(repo: GithubRepository): ReviewAssessment {
  const sources = reviewSources(repo);
  const enforced = sources.find((s) => s.missing.length === 0 && s.unstated.length === 0);
  if (enforced) return { status: 'enforced', source: enforced };
  if (sources.some((s) => s.missing.length === 0)) return { status: 'unstated', sources };
  return { status: 'missing', sources };
}
