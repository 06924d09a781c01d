import type { CheckFinding, FindingStatus, ResourceRef } from '@astrolabe/core';

/** What a check decided about one resource, before the resource and evidence are attached. */
export interface Verdict {
  status: FindingStatus;
  reason: string;
}

export const pass = (reason: string): Verdict => ({ status: 'pass', reason });
export const fail = (reason: string): Verdict => ({ status: 'fail', reason });
export const unknown = (reason: string): Verdict => ({ status: 'unknown', reason });
export const notApplicable = (reason: string): Verdict => ({ status: 'not_applicable', reason });

export function toFinding(resource: ResourceRef, verdict: Verdict, evidence: readonly string[]): CheckFinding {
  return { resource, status: verdict.status, reason: verdict.reason, evidence: [...evidence] };
}

/**
 * A check that evaluated successfully always says something: with no resources to judge it
 * answers `not_applicable` on the account, so "nothing to check" is never confused with
 * "check did not run" (which would leave the control without findings).
 */
export function orNotApplicable(findings: CheckFinding[], scope: ResourceRef, reason: string): CheckFinding[] {
  return findings.length > 0 ? findings : [toFinding(scope, notApplicable(reason), [])];
}

/** Joins clauses into one sentence fragment: "a", "a and b", "a, b and c". */
export function listPhrase(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
