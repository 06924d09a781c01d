import { describe, expect, it } from 'vitest';
import { branchProtection, nonFastForwardRule, pullRequestRule, repository, ruleset } from '../testing/github-fixtures';
import { assessReviews, classicReviewSource, reviewSources, rulesetReviewSource } from './review-requirements';

describe('classicReviewSource', () => {
  it('lacks nothing for a rule with an approval, stale dismissal, admins bound and no bypass list', () => {
    expect(classicReviewSource(branchProtection())).toEqual({ label: 'the classic branch protection rule "main"', approvals: 1, missing: [], unstated: [] });
  });

  it('names each missing requirement', () => {
    const source = classicReviewSource(branchProtection({ requiresApprovingReviews: false, dismissesStaleReviews: false, isAdminEnforced: false, bypassPullRequestActorCount: 1 }));
    expect(source.approvals).toBeNull();
    expect(source.missing).toEqual([
      'does not require approving reviews before merging',
      'does not dismiss stale approvals when new commits are pushed',
      'exempts administrators ("Do not allow bypassing the above settings" is off)',
      'lets 1 actor bypass its pull request requirements',
    ]);
  });

  it('counts 0 required approvals as missing, and a null count (reviews required) as unstated', () => {
    expect(classicReviewSource(branchProtection({ requiredApprovingReviewCount: 0 })).missing).toEqual(['requires 0 approving reviews (at least 1 needed)']);
    expect(classicReviewSource(branchProtection({ requiredApprovingReviewCount: null }))).toMatchObject({ missing: [], unstated: ['how many approving reviews it requires'] });
  });
});

describe('rulesetReviewSource', () => {
  it('lacks nothing for a pull request rule with an approval and stale dismissal in a ruleset without bypass', () => {
    expect(rulesetReviewSource(ruleset('r'), pullRequestRule({ requiredApprovingReviewCount: 2 }))).toEqual({ label: 'the ruleset "r"', approvals: 2, missing: [], unstated: [] });
  });

  it('names bypass actors, missing approvals and stale approvals, and what the rule does not state', () => {
    expect(rulesetReviewSource(ruleset('r', { bypassActorCount: 3 }), pullRequestRule({ requiredApprovingReviewCount: 0, dismissStaleReviewsOnPush: false })).missing).toEqual([
      'requires 0 approving reviews (at least 1 needed)',
      'does not dismiss stale approvals when new commits are pushed',
      'has 3 bypass actors who can merge without the required reviews',
    ]);
    expect(rulesetReviewSource(ruleset('r'), { type: 'PULL_REQUEST' }).unstated).toEqual([
      'how many approving reviews its pull request rule requires',
      'whether its pull request rule dismisses stale approvals',
    ]);
  });
});

describe('assessReviews', () => {
  it('collects the classic rule and every enforced pull request rule, nothing else', () => {
    const repo = repository('api', {
      branchProtection: branchProtection(),
      rulesets: [ruleset('a'), ruleset('b', { rules: [nonFastForwardRule()] }), ruleset('c', { enforcement: 'EVALUATE' })],
    });
    expect(reviewSources(repo).map((s) => s.label)).toEqual(['the classic branch protection rule "main"', 'the ruleset "a"']);
  });

  it('is enforced when one source is complete on its own', () => {
    const repo = repository('api', { branchProtection: branchProtection({ isAdminEnforced: false }), rulesets: [ruleset('a')] });
    expect(assessReviews(repo)).toMatchObject({ status: 'enforced', source: { label: 'the ruleset "a"' } });
  });

  it('does not combine sources: each lacking a different thing is still missing', () => {
    const repo = repository('api', {
      branchProtection: branchProtection({ isAdminEnforced: false }),
      rulesets: [ruleset('a', { rules: [pullRequestRule({ dismissStaleReviewsOnPush: false })] })],
    });
    expect(assessReviews(repo).status).toBe('missing');
  });

  it('is unstated when a source lacks nothing but facts the evidence does not give', () => {
    const repo = repository('api', { branchProtection: branchProtection({ requiredApprovingReviewCount: null }), rulesets: [ruleset('a', { bypassActorCount: 1 })] });
    expect(assessReviews(repo).status).toBe('unstated');
  });

  it('is missing with no sources at all', () => {
    expect(assessReviews(repository('api'))).toEqual({ status: 'missing', sources: [] });
  });
});
