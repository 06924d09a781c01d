import { unknown, type Verdict } from '../shared/verdict';

/**
 * Who GitHub shows each hidden setting to. The github evidence uses `null` for "GitHub did not
 * tell us" (the token may not see the setting); checks then answer `unknown` and name the access
 * that would let the next collection see it, never treat the gap as "off".
 */
export const GITHUB_ACCESS = {
  /** GET /orgs/{org}: two_factor_requirement_enabled, default_repository_permission, … */
  organizationSettings:
    'GitHub shows it only to organization owners: connect Astrolabe with an owner\'s token (classic: admin:org read access) or a fine-grained token / GitHub App with the organization "Administration: read" permission',
  /** GET /orgs/{org}/members?filter=2fa_disabled. */
  memberTwoFactor:
    'GitHub offers the 2fa_disabled member filter to organization owners only: connect Astrolabe with an organization owner\'s token (classic: read:org)',
  /** security_and_analysis of GET /repos/{owner}/{repo}. */
  securityAndAnalysis:
    'GitHub shows a repository\'s security and analysis settings only to repository admins, organization owners and security managers: give the token admin access to the repository (classic: repo; fine-grained / GitHub App: repository "Administration: read")',
  /** GraphQL hasVulnerabilityAlertsEnabled / GET /repos/{owner}/{repo}/vulnerability-alerts. */
  vulnerabilityAlerts:
    'GitHub shows whether Dependabot alerts are on only to people with admin access to the repository: give the token admin read access (classic: repo; fine-grained / GitHub App: repository "Administration: read")',
} as const;

/** `unknown` for a setting GitHub withheld: "GitHub did not report <what>. <who can see it>, then re-run the collection." */
export function notReported(what: string, access: string): Verdict {
  return unknown(`GitHub did not report ${what}. ${access}, then re-run the collection.`);
}
