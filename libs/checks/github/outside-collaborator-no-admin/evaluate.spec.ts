import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, githubContext, outsideCollaborator, userId, withOutsideCollaborators } from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...collaborators: Parameters<typeof withOutsideCollaborators>[0]) => check.evaluate(withOutsideCollaborators(collaborators).build(), githubContext());

describe('github.outside-collaborator-no-admin', () => {
  it('judges each outside collaborator once, on the user, citing their evidence', () => {
    const builder = withOutsideCollaborators([
      outsideCollaborator('writer', [['api', 'WRITE'], ['docs', 'READ']]),
      outsideCollaborator('contractor', [['api', 'ADMIN']]),
    ]);
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userId('writer'), 'pass'],
      [userId('contractor'), 'fail'],
    ]);
    expect(findings[0]).toMatchObject({ resource: { type: 'github:user', name: 'writer' }, evidence: [builder.hashOf(GITHUB_KINDS.outsideCollaborator, userId('writer'))] });
    expect(findings[0]?.reason).toContain('2 repositories, at most write');
  });

  it('fails naming every repository the collaborator administers and how to lower the role', () => {
    const [finding] = evaluate(outsideCollaborator('contractor', [['api', 'ADMIN'], ['web', 'MAINTAIN'], ['infra', 'ADMIN']]));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^Outside collaborator contractor has admin access to acme\/api and acme\/infra\./);
    expect(finding?.reason).toContain('Settings → Collaborators and teams');
  });

  it('passes a collaborator who can reach no repository', () => {
    expect(evaluate(outsideCollaborator('idle'))[0]).toMatchObject({ status: 'pass', reason: expect.stringContaining('no repository') });
  });

  it('is not_applicable on the organization when there are no outside collaborators', () => {
    expect(evaluate()).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }) })]);
  });

  it('answers unknown for a collaborator whose repositories GitHub did not give (null), on that user only', () => {
    const builder = withOutsideCollaborators([outsideCollaborator('writer', [['api', 'WRITE']])]).add(GITHUB_KINDS.outsideCollaborator, userId('ghost'), {
      ...outsideCollaborator('ghost'),
      repositories: null,
    });
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userId('writer'), 'pass'],
      [userId('ghost'), 'unknown'],
    ]);
    expect(findings[1]?.reason).toContain('repositories');
  });

  describeUnavailableEvidence(check, () => withOutsideCollaborators([outsideCollaborator('writer', [['api', 'WRITE']])]), GITHUB_SETUP);
});
