import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import {
  branchProtection,
  githubContext,
  nonFastForwardRule,
  protectedRepository,
  pullRequestRule,
  repoId,
  repository,
  ruleset,
  withRepositories,
} from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const judge = (repo: ReturnType<typeof repository>) => {
  const findings = check.evaluate(withRepositories([repo]).build(), githubContext());
  expect(findings).toHaveLength(1);
  return findings[0];
};

describe('github.pull-request-reviews-required', () => {
  it('passes a classic rule with an approval, stale dismissal and administrators bound, citing the repository', () => {
    const builder = withRepositories([protectedRepository('api')]);
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings).toEqual([expect.objectContaining({ status: 'pass', resource: expect.objectContaining({ id: repoId('api') }), evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('api'))] })]);
    expect(findings[0]?.reason).toBe(
      'Pull requests into acme/api\'s default branch main need 1 approving review, stale approvals are dismissed on new commits and no one is exempt, through the classic branch protection rule "main".',
    );
  });

  it('passes an active ruleset with a pull request rule and no bypass actors', () => {
    const finding = judge(repository('api', { rulesets: [ruleset('reviews', { rules: [pullRequestRule({ requiredApprovingReviewCount: 2 })] })] }));
    expect(finding?.status).toBe('pass');
    expect(finding?.reason).toContain('need 2 approving reviews');
    expect(finding?.reason).toContain('the ruleset "reviews"');
  });

  it('passes when one source is complete even if another is not', () => {
    const repo = repository('api', { branchProtection: branchProtection({ isAdminEnforced: false }), rulesets: [ruleset('reviews')] });
    expect(judge(repo)).toMatchObject({ status: 'pass', reason: expect.stringContaining('the ruleset "reviews"') });
  });

  it('fails a classic rule that exempts administrators, saying exactly that', () => {
    const finding = judge(repository('api', { branchProtection: branchProtection({ isAdminEnforced: false }) }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain(
      'The classic branch protection rule "main" exempts administrators ("Do not allow bypassing the above settings" is off).',
    );
  });

  it('lists every gap of a classic rule', () => {
    const finding = judge(
      repository('api', { branchProtection: branchProtection({ requiredApprovingReviewCount: 0, dismissesStaleReviews: false, bypassPullRequestActorCount: 2 }) }),
    );
    expect(finding?.reason).toContain(
      'The classic branch protection rule "main" requires 0 approving reviews (at least 1 needed), does not dismiss stale approvals when new commits are pushed and lets 2 actors bypass its pull request requirements',
    );
  });

  it('fails a classic rule that does not require reviews at all', () => {
    const finding = judge(repository('api', { branchProtection: branchProtection({ requiresApprovingReviews: false, requiredApprovingReviewCount: null }) }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('does not require approving reviews before merging');
  });

  it('fails rulesets with bypass actors or without stale dismissal, naming each source and gap', () => {
    const repo = repository('api', {
      branchProtection: branchProtection({ isAdminEnforced: false }),
      rulesets: [ruleset('reviews', { bypassActorCount: 1 }), ruleset('org-reviews', { source: 'organization', rules: [pullRequestRule({ dismissStaleReviewsOnPush: false })] })],
    });
    const finding = judge(repo);
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('The classic branch protection rule "main" exempts administrators');
    expect(finding?.reason).toContain('The ruleset "reviews" has 1 bypass actor who can merge without the required reviews');
    expect(finding?.reason).toContain('The organization ruleset "org-reviews" does not dismiss stale approvals when new commits are pushed');
  });

  it('fails when nothing requires reviews, ignoring rulesets without a pull request rule', () => {
    const finding = judge(repository('api', { rulesets: [ruleset('no-force', { rules: [nonFastForwardRule()] })] }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^Changes can reach acme\/api's default branch main without an approved pull request: no classic branch protection rule or active ruleset/);
  });

  it('does not count a pull request rule in a ruleset that is not active, and says so', () => {
    const finding = judge(repository('api', { rulesets: [ruleset('trial', { enforcement: 'EVALUATE' })] }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('Not counted: the ruleset "trial" is in evaluate mode');
  });

  it('answers unknown when the classic rule requires reviews but GitHub did not give the count (null)', () => {
    const finding = judge(repository('api', { branchProtection: branchProtection({ requiredApprovingReviewCount: null }) }));
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain('does not state how many approving reviews it requires');
    expect(finding?.reason).toContain('Administration: read');
  });

  it('answers unknown when a ruleset pull request rule states no approval count, even if another source fails', () => {
    const repo = repository('api', {
      branchProtection: branchProtection({ isAdminEnforced: false }),
      rulesets: [ruleset('reviews', { rules: [{ type: 'PULL_REQUEST', dismissStaleReviewsOnPush: true }] })],
    });
    const finding = judge(repo);
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain('the ruleset "reviews" does not state how many approving reviews its pull request rule requires');
  });

  it('fails (not unknown) when the source with an unstated count also lacks something', () => {
    const finding = judge(repository('api', { branchProtection: branchProtection({ requiredApprovingReviewCount: null, isAdminEnforced: false }) }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('The classic branch protection rule "main" exempts administrators');
    expect(finding?.reason).toContain('is off) and does not state how many approving reviews it requires. Change it so that it requires at least 1 approving review');
  });

  it('is not_applicable for archived and empty repositories', () => {
    expect(judge(protectedRepository('old', { isArchived: true }))?.status).toBe('not_applicable');
    expect(judge(repository('new', { isEmpty: true, defaultBranch: null }))?.status).toBe('not_applicable');
  });

  describeUnavailableEvidence(check, () => withRepositories([protectedRepository('api')]), GITHUB_SETUP);
});
