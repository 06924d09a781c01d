import { ENTRA_KINDS, entraRoleAssignmentResourceId } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ENTRA_SETUP, TENANT_RESOURCE_ID, assignment, entraContext, groupMember, groupPrincipal, spPrincipal, userPrincipal, withAssignments } from '../../src/testing/entra-id-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const ga = (name: string) => assignment(userPrincipal(name));
const evaluate = (...assignments: Parameters<typeof withAssignments>[0]) => check.evaluate(withAssignments(assignments).build(), entraContext());

describe('entra.global-admin-count', () => {
  it.each([2, 3, 4])('passes with %i holders: one finding on the tenant citing every Global Administrator assignment', (n) => {
    const assignments = Array.from({ length: n }, (_, i) => ga(`admin${i + 1}`));
    const other = assignment(userPrincipal('helpdesk'), { roleTemplateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', roleDefinitionId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', roleDisplayName: 'Helpdesk Administrator' });
    const builder = withAssignments([...assignments, other]);
    const findings = check.evaluate(builder.build(), entraContext());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'pass', resource: { id: TENANT_RESOURCE_ID } });
    expect(findings[0]?.evidence).toHaveLength(n);
    expect(findings[0]?.evidence).not.toContain(builder.hashOf(ENTRA_KINDS.directoryRoleAssignment, entraRoleAssignmentResourceId(other.id)));
    expect(findings[0]?.reason).toContain(`${n} users hold Global Administrator in Contoso (admin1@contoso.onmicrosoft.com`);
  });

  it('counts the members of role-assignable groups, each user once', () => {
    const tier0 = assignment(groupPrincipal('Tier 0'), { groupMembers: [groupMember('lee'), groupMember('dana')] });
    const [finding] = evaluate(ga('dana'), tier0, assignment(spPrincipal('Terraform')));
    expect(finding?.status).toBe('pass');
    expect(finding?.reason).toBe(
      '2 users hold Global Administrator in Contoso (dana@contoso.onmicrosoft.com and lee@contoso.onmicrosoft.com), within the 2–4 that keep continuity without spreading full control; counting the members of "Tier 0"; the role is also held by the app Terraform, which should be reviewed.',
    );
  });

  it('fails with a single holder, saying how to add a second', () => {
    const [finding] = evaluate(ga('solo'));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^Only solo@contoso\.onmicrosoft\.com holds Global Administrator in Contoso: if that account is lost/);
    expect(finding?.reason).toContain('Add assignments');
  });

  it('fails with five or more holders, counting group members', () => {
    const [finding] = evaluate(ga('a'), ga('b'), ga('c'), assignment(groupPrincipal('Ops'), { groupMembers: [groupMember('d'), groupMember('e')] }));
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^5 users hold Global Administrator in Contoso/);
    expect(finding?.reason).toContain('Privileged Identity Management');
  });

  it('ignores assignments scoped below the tenant', () => {
    expect(evaluate(ga('a'), ga('b'), assignment(userPrincipal('c'), { directoryScopeId: '/administrativeUnits/x' }))[0]?.reason).toMatch(/^2 users/);
  });

  it('answers unknown with no active holder (PIM-eligible holders are not collected), a group not expanded, or a malformed assignment', () => {
    expect(evaluate()[0]).toMatchObject({ status: 'unknown', reason: expect.stringContaining('Privileged Identity Management') });
    expect(evaluate(ga('a'), assignment(groupPrincipal('Tier 0'), { groupMembers: null }))[0]).toMatchObject({ status: 'unknown', reason: expect.stringContaining('The members of Tier 0') });
    const builder = withAssignments([ga('a'), ga('b')]).add(ENTRA_KINDS.directoryRoleAssignment, entraRoleAssignmentResourceId('broken'), { id: 'broken' });
    expect(check.evaluate(builder.build(), entraContext())[0]).toMatchObject({ status: 'unknown', evidence: [builder.hashOf(ENTRA_KINDS.directoryRoleAssignment, entraRoleAssignmentResourceId('broken'))] });
  });

  it('never answers not_applicable', () => {
    for (const n of [0, 1, 3, 6]) expect(evaluate(...Array.from({ length: n }, (_, i) => ga(`u${i}`)))[0]?.status).not.toBe('not_applicable');
  });

  describeUnavailableEvidence(check, () => withAssignments([ga('a'), ga('b')]), ENTRA_SETUP);
});
