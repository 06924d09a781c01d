import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, githubContext, repoId, repository, withRepositories } from '../testing/github-fixtures';
import { pass } from '../shared/verdict';
import { archivedVerdict, defaultBranchOf, evaluateRepositories } from './repositories';

describe('evaluateRepositories', () => {
  const { scope } = githubContext();

  it('judges each readable repository on its own resource and evidence', () => {
    const builder = withRepositories([repository('api'), repository('web')]);
    const findings = evaluateRepositories(builder.build(), scope, (r) => pass(r.nameWithOwner));
    expect(findings).toEqual([
      { resource: { id: repoId('api'), type: 'github:repository', name: 'acme/api' }, status: 'pass', reason: 'acme/api', evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('api'))] },
      { resource: { id: repoId('web'), type: 'github:repository', name: 'acme/web' }, status: 'pass', reason: 'acme/web', evidence: [builder.hashOf(GITHUB_KINDS.repository, repoId('web'))] },
    ]);
  });

  it('answers unknown for a malformed repository without calling the judge', () => {
    const builder = withRepositories([]).add(GITHUB_KINDS.repository, repoId('broken'), { ...repository('broken'), isArchived: 'no' });
    const findings = evaluateRepositories(builder.build(), scope, () => {
      throw new Error('judge must not see malformed data');
    });
    expect(findings).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ name: 'acme/broken' }) })]);
    expect(findings[0]?.reason).toContain('isArchived');
  });

  it('is not_applicable on the organization without repositories', () => {
    expect(evaluateRepositories(withRepositories([]).build(), scope, () => pass('x'))).toEqual([
      expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }) }),
    ]);
  });
});

describe('defaultBranchOf', () => {
  it('returns the default branch of an active, non-empty repository', () => {
    expect(defaultBranchOf(repository('api', { defaultBranch: 'trunk' }))).toEqual({ ok: true, branch: 'trunk' });
  });

  it('is not_applicable for archived (first) and empty repositories, unknown without a branch', () => {
    expect(defaultBranchOf(repository('a', { isArchived: true, isEmpty: true }))).toMatchObject({ ok: false, verdict: { status: 'not_applicable', reason: expect.stringContaining('archived') } });
    expect(defaultBranchOf(repository('e', { isEmpty: true, defaultBranch: null }))).toMatchObject({ ok: false, verdict: { status: 'not_applicable', reason: expect.stringContaining('empty') } });
    expect(defaultBranchOf(repository('x', { defaultBranch: null }))).toMatchObject({ ok: false, verdict: { status: 'unknown' } });
  });

  it('leaves active repositories to the check', () => {
    expect(archivedVerdict(repository('api'))).toBeNull();
  });
});
