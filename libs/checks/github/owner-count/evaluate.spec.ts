import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, githubContext, member, owner, userId, withMembers } from '../../src/testing/github-fixtures';
import { GITHUB_SETUP, describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const owners = (n: number) => Array.from({ length: n }, (_, i) => owner(`owner-${i + 1}`));
const evaluate = (...members: Parameters<typeof withMembers>[0]) => check.evaluate(withMembers(members).build(), githubContext());

describe('github.owner-count', () => {
  it.each([2, 3])('passes with %i owners: one finding on the organization citing every member', (n) => {
    const builder = withMembers([...owners(n), member('dev')]);
    const findings = check.evaluate(builder.build(), githubContext());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'pass', resource: { id: ORG_RESOURCE_ID, type: 'github:organization', name: 'acme' } });
    expect(findings[0]?.evidence).toHaveLength(n + 1);
    expect(findings[0]?.evidence).toContain(builder.hashOf(GITHUB_KINDS.member, userId('dev')));
    expect(findings[0]?.reason).toContain(`has ${n} owners (owner-1`);
  });

  it('fails with a single owner, naming them and how to add a second', () => {
    const [finding] = evaluate(owner('alice'), member('bob'));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^The organization acme has a single owner \(alice\)/);
    expect(finding?.reason).toContain('Change role → Owner');
  });

  it('fails with four or more owners, naming them all', () => {
    const [finding] = evaluate(...owners(4), member('bob'));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('has 4 owners (owner-1, owner-2, owner-3 and owner-4)');
    expect(finding?.reason).toContain('only 2 or 3 remain');
  });

  it('answers unknown when a member cannot be read (role null), since the count would be a guess', () => {
    const builder = withMembers([owner('alice'), owner('bob')]).add(GITHUB_KINDS.member, userId('carol'), { ...member('carol'), role: null });
    const [finding, ...rest] = check.evaluate(builder.build(), githubContext());
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ status: 'unknown', resource: { id: ORG_RESOURCE_ID }, evidence: [builder.hashOf(GITHUB_KINDS.member, userId('carol'))] });
    expect(finding?.reason).toContain('github:user/carol');
  });

  it('answers unknown when the member list is empty or lists no owner (every organization has one)', () => {
    expect(evaluate()[0]?.status).toBe('unknown');
    const [noOwner] = evaluate(member('bob'), member('carol'));
    expect(noOwner?.status).toBe('unknown');
    expect(noOwner?.reason).toContain('2 members but no owner');
  });

  it('never answers not_applicable', () => {
    for (const n of [1, 2, 3, 4, 10]) expect(evaluate(...owners(n))[0]?.status).not.toBe('not_applicable');
  });

  describeUnavailableEvidence(check, () => withMembers([owner('alice'), owner('bob'), member('carol')]), GITHUB_SETUP);
});
