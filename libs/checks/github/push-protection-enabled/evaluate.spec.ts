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

describe('github.push-protection-enabled', () => {
  it('passes when push protection is enabled, on the repository, citing its evidence', () => {
    const builder = withRepositories([repository('api')]);
    const [finding] = check.evaluate(builder.build(), githubContext());
    expect(finding).toMatchObject({ status: 'pass', resource: { id: repoId('api'), type: 'github:repository' }, evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('api'))] });
  });

  it('fails when push protection is disabled, saying where to enable it', () => {
    const finding = judge(repository('api', { secretScanningPushProtection: 'disabled' }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^Push protection is disabled on acme\/api, so a push containing a credential is accepted/);
    expect(finding?.reason).toContain('Settings → Code security → Push protection');
  });

  it('says that secret scanning must be enabled too when it is off', () => {
    const finding = judge(repository('api', { secretScanning: 'disabled', secretScanningPushProtection: 'disabled' }));
    expect(finding?.reason).toContain('Secret scanning, which push protection builds on, is disabled too: enable both');
  });

  it('answers unknown (never fail) when GitHub did not report push protection, naming the access it needs', () => {
    const finding = judge(repository('api', { secretScanning: null, secretScanningPushProtection: null }));
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toMatch(/^GitHub did not report whether secret scanning push protection is enabled on acme\/api/);
    expect(finding?.reason).toContain('Administration: read');
  });

  it('is not_applicable for an archived repository', () => {
    expect(judge(repository('old', { isArchived: true, secretScanningPushProtection: 'disabled' }))).toMatchObject({ status: 'not_applicable', reason: expect.stringContaining('archived') });
  });

  describeUnavailableEvidence(check, () => withRepositories([repository('api')]), GITHUB_SETUP);
});
