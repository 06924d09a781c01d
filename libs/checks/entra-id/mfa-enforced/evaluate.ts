import { defineCheck } from '@astrolabe/core';
import { asksForMfa, coversAllApps, coversAllUsers, exclusions, narrowingConditions, quoted, readPolicies, requiresMfa, shortfall, type PolicyRead } from '../../src/entra-id/conditional-access';
import { fail, pass, toFinding, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

type Policies = Extract<PolicyRead, { ok: true }>;

// One finding on the tenant: enforcement is a property of the tenant's policies taken together.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readPolicies(evidence);
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  return [toFinding(scope, judge(read, scope.name), read.hashes)];
});

function judge(read: Policies, tenant: string): Verdict {
  if (read.securityDefaults.isEnabled) {
    return pass(
      `Security defaults are on in ${tenant}: every user must register for MFA, administrators complete it at every sign-in, and other users whenever Entra ID judges a sign-in risky or it reaches Azure management.`,
    );
  }
  const enforcing = read.policies.find((p) => p.state === 'enabled' && coversAllUsers(p) && coversAllApps(p) && narrowingConditions(p).length === 0 && requiresMfa(p));
  if (enforcing) {
    const excluded = exclusions(enforcing);
    const apps = enforcing.applications.excludeApplications.length;
    const caveats = [
      ...(excluded ? [`it excludes ${excluded}, which should be emergency access accounts only`] : []),
      ...(apps > 0 ? [`${apps} excluded app${apps === 1 ? '' : 's'} sign in without it`] : []),
    ];
    return pass(`Conditional Access policy ${quoted(enforcing)} requires MFA for all users on all cloud apps in ${tenant}${caveats.length > 0 ? `; ${caveats.join(', and ')}` : ''}.`);
  }
  const near = read.policies.filter(asksForMfa).flatMap((p) => shortfall(p, coversAllApps, 'all cloud apps') ?? []);
  return fail(
    `Neither security defaults nor an enabled Conditional Access policy requires MFA for all users on all cloud apps in ${tenant}, so some sign-ins need only a password. ${
      near.length > 0 ? `Closest: ${near.join('; ')}.` : 'No Conditional Access policy asks for MFA.'
    } Enforce one for All users and All cloud apps (Protection → Conditional Access), excluding only emergency access accounts.`,
  );
}
