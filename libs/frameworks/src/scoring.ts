import type { ControlStatus, FindingStatus } from '@astrolabe/core';
import type { Framework } from './framework.schema';

// Scoring for the walking skeleton, per DESIGN.md "Scoring". Pure: no I/O, no clock; callers
// pass in finding counts they aggregated. The one rule behind every decision below: a status
// may only be better than "not known" when the evidence says so. Nothing unseen, unmapped or
// unmonitored ever reads as passing.
//
// at_risk and excepted need manual-evidence cadences and exceptions, which arrive with the
// control-catalog issue; until then scoring produces only these four.

export const SCORED_CONTROL_STATUSES = ['passing', 'failing', 'unknown', 'not_monitored'] as const satisfies readonly ControlStatus[];
export type ScoredControlStatus = (typeof SCORED_CONTROL_STATUSES)[number];

/**
 * Findings of one check, by status. Missing keys count as 0, so a `GROUP BY status` result can
 * be passed as is.
 */
export type CheckFindingCounts = Partial<Record<FindingStatus, number>>;

export interface ControlStatusInput {
  checkIds: readonly string[];
  /** By check id. Entries for checks not in `checkIds` are ignored. */
  findingCounts: Readonly<Record<string, CheckFindingCounts | undefined>>;
}

export interface ControlStatusResult {
  status: ScoredControlStatus;
  /** One sentence for the console: which checks decided the status, with counts. */
  reason: string;
}

interface CheckTally {
  checkId: string;
  pass: number;
  fail: number;
  unknown: number;
  notApplicable: number;
  /** Counts that are not non-negative integers: an upstream bug, so the check is not trusted. */
  invalid: boolean;
}

const FINDING_STATUS_KEYS: readonly FindingStatus[] = ['pass', 'fail', 'unknown', 'not_applicable'];

function tally(checkId: string, counts: CheckFindingCounts | undefined): CheckTally {
  const read = (key: FindingStatus): number => counts?.[key] ?? 0;
  const invalid = FINDING_STATUS_KEYS.some((key) => {
    const n = read(key);
    return !Number.isSafeInteger(n) || n < 0;
  });
  if (invalid) return { checkId, pass: 0, fail: 0, unknown: 0, notApplicable: 0, invalid };
  return { checkId, pass: read('pass'), fail: read('fail'), unknown: read('unknown'), notApplicable: read('not_applicable'), invalid };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Status of one control from the findings of its checks.
 *
 * - no checks → `not_monitored` (never counted as passing);
 * - any `fail` finding → `failing` (a real failure outranks not being able to see elsewhere);
 * - else any `unknown` finding, a check with no findings at all (never ran, or its evidence was
 *   not collected) or counts that are not non-negative integers → `unknown`;
 * - else every check has findings and all are `pass` / `not_applicable` → `passing`.
 *   This includes a control whose findings are all `not_applicable` (e.g. no IAM user has a
 *   console password, no server certificate exists): the checks ran on real evidence and found
 *   nothing that violates the control, so failing or unknown would be false. The reason says
 *   it passes only because nothing was in scope, so it is not mistaken for a tested control.
 */
export function controlStatus(input: ControlStatusInput): ControlStatusResult {
  // A check listed twice is one check: duplicates must not double its weight in the reason.
  const checkIds = [...new Set(input.checkIds)];
  if (checkIds.length === 0) {
    return { status: 'not_monitored', reason: 'No checks monitor this control.' };
  }
  // hasOwn: a check id such as "constructor" must not pick up Object.prototype members.
  const countsOf = (checkId: string) => (Object.hasOwn(input.findingCounts, checkId) ? input.findingCounts[checkId] : undefined);
  const tallies = checkIds.map((checkId) => tally(checkId, countsOf(checkId)));

  const failing = tallies.filter((t) => t.fail > 0);
  const invalid = tallies.filter((t) => t.invalid);
  const unseen = tallies.filter((t) => !t.invalid && t.pass + t.fail + t.unknown + t.notApplicable === 0);
  const withUnknown = tallies.filter((t) => t.unknown > 0);
  const blind = [
    ...withUnknown.map((t) => `${t.checkId} (${plural(t.unknown, 'unknown finding')})`),
    ...unseen.map((t) => `${t.checkId} (no findings)`),
    ...invalid.map((t) => `${t.checkId} (invalid finding counts)`),
  ];

  if (failing.length > 0) {
    const total = failing.reduce((sum, t) => sum + t.fail, 0);
    const detail = failing.map((t) => `${t.checkId} (${t.fail})`).join(', ');
    const alsoBlind = blind.length > 0 ? `; ${plural(blind.length, 'check')} also could not be fully evaluated` : '';
    return { status: 'failing', reason: `${plural(total, 'failing finding')}: ${detail}${alsoBlind}.` };
  }
  if (blind.length > 0) {
    return { status: 'unknown', reason: `Could not fully evaluate ${plural(blind.length, 'check')}: ${blind.join(', ')}.` };
  }

  const passes = tallies.reduce((sum, t) => sum + t.pass, 0);
  const notApplicable = tallies.reduce((sum, t) => sum + t.notApplicable, 0);
  if (passes === 0) {
    return {
      status: 'passing',
      reason: `Nothing in scope: all ${plural(notApplicable, 'finding')} of ${plural(checkIds.length, 'check')} are not applicable.`,
    };
  }
  const na = notApplicable > 0 ? `, ${notApplicable} not applicable` : '';
  const subject = checkIds.length === 1 ? 'The check passes' : `All ${checkIds.length} checks pass`;
  return { status: 'passing', reason: `${subject} (${plural(passes, 'passing finding')}${na}).` };
}

// Worst first. A requirement takes the worst status of its controls: failing beats unknown
// (a seen failure is more certain than blindness), unknown beats not_monitored (we tried to
// look and could not), and not_monitored beats passing (a requirement is passing only when
// every control behind it is).
const SEVERITY_ORDER: readonly ScoredControlStatus[] = ['failing', 'unknown', 'not_monitored', 'passing'];

/**
 * Status of one framework requirement from the statuses of the controls mapped to it: the worst
 * of them (see order above). No mapped controls → `not_monitored`: "all of nothing passes"
 * must not read as passing.
 */
export function requirementStatus(controlStatuses: readonly ScoredControlStatus[]): ScoredControlStatus {
  if (controlStatuses.length === 0) return 'not_monitored';
  return SEVERITY_ORDER.find((status) => controlStatuses.includes(status)) ?? 'not_monitored';
}

export interface Readiness {
  /** passing / inScope × 100, one decimal; 0 when nothing is in scope. */
  percent: number;
  passing: number;
  failing: number;
  unknown: number;
  notMonitored: number;
  /** Requirements counted; the four counts above always add up to it. */
  inScope: number;
}

/**
 * Readiness of a framework from the statuses of its in-scope requirements (the caller drops
 * out-of-scope ones). Only `passing` counts; unknown and not-monitored are reported apart.
 *
 * Rounding is half-up to one decimal, with one exception so readiness never looks better than
 * it is: 100 is shown only when every requirement passes (1999 of 2000 would otherwise round up
 * to 100.0; it shows 99.9). Nothing in scope → 0, not 100: there is nothing to claim.
 */
export function readiness(requirementStatuses: readonly ScoredControlStatus[]): Readiness {
  const count = (status: ScoredControlStatus): number => requirementStatuses.filter((s) => s === status).length;
  const passing = count('passing');
  const inScope = requirementStatuses.length;
  let percent = 0;
  if (inScope > 0) {
    // Integer arithmetic before the single division keeps e.g. 1/8 = 12.5 exact (no 12.499…).
    percent = Math.round((passing * 1000) / inScope) / 10;
    if (passing < inScope && percent >= 100) percent = 99.9;
  }
  return { percent, passing, failing: count('failing'), unknown: count('unknown'), notMonitored: count('not_monitored'), inScope };
}

export interface ScoredRequirement {
  sectionId: string;
  requirementId: string;
  title: string;
  controlIds: readonly string[];
  status: ScoredControlStatus;
}

export interface FrameworkScore {
  frameworkId: string;
  requirements: ScoredRequirement[];
  readiness: Readiness;
}

/**
 * Scores every requirement of a framework and its readiness from control statuses (by control
 * id), so every caller composes the three rules above the same way. A control without a status
 * counts as `unknown`: we could not see it, so it must not help or be mistaken for unmonitored.
 * `outOfScope` requirement ids are left out of both the list and readiness.
 */
export function scoreFramework(
  framework: Framework,
  controlStatuses: Readonly<Record<string, ScoredControlStatus | undefined>>,
  outOfScope: ReadonlySet<string> = new Set(),
): FrameworkScore {
  const requirements: ScoredRequirement[] = [];
  for (const section of framework.sections) {
    for (const requirement of section.requirements) {
      if (outOfScope.has(requirement.id)) continue;
      const statuses = requirement.controlIds.map((id) => (Object.hasOwn(controlStatuses, id) ? controlStatuses[id] : undefined) ?? 'unknown');
      requirements.push({
        sectionId: section.id,
        requirementId: requirement.id,
        title: requirement.title,
        controlIds: requirement.controlIds,
        status: requirementStatus(statuses),
      });
    }
  }
  return { frameworkId: framework.id, requirements, readiness: readiness(requirements.map((r) => r.status)) };
}
