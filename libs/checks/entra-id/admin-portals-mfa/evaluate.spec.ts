import { describe, expect, it } from 'vitest';
import { ENTRA_SETUP, TENANT_RESOURCE_ID, entraContext, policy, withPolicies } from '../../src/testing/entra-id-fixtures';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const evaluate = (...args: Parameters<typeof withPolicies>) => check.evaluate(withPolicies(...args).build(), entraContext());
const portals = { includeApplications: ['MicrosoftAdminPortals'] };

describe('entra.admin-portals-mfa', () => {
  it('passes with an enabled all-users policy on Microsoft Admin Portals, naming it and its exclusions', () => {
    const [finding, ...rest] = evaluate([policy('CA004: admin portals', { applications: portals, users: { excludeUsers: ['break-glass'] } })]);
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ status: 'pass', resource: { id: TENANT_RESOURCE_ID } });
    expect(finding?.reason).toBe(
      'Conditional Access policy "CA004: admin portals" requires MFA for all users on Microsoft Admin Portals in Contoso; it excludes 1 user, which should be emergency access accounts only.',
    );
  });

  it('passes with an all-apps MFA policy, or security defaults', () => {
    expect(evaluate([policy('Everything')])[0]?.reason).toContain('all cloud apps, the admin portals included');
    expect(evaluate([], true)[0]).toMatchObject({ status: 'pass', reason: expect.stringMatching(/^Security defaults are on in Contoso/) });
  });

  it('fails when only administrator roles are covered, or the portals are excluded from an all-apps policy', () => {
    const [roles] = evaluate([policy('Admins', { users: { includeUsers: [], includeRoles: ['62e90394-69f5-4237-9190-012177145e10'] } })]);
    expect(roles?.status).toBe('fail');
    expect(roles?.reason).toContain('Closest: "Admins" covers only 1 directory role.');
    const [excluded] = evaluate([policy('All but portals', { applications: { includeApplications: ['All'], excludeApplications: ['MicrosoftAdminPortals'] } })]);
    expect(excluded?.reason).toContain('"All but portals" does not target Microsoft Admin Portals');
  });

  it('fails when the portals policy is report-only or asks for a compliant device instead', () => {
    expect(evaluate([policy('Trial', { applications: portals, state: 'enabledForReportingButNotEnforced' })])[0]?.reason).toContain('"Trial" is report-only');
    const [device] = evaluate([policy('Device', { applications: portals, grantControls: { operator: 'OR', builtInControls: ['compliantDevice'], authenticationStrength: null } })]);
    expect(device).toMatchObject({ status: 'fail', reason: expect.stringContaining('No Conditional Access policy asks for MFA.') });
  });

  it('never answers not_applicable', () => {
    expect(evaluate([])[0]?.status).toBe('fail');
  });

  describeUnavailableEvidence(check, () => withPolicies([policy('CA004', { applications: portals })]), ENTRA_SETUP);
});
