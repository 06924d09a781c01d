import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, githubContext, organization, withOrganization } from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (data: unknown) => check.evaluate(withOrganization(data).build(), githubContext());

describe('github.default-repo-permission-restricted', () => {
  it.each(['read', 'none'] as const)('passes with base permission %s, on the organization', (permission) => {
    const builder = withOrganization(organization({ defaultRepositoryPermission: permission }));
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings).toEqual([
      expect.objectContaining({ status: 'pass', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }), evidence: [builder.hashOf(GITHUB_KINDS.organization, ORG_RESOURCE_ID)] }),
    ]);
    expect(findings[0]?.reason).toContain(`"${permission}"`);
  });

  it.each(['write', 'admin'] as const)('fails with base permission %s, saying what to set', (permission) => {
    const [finding] = evaluate(organization({ defaultRepositoryPermission: permission }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain(`gives every member "${permission}" access to every repository`);
    expect(finding?.reason).toContain('Settings → Member privileges → Base permissions');
  });

  it('answers unknown when GitHub did not report the base permission, naming the owner access it needs', () => {
    const [finding] = evaluate(organization({ defaultRepositoryPermission: null }));
    expect(finding).toMatchObject({ status: 'unknown', resource: { id: ORG_RESOURCE_ID } });
    expect(finding?.reason).toMatch(/^GitHub did not report the base repository permission of the organization acme/);
    expect(finding?.reason).toContain('organization owners');
  });

  it('answers unknown for a malformed organization observation', () => {
    expect(evaluate({ ...organization(), defaultRepositoryPermission: 'maintain' })[0]?.status).toBe('unknown');
  });

  it('never answers not_applicable', () => {
    for (const p of ['read', 'none', 'write', 'admin', null] as const) expect(evaluate(organization({ defaultRepositoryPermission: p }))[0]?.status).not.toBe('not_applicable');
  });

  describeUnavailableEvidence(check, () => withOrganization(), GITHUB_SETUP);
});
