import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, githubContext, organization, withOrganization } from '../../src/testing/github-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (data: unknown) => check.evaluate(withOrganization(data).build(), githubContext());

describe('github.org-2fa-required', () => {
  it('passes on the organization when 2FA is required, citing the organization evidence', () => {
    const builder = withOrganization(organization({ twoFactorRequirementEnabled: true }));
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings).toEqual([
      {
        resource: { id: ORG_RESOURCE_ID, type: 'github:organization', name: 'acme' },
        status: 'pass',
        reason: expect.stringContaining('acme requires two-factor authentication'),
        evidence: [builder.hashOf(GITHUB_KINDS.organization, ORG_RESOURCE_ID)],
      },
    ]);
  });

  it('fails when 2FA is not required, saying where to turn it on', () => {
    const [finding] = evaluate(organization({ twoFactorRequirementEnabled: false }));
    expect(finding).toMatchObject({ status: 'fail', resource: { id: ORG_RESOURCE_ID } });
    expect(finding?.reason).toMatch(/^The organization acme does not require two-factor authentication/);
    expect(finding?.reason).toContain('Settings → Authentication security → Require two-factor authentication');
  });

  it('answers unknown (never fail) when GitHub did not report the setting, naming the owner access it needs', () => {
    const [finding] = evaluate(organization({ twoFactorRequirementEnabled: null }));
    expect(finding).toMatchObject({ status: 'unknown', resource: { id: ORG_RESOURCE_ID } });
    expect(finding?.reason).toMatch(/^GitHub did not report whether the organization acme requires two-factor authentication/);
    expect(finding?.reason).toContain('organization owners');
    expect(finding?.reason).toContain('Administration: read');
  });

  it('answers unknown on the scope when the organization observation is missing, duplicated or malformed', () => {
    const missing = check.evaluate(evidenceBuilder().collected(GITHUB_KINDS.organization).build(), githubContext());
    expect(missing).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }), evidence: [] })]);
    expect(missing[0]?.reason).toContain('no observation');

    const twice = withOrganization(organization()).add(GITHUB_KINDS.organization, 'github:org/other', organization({ login: 'other' }));
    const [duplicate] = check.evaluate(twice.build(), githubContext());
    expect(duplicate?.status).toBe('unknown');
    expect(duplicate?.reason).toContain('for the organization but found 2');

    const [malformed] = evaluate({ login: 'acme', twoFactorRequirementEnabled: 'yes' });
    expect(malformed).toMatchObject({ status: 'unknown', resource: { id: ORG_RESOURCE_ID } });
    expect(malformed?.reason).toContain('malformed');
  });

  it('never answers not_applicable', () => {
    for (const required of [true, false, null]) expect(evaluate(organization({ twoFactorRequirementEnabled: required }))[0]?.status).not.toBe('not_applicable');
  });

  describeUnavailableEvidence(check, () => withOrganization(), GITHUB_SETUP);
});
