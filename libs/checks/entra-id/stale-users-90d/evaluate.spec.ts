import { ENTRA_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ENTRA_SETUP, TENANT_RESOURCE_ID, daysAgo, entraContext, guest, member, userId, withUsers } from '../../src/testing/entra-id-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...entries: Parameters<typeof withUsers>[0]) => check.evaluate(withUsers(entries).build(), entraContext());

describe('entra.stale-users-90d', () => {
  it('passes a member active within 90 days and fails one idle for longer, on each user, citing the sign-in record', () => {
    const builder = withUsers([{ user: member('ann'), lastSignInDaysAgo: 3 }, { user: member('idle'), lastSignInDaysAgo: 120 }]);
    const findings = check.evaluate(builder.build(), entraContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userId('ann'), 'pass'],
      [userId('idle'), 'fail'],
    ]);
    expect(findings[0]?.reason).toBe('ann@contoso.onmicrosoft.com last signed in 3 days ago (2026-05-29).');
    expect(findings[1]?.reason).toMatch(/^idle@contoso\.onmicrosoft\.com is enabled but last signed in 120 days ago \(2026-02-01\), more than 90 days ago\. Confirm with their manager/);
    expect(findings[1]?.evidence).toEqual([builder.hashOf(ENTRA_KINDS.user, userId('idle')), builder.hashOf(ENTRA_KINDS.userSignInActivity, userId('idle'))]);
  });

  it('counts exactly 90 days as recent and 91 as stale', () => {
    expect(evaluate({ user: member('a'), lastSignInDaysAgo: 90 })[0]?.status).toBe('pass');
    expect(evaluate({ user: member('b'), lastSignInDaysAgo: 91 })[0]?.status).toBe('fail');
  });

  it('uses the last successful sign-in, falling back to the later of interactive and non-interactive', () => {
    // A failed attempt yesterday does not make an account idle for 200 days active.
    expect(evaluate({ user: member('a'), signIn: { lastSignInDateTime: daysAgo(1), lastSuccessfulSignInDateTime: daysAgo(200) } })[0]?.status).toBe('fail');
    // Non-interactive use (a sync client) counts when no successful sign-in was recorded.
    expect(evaluate({ user: member('b'), signIn: { lastSignInDateTime: daysAgo(300), lastNonInteractiveSignInDateTime: daysAgo(5), lastSuccessfulSignInDateTime: null } })[0]?.status).toBe('pass');
  });

  it('fails an account never used since it was created more than 90 days ago, and gives a new one time', () => {
    const [old] = evaluate({ user: member('old', { createdDateTime: daysAgo(150) }), lastSignInDaysAgo: null });
    expect(old).toMatchObject({ status: 'fail', reason: expect.stringContaining('has never signed in since it was created 150 days ago') });
    const [fresh] = evaluate({ user: member('new', { createdDateTime: daysAgo(5) }), lastSignInDaysAgo: null });
    expect(fresh).toMatchObject({ status: 'pass', reason: expect.stringContaining('has not signed in yet; it is judged once it is 90 days old') });
    const [ageless] = evaluate({ user: member('system', { createdDateTime: null }), lastSignInDaysAgo: null });
    expect(ageless?.status).toBe('unknown');
  });

  it('is not_applicable for disabled members and leaves guests to entra.stale-guests', () => {
    expect(evaluate({ user: member('gone', { accountEnabled: false }), lastSignInDaysAgo: 400 }, { user: guest('jo'), lastSignInDaysAgo: 400 })).toEqual([
      expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: userId('gone') }) }),
    ]);
  });

  it('answers unknown for a member without a sign-in record, on that member only', () => {
    const findings = evaluate(member('ann'), { user: member('ghost'), signIn: 'none' });
    expect(findings.map((f) => f.status)).toEqual(['pass', 'unknown']);
    expect(findings[1]?.reason).toContain('no sign-in activity record');
  });

  it('answers not_applicable on the tenant with no members and unknown with no users', () => {
    expect(evaluate(guest('jo'))[0]).toMatchObject({ status: 'not_applicable', resource: { id: TENANT_RESOURCE_ID } });
    expect(evaluate()[0]).toMatchObject({ status: 'unknown', resource: { id: TENANT_RESOURCE_ID } });
  });

  describeUnavailableEvidence(check, () => withUsers([member('ann'), member('bob')]), ENTRA_SETUP);
});
