import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, githubContext, member, owner, userId, withMembers } from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...members: Parameters<typeof withMembers>[0]) => check.evaluate(withMembers(members).build(), githubContext());

describe('github.member-2fa-enabled', () => {
  it('judges each member once, on the user, citing that member\'s evidence', () => {
    const builder = withMembers([owner('alice'), member('bob', { twoFactorEnabled: false }), member('carol', { twoFactorEnabled: null })]);
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userId('alice'), 'pass'],
      [userId('bob'), 'fail'],
      [userId('carol'), 'unknown'],
    ]);
    expect(findings[0]).toMatchObject({ resource: { type: 'github:user', name: 'alice' }, evidence: [builder.hashOf(GITHUB_KINDS.member, userId('alice'))] });
  });

  it('fails a member without 2FA, telling how to fix it', () => {
    const [finding] = evaluate(member('bob', { twoFactorEnabled: false }));
    expect(finding?.reason).toMatch(/^bob \(a member of acme\) has no two-factor authentication/);
    expect(finding?.reason).toContain('Settings → Password and authentication');
  });

  it('says when a member without 2FA is an owner', () => {
    const [finding] = evaluate(owner('root', { twoFactorEnabled: false }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^root \(an owner of acme\).*every organization setting/);
  });

  it('answers unknown (never fail) when GitHub did not report 2FA state, naming the owner-only filter', () => {
    const [finding] = evaluate(member('carol', { twoFactorEnabled: null }));
    expect(finding?.status).toBe('unknown');
    expect(finding?.reason).toContain('2fa_disabled');
    expect(finding?.reason).toContain("organization owner's token");
  });

  it('answers unknown on the organization when the member list is empty (every organization has an owner)', () => {
    expect(evaluate()).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }) })]);
  });

  it('answers unknown for a malformed member on that member only', () => {
    const builder = withMembers([member('alice')]).add(GITHUB_KINDS.member, userId('broken'), { login: 'broken', role: 'admin' });
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings.map((f) => [f.resource.id, f.status])).toEqual([
      [userId('alice'), 'pass'],
      [userId('broken'), 'unknown'],
    ]);
    expect(findings[1]).toMatchObject({ resource: { type: 'github:user', name: 'broken' } });
  });

  it('never answers not_applicable', () => {
    expect(evaluate(member('a'), member('b', { twoFactorEnabled: false }), member('c', { twoFactorEnabled: null })).map((f) => f.status)).not.toContain('not_applicable');
  });

  describeUnavailableEvidence(check, () => withMembers([owner('alice'), member('bob')]), GITHUB_SETUP);
});
