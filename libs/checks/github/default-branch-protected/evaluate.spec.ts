import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, branchProtection, githubContext, protectedRepository, repoId, repository, ruleset, withRepositories } from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...repos: Parameters<typeof withRepositories>[0]) => check.evaluate(withRepositories(repos).build(), githubContext());
const only = (...repos: Parameters<typeof withRepositories>[0]) => {
  const findings = evaluate(...repos);
  expect(findings).toHaveLength(1);
  return findings[0];
};

describe('github.default-branch-protected', () => {
  it('judges each repository once, on the repository, citing its evidence', () => {
    const builder = withRepositories([protectedRepository('api'), repository('web')]);
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [repoId('api'), 'pass'],
      [repoId('web'), 'fail'],
    ]);
    expect(findings[0]).toMatchObject({ resource: { type: 'github:repository', name: 'acme/api' }, evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('api'))] });
    expect(findings[0]?.reason).toBe('acme/api protects its default branch main with the classic branch protection rule "main".');
  });

  it('passes with an active ruleset alone, naming it (and its organization source)', () => {
    expect(only(repository('api', { rulesets: [ruleset('main-rules')] }))?.reason).toContain('the ruleset "main-rules"');
    expect(only(repository('api', { rulesets: [ruleset('org-wide', { source: 'organization' })] }))).toMatchObject({
      status: 'pass',
      reason: expect.stringContaining('the organization ruleset "org-wide"'),
    });
  });

  it('passes with a classic rule that enforces little: protection exists (other checks judge its settings)', () => {
    expect(only(repository('api', { branchProtection: branchProtection({ requiresApprovingReviews: false, allowsForcePushes: true }) }))?.status).toBe('pass');
  });

  it('fails an unprotected default branch, naming the branch and how to protect it', () => {
    const finding = only(repository('api', { defaultBranch: 'trunk' }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^acme\/api has no branch protection rule and no active ruleset on its default branch trunk/);
    expect(finding?.reason).toContain('Settings → Rules → Rulesets');
  });

  it('does not count rulesets in evaluate mode, disabled or without rules, and says why', () => {
    const finding = only(
      repository('api', {
        rulesets: [ruleset('trial', { enforcement: 'EVALUATE' }), ruleset('old', { enforcement: 'DISABLED' }), ruleset('empty', { rules: [] })],
      }),
    );
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('the ruleset "trial" is in evaluate mode, which only reports');
    expect(finding?.reason).toContain('the ruleset "old" is disabled');
    expect(finding?.reason).toContain('the ruleset "empty" is active but has no rules');
  });

  it('is not_applicable for archived and for empty repositories', () => {
    expect(only(repository('old', { isArchived: true }))).toMatchObject({ status: 'not_applicable', reason: expect.stringContaining('archived') });
    expect(only(repository('new', { isEmpty: true, defaultBranch: null }))).toMatchObject({ status: 'not_applicable', reason: expect.stringContaining('empty') });
  });

  it('is not_applicable on the organization when it has no repositories', () => {
    expect(evaluate()).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }) })]);
  });

  it('answers unknown when GitHub did not report the default branch of a non-empty repository', () => {
    const finding = only(repository('api', { defaultBranch: null }));
    expect(finding).toMatchObject({ status: 'unknown', resource: { id: repoId('api') } });
    expect(finding?.reason).toContain('did not report the default branch of acme/api');
  });

  it('answers unknown for a malformed repository, on that repository only', () => {
    const builder = withRepositories([protectedRepository('api')]).add(GITHUB_KINDS.repository, repoId('broken'), { nameWithOwner: 'acme/broken' });
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [repoId('api'), 'pass'],
      [repoId('broken'), 'unknown'],
    ]);
    expect(findings[1]?.resource).toEqual({ id: repoId('broken'), type: 'github:repository', name: 'acme/broken' });
  });

  describeUnavailableEvidence(check, () => withRepositories([protectedRepository('api'), repository('docs', { isArchived: true })]), GITHUB_SETUP);
});
