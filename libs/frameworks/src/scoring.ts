import type { ControlStatus, FindingStatus } from '@astrolabe/core';
import type { Framework } from './framework.schema';

// Scoring for the walking skeleton, per DESIGN.md "Scoring". Pure: no I/O, no clock; callers
// pass in finding counts they aggregated. The one rule behind every decision below: a status
// may only be better than "not known" when the evidence says so. Nothing unseen, unmapped or
// unmonitored ever reads as passing.
//
// Two layers: `controlStatus` scores the automated part of a control from its checks' findings;
// `scoreControl` combines that with manual evidence freshness and exceptions into the six
// statuses of DESIGN.md.

/** What the checks part of a control can say on its own (exceptions are applied per finding). */
export const CHECKS_STATUSES = ['passing', 'failing', 'unknown', 'not_monitored', 'excepted'] as const satisfies readonly ControlStatus[];
export type ChecksStatus = (typeof CHECKS_STATUSES)[number];

/**
 * Findings of one check, by status. Missing keys count as 0, so a `GROUP BY status` result can
 * be passed as is. `excepted` counts failing findings covered by a live exception; they are not
 * also counted in `fail`.
 */
export type CheckFindingCounts = Partial<Record<FindingStatus | 'excepted', number>>;

export interface ControlStatusInput {
  checkIds: readonly string[];
  /** By check id. Entries for checks not in `checkIds` are ignored. */
  findingCounts: Readonly<Record<string, CheckFindingCounts | undefined>>;
}

export interface ControlStatusResult {
  status: ChecksStatus;
  /** One sentence for the console: which checks decided the status, with counts. */
  reason: string;
}

interface CheckTally {
  checkId: string;
  pass: number;
  fail: number;
  unknown: number;
  notApplicable: number;
  excepted: number;
  /** Counts that are not non-negative integers: an upstream bug, so the check is not trusted. */
  invalid: boolean;
}

const COUNT_KEYS: readonly (FindingStatus | 'excepted')[] = ['pass', 'fail', 'unknown', 'not_applicable', 'excepted'];

function tally(checkId: string, counts: CheckFindingCounts | undefined): CheckTally {
  const read = (key: FindingStatus | 'excepted'): number => counts?.[key] ?? 0;
  const invalid = COUNT_KEYS.some((key) => {
    const n = read(key);
    return !Number.isSafeInteger(n) || n < 0;
  });
  if (invalid) return { checkId, pass: 0, fail: 0, unknown: 0, notApplicable: 0, excepted: 0, invalid };
  return {
    checkId,
    pass: read('pass'),
    fail: read('fail'),
    unknown: read('unknown'),
    notApplicable: read('not_applicable'),
    excepted: read('excepted'),
    invalid,
  };
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
 * - else any failing finding covered by a live exception → `excepted` (accepted, not passing);
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
  const unseen = tallies.filter((t) => !t.invalid && t.pass + t.fail + t.unknown + t.notApplicable + t.excepted === 0);
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
  const excepted = tallies.filter((t) => t.excepted > 0);
  if (excepted.length > 0) {
    const total = excepted.reduce((sum, t) => sum + t.excepted, 0);
    const detail = excepted.map((t) => `${t.checkId} (${t.excepted})`).join(', ');
    return { status: 'excepted', reason: `${plural(total, 'failing finding')} covered by approved exceptions: ${detail}.` };
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

/** One manual evidence requirement of a control and the newest evidence provided for it. */
export interface ManualEvidenceInput {
  id: string;
  title: string;
  cadenceDays: number;
  dueSoonDays: number;
  /** Effective date of the newest evidence (when the test was done, the policy approved); null if never provided. */
  latestEffectiveAt: Date | null;
}

export const EVIDENCE_STATES = ['missing', 'current', 'due_soon', 'overdue'] as const;
export type EvidenceState = (typeof EVIDENCE_STATES)[number];

export interface ManualEvidenceStatus {
  id: string;
  state: EvidenceState;
  /** Effective date + cadence; null when never provided. */
  dueAt: Date | null;
}

const DAY_MS = 86_400_000;

/** Where one manual evidence requirement stands at `now`. */
export function manualEvidenceStatus(item: ManualEvidenceInput, now: Date): ManualEvidenceStatus {
  if (item.latestEffectiveAt === null) return { id: item.id, state: 'missing', dueAt: null };
  const dueAt = new Date(item.latestEffectiveAt.getTime() + item.cadenceDays * DAY_MS);
  const msLeft = dueAt.getTime() - now.getTime();
  if (msLeft <= 0) return { id: item.id, state: 'overdue', dueAt };
  if (msLeft <= item.dueSoonDays * DAY_MS) return { id: item.id, state: 'due_soon', dueAt };
  return { id: item.id, state: 'current', dueAt };
}

export interface ControlScoreInput {
  automation: 'automated' | 'manual' | 'hybrid';
  checkIds: readonly string[];
  findingCounts: Readonly<Record<string, CheckFindingCounts | undefined>>;
  manualEvidence: readonly ManualEvidenceInput[];
  /** An approved, unexpired exception for the whole control. */
  controlException: { expiresAt: Date } | null;
  now: Date;
}

export interface ControlScore {
  status: ControlStatus;
  reason: string;
  evidence: ManualEvidenceStatus[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The status of a control (DESIGN.md "Scoring"):
 * - any failing finding not covered by a live exception, or manual evidence past its due date
 *   (or a required item never provided, once the control has any other evidence) → `failing`,
 *   unless a live control-level exception accepts it → `excepted`;
 * - else any check that could not see → `unknown`;
 * - else manual evidence due soon → `at_risk` (still compliant, renew now);
 * - else failures all accepted by finding exceptions → `excepted`;
 * - else `passing` when something was actually verified; a manual control with no evidence at
 *   all → `not_monitored` (never counted as passing).
 *
 * "Never provided" differs by control type: a manual control with nothing uploaded is not
 * monitored yet, while in a hybrid control the checks already run, so the missing manual half is
 * a known gap and fails the control.
 */
export function scoreControl(input: ControlScoreInput): ControlScore {
  const checks = input.checkIds.length > 0 ? controlStatus({ checkIds: input.checkIds, findingCounts: input.findingCounts }) : null;
  const evidence = input.manualEvidence.map((item) => manualEvidenceStatus(item, input.now));
  const titleOf = new Map(input.manualEvidence.map((item) => [item.id, item.title]));
  const named = (states: readonly ManualEvidenceStatus[], detail: (e: ManualEvidenceStatus) => string) =>
    states.map((e) => `${titleOf.get(e.id) ?? e.id}${detail(e)}`).join('; ');

  const missing = evidence.filter((e) => e.state === 'missing');
  const overdue = evidence.filter((e) => e.state === 'overdue');
  const dueSoon = evidence.filter((e) => e.state === 'due_soon');
  const provided = evidence.length - missing.length;

  if (checks === null && evidence.length === 0) {
    return { status: 'not_monitored', reason: 'No checks or manual evidence monitor this control.', evidence };
  }
  if (checks === null && provided === 0) {
    return { status: 'not_monitored', reason: `No evidence provided yet: ${named(missing, () => '')}.`, evidence };
  }

  const failures: string[] = [];
  if (checks?.status === 'failing') failures.push(checks.reason.replace(/\.$/, ''));
  if (overdue.length > 0) failures.push(`Evidence overdue: ${named(overdue, (e) => ` (was due ${day(e.dueAt ?? input.now)})`)}`);
  if (missing.length > 0) failures.push(`Evidence never provided: ${named(missing, () => '')}`);
  if (failures.length > 0) {
    const reason = `${failures.join('. ')}.`;
    if (input.controlException && input.controlException.expiresAt.getTime() > input.now.getTime()) {
      return { status: 'excepted', reason: `Accepted by an exception until ${day(input.controlException.expiresAt)}. ${reason}`, evidence };
    }
    return { status: 'failing', reason, evidence };
  }
  if (checks?.status === 'unknown') return { status: 'unknown', reason: checks.reason, evidence };
  if (dueSoon.length > 0) {
    const checksNote = checks ? ` ${checks.reason}` : '';
    return { status: 'at_risk', reason: `Evidence due soon: ${named(dueSoon, (e) => ` (due ${day(e.dueAt ?? input.now)})`)}.${checksNote}`, evidence };
  }
  if (checks?.status === 'excepted') return { status: 'excepted', reason: checks.reason, evidence };
  const parts: string[] = [];
  if (checks) parts.push(checks.reason);
  if (evidence.length > 0) parts.push(`Evidence current: ${named(evidence, (e) => ` (due ${day(e.dueAt ?? input.now)})`)}.`);
  return { status: 'passing', reason: parts.join(' '), evidence };
}

// Worst first. A requirement takes the worst status of its controls. failing beats unknown (a
// seen failure is more certain than blindness); unknown beats not_monitored (we tried to look
// and could not); not_monitored beats excepted (an accepted, known gap is better understood
// than an unwatched one); excepted beats at_risk (at_risk is still compliant, just due soon).
const SEVERITY_ORDER: readonly ControlStatus[] = ['failing', 'unknown', 'not_monitored', 'excepted', 'at_risk', 'passing'];

/** Ranks statuses for "regressed" comparisons: higher is worse. */
export function statusRank(status: ControlStatus): number {
  return SEVERITY_ORDER.length - 1 - SEVERITY_ORDER.indexOf(status);
}

/**
 * Status of one framework requirement from the statuses of the controls mapped to it: the worst
 * of them (see order above). No mapped controls → `not_monitored`: "all of nothing passes"
 * must not read as passing.
 */
export function requirementStatus(controlStatuses: readonly ControlStatus[]): ControlStatus {
  if (controlStatuses.length === 0) return 'not_monitored';
  return SEVERITY_ORDER.find((status) => controlStatuses.includes(status)) ?? 'not_monitored';
}

export interface Readiness {
  /** (passing + at_risk) / inScope × 100, one decimal; 0 when nothing is in scope. */
  percent: number;
  passing: number;
  atRisk: number;
  failing: number;
  excepted: number;
  unknown: number;
  notMonitored: number;
  /** Requirements counted; the six counts above always add up to it. */
  inScope: number;
}

/**
 * Readiness of a framework from the statuses of its in-scope requirements (the caller drops
 * out-of-scope ones). Only compliant requirements count: passing, and at_risk (still compliant,
 * evidence due soon). Excepted, unknown and not-monitored are reported apart, never as passing.
 *
 * Rounding is half-up to one decimal, with one exception so readiness never looks better than
 * it is: 100 is shown only when every requirement is compliant (1999 of 2000 would otherwise
 * round up to 100.0; it shows 99.9). Nothing in scope → 0, not 100: there is nothing to claim.
 */
export function readiness(requirementStatuses: readonly ControlStatus[]): Readiness {
  const counts: Record<ControlStatus, number> = { passing: 0, failing: 0, at_risk: 0, unknown: 0, not_monitored: 0, excepted: 0 };
  for (const status of requirementStatuses) counts[status] += 1;
  const compliant = counts.passing + counts.at_risk;
  const inScope = requirementStatuses.length;
  let percent = 0;
  if (inScope > 0) {
    // Integer arithmetic before the single division keeps e.g. 1/8 = 12.5 exact (no 12.499…).
    percent = Math.round((compliant * 1000) / inScope) / 10;
    if (compliant < inScope && percent >= 100) percent = 99.9;
  }
  return {
    percent,
    passing: counts.passing,
    atRisk: counts.at_risk,
    failing: counts.failing,
    excepted: counts.excepted,
    unknown: counts.unknown,
    notMonitored: counts.not_monitored,
    inScope,
  };
}

export interface ScoredRequirement {
  sectionId: string;
  requirementId: string;
  title: string;
  controlIds: readonly string[];
  status: ControlStatus;
}

export interface FrameworkScore {
  frameworkId: string;
  requirements: ScoredRequirement[];
  readiness: Readiness;
}

export interface ScoreFrameworkOptions {
  /** Requirement ids the workspace marked out of scope: left out of the list and of readiness. */
  outOfScope?: ReadonlySet<string>;
  /** Extra controls the workspace mapped, by requirement id (custom crosswalk). */
  extraMappings?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Scores every requirement of a framework and its readiness from control statuses (by control
 * id), so every caller composes the rules above the same way. A control without a status
 * counts as `unknown`: we could not see it, so it must not help or be mistaken for unmonitored.
 */
export function scoreFramework(
  framework: Framework,
  controlStatuses: Readonly<Record<string, ControlStatus | undefined>>,
  options: ScoreFrameworkOptions = {},
): FrameworkScore {
  const outOfScope = options.outOfScope ?? new Set<string>();
  const requirements: ScoredRequirement[] = [];
  for (const section of framework.sections) {
    for (const requirement of section.requirements) {
      if (outOfScope.has(requirement.id)) continue;
      const extra = options.extraMappings?.get(requirement.id) ?? [];
      const controlIds = extra.length > 0 ? [...new Set([...requirement.controlIds, ...extra])] : requirement.controlIds;
      const statuses = controlIds.map((id) => (Object.hasOwn(controlStatuses, id) ? controlStatuses[id] : undefined) ?? 'unknown');
      requirements.push({
        sectionId: section.id,
        requirementId: requirement.id,
        title: requirement.title,
        controlIds,
        status: requirementStatus(statuses),
      });
    }
  }
  return { frameworkId: framework.id, requirements, readiness: readiness(requirements.map((r) => r.status)) };
}
