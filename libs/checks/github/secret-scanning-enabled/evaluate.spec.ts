import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, githubContext, repoId, repository, withRepositories } from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const judge = (repo: ReturnType<typeof repository>) => {
  const findings = check.evaluate(withRepositories([repo]).build(), githubContext());
  expect(findings).toHaveLength(1);
  return findings[0];
};

describe('github.secret-scanning-enabled', () => {
  it('judges each repository once, citing its evidence', () => {
    const builder = withRepositories([repository('api'), repository('web', { secretScanning: 'disabled' })]);
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [repoId('api'), 'pass'],
      [repoId('web'), 'fail'],
    ]);
    expect(findings[0]).toMatchObject({ resource: { type: 'github:repository', name: 'acme/api' }, evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('api'))] });
  });

  it('fails a private repository without secret scanning, mentioning the licence it needs', () => {
    const finding = judge(repository('web', { secretScanning: 'disabled' }));
    expect(finding?.reason).toMatch(/^Secret scanning is disabled on acme\/web, so credentials committed to it are not detected/);
    expect(finding?.reason).toContain('(on a private repository it needs GitHub Secret Protection or Advanced Security)');
  });

  it('fails a public repository without the licence remark (secret scanning is free there)', () => {
    const finding = judge(repository('site', { visibility: 'PUBLIC', secretScanning: 'disabled' }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).not.toContain('Advanced Security');
  });

  it('answers unknown (never fail) when GitHub did not report the setting, naming the access it needs', () => {
    const finding = judge(repository('api', { secretScanning: null }));
    expect(finding).toMatchObject({ status: 'unknown', resource: { id: repoId('api') } });
    expect(finding?.reason).toMatch(/^GitHub did not report whether secret scanning is enabled on acme\/api/);
    expect(finding?.reason).toContain('repository admins, organization owners and security managers');
  });

  it('is not_applicable for an archived repository, and on the organization without repositories', () => {
    expect(judge(repository('old', { isArchived: true, secretScanning: 'disabled' }))?.status).toBe('not_applicable');
    expect(check.evaluate(withRepositories([]).build(), githubContext())).toEqual([
      expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }) }),
    ]);
  });

  it('judges empty repositories too: the setting applies before the first push', () => {
    expect(judge(repository('new', { isEmpty: true, defaultBranch: null, secretScanning: 'disabled' }))?.status).toBe('fail');
  });

  describeUnavailableEvidence(check, () => withRepositories([repository('api'), repository('old', { isArchived: true })]), GITHUB_SETUP);
});
