import { defineCheck } from '@astrolabe/core';
import { asksForMfa, coversAdminPortals, coversAllUsers, exclusions, narrowingConditions, quoted, readPolicies, requiresMfa, shortfall, type PolicyRead } from '../../src/entra-id/conditional-access';
import { fail, pass, toFinding, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

type Policies = Extract<PolicyRead, { ok: true }>;

export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readPolicies(evidence);
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  return [toFinding(scope, judge(read, scope.name), read.hashes)];
});

function judge(read: Policies, tenant: string): Verdict {
  if (read.securityDefaults.isEnabled) {
    return pass(`Security defaults are on in ${tenant}: administrators complete MFA at every sign-in, and every user does when reaching the Azure portal, CLI or PowerShell.`);
  }
  const enforcing = read.policies.find((p) => p.state === 'enabled' && coversAllUsers(p) && coversAdminPortals(p) && narrowingConditions(p).length === 0 && requiresMfa(p));
  if (enforcing) {
    const excluded = exclusions(enforcing);
    const target = enforcing.applications.includeApplications.includes('All') ? 'all cloud apps, the admin portals included' : 'Microsoft Admin Portals';
    return pass(
      `Conditional Access policy ${quoted(enforcing)} requires MFA for all users on ${target} in ${tenant}${excluded ? `; it excludes ${excluded}, which should be emergency access accounts only` : ''}.`,
    );
  }
  const near = read.policies.filter(asksForMfa).flatMap((p) => shortfall(p, coversAdminPortals, 'Microsoft Admin Portals') ?? []);
  return fail(
    `No enabled Conditional Access policy requires MFA for all users on the Microsoft admin portals in ${tenant}, and security defaults are off, so an administrative session can start with a password alone. ${
      near.length > 0 ? `Closest: ${near.join('; ')}.` : 'No Conditional Access policy asks for MFA.'
    } Enforce a policy for All users on Microsoft Admin Portals (or All cloud apps) with Require multifactor authentication.`,
  );
}
