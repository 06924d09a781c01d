import { ENTRA_KINDS, entraConditionalAccessPolicyResourceId } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ENTRA_SETUP, TENANT_RESOURCE_ID, entraContext, policy, withPolicies } from '../../src/testing/entra-id-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...args: Parameters<typeof withPolicies>) => check.evaluate(withPolicies(...args).build(), entraContext());

describe('entra.mfa-enforced', () => {
  it('passes on the tenant with an enabled policy requiring MFA for all users on all apps, citing every policy and the defaults', () => {
    const builder = withPolicies([policy('Require MFA'), policy('Block legacy', { grantControls: { operator: 'OR', builtInControls: ['block'], authenticationStrength: null } })]);
    const findings = check.evaluate(builder.build(), entraContext());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ status: 'pass', resource: { id: TENANT_RESOURCE_ID, type: 'entra-id:tenant', name: 'Contoso' } });
    expect(findings[0]?.reason).toBe('Conditional Access policy "Require MFA" requires MFA for all users on all cloud apps in Contoso.');
    expect(findings[0]?.evidence).toHaveLength(3);
    expect(findings[0]?.evidence).toContain(builder.hashOf(ENTRA_KINDS.securityDefaults, TENANT_RESOURCE_ID));
    expect(findings[0]?.evidence).toContain(builder.hashOf(ENTRA_KINDS.conditionalAccessPolicy, entraConditionalAccessPolicyResourceId(policy('Require MFA').id)));
  });

  it('passes with security defaults on, saying what they enforce', () => {
    const [finding] = evaluate([], true);
    expect(finding?.status).toBe('pass');
    expect(finding?.reason).toMatch(/^Security defaults are on in Contoso: every user must register for MFA/);
  });

  it('accepts an authentication strength or MFA AND another control, and notes exclusions', () => {
    expect(evaluate([policy('Strong', { grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: 's', displayName: 'Phishing-resistant MFA' } } })])[0]?.status).toBe('pass');
    expect(evaluate([policy('Both', { grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'], authenticationStrength: null } })])[0]?.status).toBe('pass');
    const [excluded] = evaluate([policy('MFA', { users: { excludeUsers: ['break-glass-1', 'break-glass-2'], excludeGroups: ['g'] } })]);
    expect(excluded?.status).toBe('pass');
    expect(excluded?.reason).toContain('it excludes 2 users and 1 group, which should be emergency access accounts only');
  });

  it('fails when the only all-users policy is report-only, saying so and how to fix it', () => {
    const [finding] = evaluate([policy('CA002: MFA for everyone', { state: 'enabledForReportingButNotEnforced' })]);
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toMatch(/^Neither security defaults nor an enabled Conditional Access policy requires MFA for all users on all cloud apps in Contoso/);
    expect(finding?.reason).toContain('Closest: "CA002: MFA for everyone" is report-only.');
    expect(finding?.reason).toContain('Protection → Conditional Access');
  });

  it('fails for policies that cover only admin roles, some apps, some sign-ins, or let a device replace MFA', () => {
    const [finding] = evaluate([
      policy('Admins', { users: { includeUsers: [], includeRoles: ['62e90394-69f5-4237-9190-012177145e10', 'fe930be7-5e62-47db-91af-98c3a49a38b1'] } }),
      policy('Office only', { applications: { includeApplications: ['Office365'] } }),
      policy('Untrusted locations', { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } }),
      policy('Device or MFA', { grantControls: { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'], authenticationStrength: null } }),
      policy('Off', { state: 'disabled' }),
    ]);
    expect(finding?.status).toBe('fail');
    expect(finding?.reason).toContain('"Admins" covers only 2 directory roles');
    expect(finding?.reason).toContain('"Office only" does not target all cloud apps');
    expect(finding?.reason).toContain('"Untrusted locations" applies to only some locations');
    expect(finding?.reason).toContain('"Device or MFA" lets another control stand in for MFA');
    expect(finding?.reason).toContain('"Off" is off');
  });

  it('fails with no Conditional Access policy at all', () => {
    expect(evaluate([])[0]).toMatchObject({ status: 'fail', reason: expect.stringContaining('No Conditional Access policy asks for MFA.') });
  });

  it('answers unknown when a policy is malformed (it could be the enforcing one)', () => {
    const builder = withPolicies([policy('Require MFA')]).add(ENTRA_KINDS.conditionalAccessPolicy, entraConditionalAccessPolicyResourceId('broken'), { displayName: 'broken' });
    const [finding, ...rest] = check.evaluate(builder.build(), entraContext());
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ status: 'unknown', resource: { id: TENANT_RESOURCE_ID } });
    expect(finding?.reason).toContain('entra-id:conditional-access-policy/broken');
  });

  it('answers unknown when the security defaults observation is missing', () => {
    const builder = withPolicies([policy('Require MFA')]);
    const evidence = builder.build();
    const without = { items: <T>(kind: string) => (kind === ENTRA_KINDS.securityDefaults ? [] : evidence.items<T>(kind)), outcome: evidence.outcome };
    expect(check.evaluate(without, entraContext())[0]).toMatchObject({ status: 'unknown', reason: expect.stringContaining('security defaults policy') });
  });

  it('never answers not_applicable', () => {
    for (const policies of [[], [policy('a')], [policy('b', { state: 'disabled' })]]) expect(evaluate(policies)[0]?.status).not.toBe('not_applicable');
  });

  describeUnavailableEvidence(check, () => withPolicies([policy('Require MFA')]), ENTRA_SETUP);
});
