import { GITHUB_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ORG_RESOURCE_ID, githubContext, member, outsideCollaborator, owner, userId, withMembers, withOutsideCollaborators } from '../testing/github-fixtures';
import { pass } from '../shared/verdict';
import { evaluateMembers, evaluateOutsideCollaborators, readAllMembers } from './people';

const { scope } = githubContext();

describe('readAllMembers', () => {
  it('reads every member with the hashes the count rests on', () => {
    const builder = withMembers([owner('alice'), member('bob')]);
    const read = readAllMembers(builder.build());
    expect(read).toEqual({ ok: true, members: [owner('alice'), member('bob')], hashes: [builder.hashOf(GITHUB_KINDS.member, userId('alice')), builder.hashOf(GITHUB_KINDS.member, userId('bob'))] });
  });

  it('refuses to count with an empty list or an unreadable member', () => {
    expect(readAllMembers(withMembers([]).build())).toMatchObject({ ok: false, evidence: [] });
    const builder = withMembers([owner('alice')]).add(GITHUB_KINDS.member, userId('x'), { login: 'x' });
    expect(readAllMembers(builder.build())).toMatchObject({ ok: false, evidence: [builder.hashOf(GITHUB_KINDS.member, userId('x'))], reason: expect.stringContaining('github:user/x') });
  });
});

describe('evaluateMembers', () => {
  it('answers unknown on the organization for an empty member list', () => {
    expect(evaluateMembers(withMembers([]).build(), scope, () => pass('x'))).toEqual([expect.objectContaining({ status: 'unknown', resource: scope })]);
  });
});

describe('evaluateOutsideCollaborators', () => {
  it('judges each collaborator on their user resource; none is not_applicable on the organization', () => {
    const findings = evaluateOutsideCollaborators(withOutsideCollaborators([outsideCollaborator('c')]).build(), scope, () => pass('ok'));
    expect(findings).toEqual([expect.objectContaining({ status: 'pass', resource: { id: userId('c'), type: 'github:user', name: 'c' } })]);
    expect(evaluateOutsideCollaborators(withOutsideCollaborators([]).build(), scope, () => pass('ok'))).toEqual([
      expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ORG_RESOURCE_ID }) }),
    ]);
  });
});
