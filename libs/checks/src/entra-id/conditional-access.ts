import {
  ENTRA_CA_APPLICATIONS,
  ENTRA_KINDS,
  entraConditionalAccessPolicySchema,
  entraSecurityDefaultsSchema,
  type EntraConditionalAccessPolicy,
  type EntraSecurityDefaults,
  type EvidenceSet,
} from '@astrolabe/core';
import { parseItems, readSingle } from '../shared/evidence';
import { listPhrase } from '../shared/verdict';

/** Whether a policy's grant demands MFA: `mfa` or an authentication strength, not replaceable by another control. */
export function requiresMfa(p: EntraConditionalAccessPolicy): boolean {
  const g = p.grantControls;
  if (!g || g.builtInControls.includes('block')) return false;
  if (!g.builtInControls.includes('mfa') && g.authenticationStrength === null) return false;
  // With OR, a compliant device (or any other listed control) satisfies the policy instead of MFA.
  const others = g.builtInControls.filter((c) => c !== 'mfa');
  return g.operator === 'AND' || others.length === 0;
}

export const coversAllUsers = (p: EntraConditionalAccessPolicy): boolean => p.users.includeUsers.includes('All');

export const coversAllApps = (p: EntraConditionalAccessPolicy): boolean => p.applications.includeApplications.includes(ENTRA_CA_APPLICATIONS.all);

/** All cloud apps or the Microsoft Admin Portals app, and not excluding the portals. */
export const coversAdminPortals = (p: EntraConditionalAccessPolicy): boolean =>
  (coversAllApps(p) || p.applications.includeApplications.includes(ENTRA_CA_APPLICATIONS.adminPortals)) &&
  !p.applications.excludeApplications.includes(ENTRA_CA_APPLICATIONS.adminPortals);

/** Conditions that limit a policy to some sign-ins (client apps, platforms, locations, risk), as phrases. */
export function narrowingConditions(p: EntraConditionalAccessPolicy): string[] {
  const out: string[] = [];
  if (p.clientAppTypes.length > 0 && !p.clientAppTypes.includes('all')) out.push(`only the client apps ${p.clientAppTypes.join(', ')}`);
  if (p.platforms && (!p.platforms.includePlatforms.includes('all') || p.platforms.excludePlatforms.length > 0)) out.push('only some device platforms');
  if (p.locations && (!p.locations.includeLocations.includes('All') || p.locations.excludeLocations.length > 0)) out.push('only some locations');
  if (p.userRiskLevels.length > 0 || p.signInRiskLevels.length > 0) out.push('only risky sign-ins');
  return out;
}

/** The exclusions of a policy, as a phrase ("2 users and 1 group"), or null when it excludes no one. */
export function exclusions(p: EntraConditionalAccessPolicy): string | null {
  const count = (n: number, noun: string) => (n === 0 ? [] : [`${n} ${noun}${n === 1 ? '' : 's'}`]);
  const parts = [...count(p.users.excludeUsers.length, 'user'), ...count(p.users.excludeGroups.length, 'group'), ...count(p.users.excludeRoles.length, 'role')];
  return parts.length === 0 ? null : listPhrase(parts);
}

export const quoted = (p: EntraConditionalAccessPolicy): string => `"${p.displayName}"`;

export type PolicyRead =
  | { ok: true; securityDefaults: EntraSecurityDefaults; policies: EntraConditionalAccessPolicy[]; hashes: string[] }
  | { ok: false; reason: string; evidence: string[] };

/**
 * The tenant's security defaults and every Conditional Access policy. A malformed policy makes
 * the answer unknown: it could be the one that enforces MFA.
 */
export function readPolicies(evidence: EvidenceSet): PolicyRead {
  const defaults = readSingle(evidence, ENTRA_KINDS.securityDefaults, entraSecurityDefaultsSchema, 'security defaults policy', 'tenant');
  if (!defaults.ok) return { ok: false, reason: defaults.reason, evidence: defaults.evidence };
  const parsed = parseItems(evidence, ENTRA_KINDS.conditionalAccessPolicy, entraConditionalAccessPolicySchema);
  const broken = parsed.flatMap((p) => (p.ok ? [] : [p]));
  if (broken.length > 0) {
    return {
      ok: false,
      reason: `The Conditional Access evidence is malformed for ${broken.map((p) => `${p.item.resourceId} (${p.problem})`).join(', ')}; re-run the collection.`,
      evidence: broken.map((p) => p.item.hash),
    };
  }
  return {
    ok: true,
    securityDefaults: defaults.data,
    policies: parsed.flatMap((p) => (p.ok ? [p.data] : [])),
    hashes: [defaults.item.hash, ...parsed.map((p) => p.item.hash)],
  };
}

/**
 * Why a near-miss policy does not count, for reasons: report-only, off, not everyone, not the
 * apps, only some sign-ins, or MFA replaceable by another control.
 */
export function shortfall(p: EntraConditionalAccessPolicy, apps: (p: EntraConditionalAccessPolicy) => boolean, appsNoun: string): string | null {
  const gaps: string[] = [];
  if (p.state === 'enabledForReportingButNotEnforced') gaps.push('is report-only');
  if (p.state === 'disabled') gaps.push('is off');
  if (!coversAllUsers(p)) {
    const scope = p.users.includeRoles.length > 0 ? `covers only ${p.users.includeRoles.length} directory role${p.users.includeRoles.length === 1 ? '' : 's'}` : 'does not cover all users';
    gaps.push(scope);
  }
  if (!apps(p)) gaps.push(`does not target ${appsNoun}`);
  gaps.push(...narrowingConditions(p).map((c) => `applies to ${c}`));
  if (!requiresMfa(p)) gaps.push('lets another control stand in for MFA');
  return gaps.length === 0 ? null : `${quoted(p)} ${listPhrase(gaps)}`;
}

/** Policies whose grant asks for MFA at all (even if something else keeps them from enforcing it). */
export const asksForMfa = (p: EntraConditionalAccessPolicy): boolean => p.grantControls !== null && (p.grantControls.builtInControls.includes('mfa') || p.grantControls.authenticationStrength !== null);
