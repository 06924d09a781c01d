import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { githubContext, repoId, repository, withRepositories } from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const judge = (repo: ReturnType<typeof repository>) => {
  const findings = check.evaluate(withRepositories([repo]).build(), githubContext());
  expect(findings).toHaveLength(1);
  return findings[0];
};

describe('github.dependabot-alerts-enabled', () => {
  it('passes when Dependabot alerts are enabled, on the repository, citing its evidence', () => {
    const builder = withRepositories([repository('api')]);
    const [finding] = check.evaluate(builder.build(), githubContext());
    expect(finding).toMatchObject({ status: 'pass', resource: { id: repoId('api'), type: 'github:repository' }, evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('api'))] });
  });

  it('fails when they are disabled, saying where to enable them', () => {
    const finding = judge(repository('api', { vulnerabilityAlertsEnabled: false }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^Dependabot alerts are disabled on acme\/api/);
    expect(finding?.reason).toContain('Settings → Code security → Dependabot alerts');
  });

  it('answers unknown (never fail) when GitHub did not report them, naming the admin access it needs', () => {
    const finding = judge(repository('api', { vulnerabilityAlertsEnabled: null }));
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toMatch(/^GitHub did not report whether Dependabot alerts are enabled on acme\/api/);
    expect(finding?.reason).toContain('admin access to the repository');
  });

  it('is not_applicable for an archived repository (GitHub turns alerts off on archive)', () => {
    expect(judge(repository('old', { isArchived: true, vulnerabilityAlertsEnabled: false }))?.status).toBe('not_applicable');
  });

  describeUnavailableEvidence(check, () => withRepositories([repository('api')]), GITHUB_SETUP);
});
