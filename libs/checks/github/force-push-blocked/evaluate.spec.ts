import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { branchProtection, githubContext, nonFastForwardRule, protectedRepository, pullRequestRule, repoId, repository, ruleset, withRepositories } from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const judge = (repo: ReturnType<typeof repository>) => {
  const findings = check.evaluate(withRepositories([repo]).build(), githubContext());
  expect(findings).toHaveLength(1);
  return findings[0];
};

describe('github.force-push-blocked', () => {
  it('passes when the classic rule does not allow force pushes, citing the repository', () => {
    const builder = withRepositories([protectedRepository('api')]);
    const [finding] = check.evaluate(builder.build(), githubContext());
    expect(finding).toMatchObject({ status: 'pass', resource: { id: repoId('api'), type: 'github:repository' }, evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('api'))] });
    expect(finding?.reason).toBe('Force pushes to acme/api\'s default branch main are blocked by the classic branch protection rule "main".');
  });

  it('passes with an active ruleset that blocks force pushes, whatever its rule type spelling', () => {
    expect(judge(repository('api', { rulesets: [ruleset('no-force', { rules: [nonFastForwardRule()] })] }))?.reason).toContain('the ruleset "no-force"');
    expect(judge(repository('api', { rulesets: [ruleset('rest', { rules: [{ type: 'non_fast_forward' }] })] }))?.status).toBe('pass');
  });

  it('passes when a ruleset blocks what the classic rule allows', () => {
    const repo = repository('api', { branchProtection: branchProtection({ allowsForcePushes: true }), rulesets: [ruleset('no-force')] });
    expect(judge(repo)?.status).toBe('pass');
  });

  it('fails when the classic rule allows force pushes and no ruleset blocks them, naming the rule', () => {
    const finding = judge(repository('api', { branchProtection: branchProtection({ allowsForcePushes: true }), rulesets: [ruleset('reviews', { rules: [pullRequestRule()] })] }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('the classic branch protection rule "main" allows force pushes and no active ruleset blocks them');
    expect(finding?.reason).toContain('Block force pushes');
  });

  it('fails an unprotected default branch', () => {
    const finding = judge(repository('api'));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^Force pushes to acme\/api's default branch main are allowed: no classic branch protection rule or active ruleset blocks them/);
  });

  it('does not count a force-push block in a ruleset that is not active, and says so', () => {
    const finding = judge(repository('api', { rulesets: [ruleset('off', { enforcement: 'DISABLED', rules: [nonFastForwardRule()] })] }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('Not counted: the ruleset "off" is disabled');
  });

  it('is not_applicable for archived and empty repositories', () => {
    expect(judge(repository('old', { isArchived: true }))?.status).toBe('not_applicable');
    expect(judge(repository('new', { isEmpty: true, defaultBranch: null }))?.status).toBe('not_applicable');
  });

  it('answers unknown when GitHub did not report the default branch (null) of a non-empty repository', () => {
    expect(judge(protectedRepository('api', { defaultBranch: null }))?.status).toBe('unknown');
  });

  describeUnavailableEvidence(check, () => withRepositories([protectedRepository('api'), repository('web')]), GITHUB_SETUP);
});
