import { ENTRA_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ENTRA_SETUP, TENANT_RESOURCE_ID, entraContext, guest, member, userId, withUsers } from '../../src/testing/entra-id-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...entries: Parameters<typeof withUsers>[0]) => check.evaluate(withUsers(entries).build(), entraContext());

describe('entra.user-mfa-registered', () => {
  it('judges each member once, on the user, citing the user and the registration row', () => {
    const ann = member('ann');
    const builder = withUsers([ann, { user: member('bob'), registration: { isMfaRegistered: false, isMfaCapable: false, methodsRegistered: [] } }]);
    const findings = check.evaluate(builder.build(), entraContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userId('ann'), 'pass'],
      [userId('bob'), 'fail'],
    ]);
    expect(findings[0]).toMatchObject({
      resource: { type: 'entra-id:user', name: 'ann@contoso.onmicrosoft.com' },
      reason: 'ann@contoso.onmicrosoft.com can complete MFA (registered: microsoftAuthenticatorPush).',
      evidence: [builder.hashOf(ENTRA_KINDS.user, userId('ann')), builder.hashOf(ENTRA_KINDS.mfaRegistration, userId('ann'))],
    });
  });

  it('fails a member with no method, saying how to register', () => {
    const [finding] = evaluate({ user: member('bob'), registration: { isMfaRegistered: false, isMfaCapable: false, methodsRegistered: ['email'], isAdmin: true } });
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^bob@contoso\.onmicrosoft\.com \(an administrator\) has no MFA method registered \(registered: email\)/);
    expect(finding?.reason).toContain('https://aka.ms/mysecurityinfo');
  });

  it('fails a member registered only with methods the policy disallows', () => {
    const [finding] = evaluate({ user: member('tom'), registration: { isMfaRegistered: true, isMfaCapable: false, methodsRegistered: ['mobilePhone'] } });
    expect(finding).toMatchObject({ status: 'fail', reason: expect.stringContaining('registered only methods the authentication methods policy does not allow (mobilePhone)') });
  });

  it('is not_applicable for disabled members and does not judge guests', () => {
    const findings = evaluate(member('gone', { accountEnabled: false }), guest('jo'));
    expect(findings).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: userId('gone') }), reason: expect.stringContaining('disabled') })]);
  });

  it('answers not_applicable on the tenant when it has only guests', () => {
    expect(evaluate(guest('jo'))).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
  });

  it('answers unknown for a member missing from the report, or a malformed row, on that user only', () => {
    const builder = withUsers([member('ann'), { user: member('new'), registration: 'none' }, { user: member('odd'), registration: 'none' }]);
    builder.add(ENTRA_KINDS.mfaRegistration, userId('odd'), { id: 'x' });
    const findings = check.evaluate(builder.build(), entraContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userId('ann'), 'pass'],
      [userId('new'), 'unknown'],
      [userId('odd'), 'unknown'],
    ]);
    expect(findings[1]?.reason).toContain('not in the authentication methods registration report yet');
    expect(findings[2]?.evidence).toContain(builder.hashOf(ENTRA_KINDS.mfaRegistration, userId('odd')));
  });

  it('answers unknown on the tenant when the user list is empty', () => {
    expect(evaluate()).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ id: TENANT_RESOURCE_ID }) })]);
  });

  describeUnavailableEvidence(check, () => withUsers([member('ann'), member('bob')]), ENTRA_SETUP);
});
