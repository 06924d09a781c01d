import { ENTRA_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ENTRA_SETUP, TENANT_RESOURCE_ID, daysAgo, entraContext, guest, member, userId, withUsers } from '../../src/testing/entra-id-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...entries: Parameters<typeof withUsers>[0]) => check.evaluate(withUsers(entries).build(), entraContext());

describe('entra.stale-guests', () => {
  it('judges each enabled guest by its last sign-in, naming it by its home address', () => {
    const builder = withUsers([{ user: guest('jo'), lastSignInDaysAgo: 10 }, { user: guest('old', 'vendor.net'), lastSignInDaysAgo: 300 }, member('ann')]);
    const findings = check.evaluate(builder.build(), entraContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userId('jo'), 'pass'],
      [userId('old'), 'fail'],
    ]);
    expect(findings[1]).toMatchObject({ resource: { type: 'entra-id:user', name: 'old_vendor.net#EXT#@contoso.onmicrosoft.com' } });
    expect(findings[1]?.reason).toMatch(/^old@vendor\.net \(guest\) is enabled but last signed in 300 days ago/);
    expect(findings[1]?.reason).toContain('sponsor');
    expect(findings[1]?.evidence).toContain(builder.hashOf(ENTRA_KINDS.userSignInActivity, userId('old')));
  });

  it('fails an invitation never accepted after 90 days, saying so', () => {
    const [finding] = evaluate({ user: guest('pending', 'agency.co', { externalUserState: 'PendingAcceptance', createdDateTime: daysAgo(120) }), lastSignInDaysAgo: null });
    expect(finding).toMatchObject({ status: 'fail', reason: expect.stringContaining('has never signed in and never accepted its invitation since it was created 120 days ago') });
  });

  it('is not_applicable for disabled guests, and on the tenant when there are no guests', () => {
    expect(evaluate({ user: guest('gone', 'x.org', { accountEnabled: false }), lastSignInDaysAgo: 500 })[0]).toMatchObject({ status: 'not_applicable', resource: { id: userId('gone') } });
    expect(evaluate(member('ann'))).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }), reason: 'The tenant Contoso has no guest accounts.' })]);
  });

  it('answers unknown for a guest without a sign-in record', () => {
    expect(evaluate({ user: guest('jo'), signIn: 'none' })[0]?.status).toBe('unknown');
  });

  describeUnavailableEvidence(check, () => withUsers([guest('jo'), member('ann')]), ENTRA_SETUP);
});
