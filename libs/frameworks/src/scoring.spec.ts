import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog';
import {
  controlStatus,
  readiness,
  requirementStatus,
  manualEvidenceStatus,
  scoreControl,
  scoreFramework,
  statusRank,
  type CheckFindingCounts,
  type ChecksStatus,
  type ControlScoreInput,
  type ManualEvidenceInput,
} from './scoring';
import { CONTROL_STATUSES, type ControlStatus } from '@astrolabe/core';

type ScoredControlStatus = ControlStatus;
const SCORED_CONTROL_STATUSES = CONTROL_STATUSES;

const A = 'aws-iam.root-mfa-enabled';
const B = 'aws-iam.root-hardware-mfa';

describe('controlStatus', () => {
  it('is not_monitored when the control has no checks, whatever findings exist', () => {
    const result = controlStatus({ checkIds: [], findingCounts: { [A]: { pass: 3 } } });
    expect(result).toEqual({ status: 'not_monitored', reason: 'No checks monitor this control.' });
  });

  it('is failing when any check has a failing finding, naming the checks and counts', () => {
    const result = controlStatus({ checkIds: [A, B], findingCounts: { [A]: { pass: 5 }, [B]: { pass: 1, fail: 2 } } });
    expect(result.status).toBe('failing');
    expect(result.reason).toBe(`2 failing findings: ${B} (2).`);
  });

  it('is failing even when other checks are unknown or have no findings, and says so', () => {
    const result = controlStatus({ checkIds: [A, B], findingCounts: { [B]: { fail: 1, unknown: 1 } } });
    expect(result.status).toBe('failing');
    expect(result.reason).toBe(`1 failing finding: ${B} (1); 2 checks also could not be fully evaluated.`);
  });

  it('is unknown when any check has an unknown finding', () => {
    const result = controlStatus({ checkIds: [A, B], findingCounts: { [A]: { pass: 1 }, [B]: { pass: 3, unknown: 1 } } });
    expect(result).toEqual({ status: 'unknown', reason: `Could not fully evaluate 1 check: ${B} (1 unknown finding).` });
  });

  it('is unknown when a check has no findings at all (never ran, or its evidence is missing)', () => {
    expect(controlStatus({ checkIds: [A, B], findingCounts: { [A]: { pass: 1 } } })).toEqual({
      status: 'unknown',
      reason: `Could not fully evaluate 1 check: ${B} (no findings).`,
    });
    // All-zero counts are the same as no entry.
    expect(controlStatus({ checkIds: [A], findingCounts: { [A]: { pass: 0, fail: 0, unknown: 0, not_applicable: 0 } } }).status).toBe('unknown');
    expect(controlStatus({ checkIds: [A], findingCounts: {} }).status).toBe('unknown');
  });

  it('is passing when every check has findings and all are pass or not_applicable', () => {
    const result = controlStatus({ checkIds: [A, B], findingCounts: { [A]: { pass: 2 }, [B]: { pass: 1, not_applicable: 4 } } });
    expect(result).toEqual({ status: 'passing', reason: 'All 2 checks pass (3 passing findings, 4 not applicable).' });
  });

  it('is passing when every finding is not_applicable, and the reason says nothing was in scope', () => {
    // e.g. no IAM user has a console password: the check ran on real evidence and nothing violates the control.
    const result = controlStatus({ checkIds: [A, B], findingCounts: { [A]: { not_applicable: 1 }, [B]: { not_applicable: 2 } } });
    expect(result).toEqual({ status: 'passing', reason: 'Nothing in scope: all 3 findings of 2 checks are not applicable.' });
  });

  it('needs every check to have findings: one all-not_applicable check and one unseen check is unknown', () => {
    expect(controlStatus({ checkIds: [A, B], findingCounts: { [A]: { not_applicable: 3 } } }).status).toBe('unknown');
  });

  it('ignores counts of checks that are not the control’s', () => {
    expect(controlStatus({ checkIds: [A], findingCounts: { [A]: { pass: 1 }, [B]: { fail: 9 } } }).status).toBe('passing');
  });

  it('treats a check listed twice as one check', () => {
    expect(controlStatus({ checkIds: [A, A], findingCounts: { [A]: { pass: 1 } } }).reason).toBe('The check passes (1 passing finding).');
  });

  it('never trusts invalid counts (negative, fractional, NaN, infinite): unknown, not passing', () => {
    for (const bad of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const result = controlStatus({ checkIds: [A], findingCounts: { [A]: { pass: 3, not_applicable: bad } } });
      expect(result, String(bad)).toEqual({ status: 'unknown', reason: `Could not fully evaluate 1 check: ${A} (invalid finding counts).` });
    }
    // A negative fail count must not hide a failure elsewhere, nor count as one.
    expect(controlStatus({ checkIds: [A, B], findingCounts: { [A]: { fail: -2 }, [B]: { fail: 1 } } }).status).toBe('failing');
  });

  it('does not read Object.prototype members as counts', () => {
    expect(controlStatus({ checkIds: ['constructor'], findingCounts: {} }).status).toBe('unknown');
    expect(controlStatus({ checkIds: ['toString'], findingCounts: {} }).reason).toContain('(no findings)');
  });
});

const countArb = fc.nat({ max: 5 });
const countsArb: fc.Arbitrary<CheckFindingCounts> = fc.record(
  { pass: countArb, fail: countArb, unknown: countArb, not_applicable: countArb },
  { requiredKeys: [] },
);
const checkIdArb = fc.constantFrom('c.a', 'c.b', 'c.c', 'c.d', 'c.e');
const controlInputArb = fc.record({
  checkIds: fc.array(checkIdArb, { maxLength: 6 }),
  findingCounts: fc.dictionary(checkIdArb, countsArb),
});
const total = (c: CheckFindingCounts | undefined) => (c?.pass ?? 0) + (c?.fail ?? 0) + (c?.unknown ?? 0) + (c?.not_applicable ?? 0);

describe('controlStatus properties', () => {
  it('matches the rules on any input', () => {
    fc.assert(
      fc.property(controlInputArb, (input) => {
        const { status, reason } = controlStatus(input);
        const counts = input.checkIds.map((id) => input.findingCounts[id]);
        expect(reason.length).toBeGreaterThan(0);
        let expected: ChecksStatus = 'passing';
        if (input.checkIds.length === 0) expected = 'not_monitored';
        else if (counts.some((c) => (c?.fail ?? 0) > 0)) expected = 'failing';
        else if (counts.some((c) => (c?.unknown ?? 0) > 0 || total(c) === 0)) expected = 'unknown';
        expect(status).toBe(expected);
      }),
    );
  });

  it('does not depend on the order of checks', () => {
    fc.assert(
      fc.property(controlInputArb, fc.func(fc.integer()), (input, key) => {
        const shuffled = [...input.checkIds].sort((x, y) => key(x) - key(y));
        expect(controlStatus({ ...input, checkIds: shuffled }).status).toBe(controlStatus(input).status);
      }),
    );
  });

  it('is never improved by one more failing or unknown finding', () => {
    const rank: Record<ChecksStatus, number> = { failing: 0, unknown: 1, not_monitored: 2, excepted: 3, passing: 4 };
    fc.assert(
      fc.property(controlInputArb, checkIdArb, fc.constantFrom('fail', 'unknown'), (input, checkId, kind) => {
        const before = controlStatus(input).status;
        const prior = input.findingCounts[checkId] ?? {};
        const worse = { ...input.findingCounts, [checkId]: { ...prior, [kind]: (prior[kind] ?? 0) + 1 } };
        const after = controlStatus({ ...input, findingCounts: worse }).status;
        expect(rank[after]).toBeLessThanOrEqual(rank[before]);
        if (input.checkIds.includes(checkId)) expect(after).toBe(kind === 'fail' ? 'failing' : before === 'failing' ? 'failing' : 'unknown');
      }),
    );
  });
});

describe('requirementStatus', () => {
  it.each<[ScoredControlStatus[], ScoredControlStatus]>([
    [[], 'not_monitored'],
    [['passing'], 'passing'],
    [['passing', 'passing'], 'passing'],
    [['passing', 'failing'], 'failing'],
    [['failing', 'unknown', 'not_monitored', 'passing'], 'failing'],
    [['passing', 'unknown'], 'unknown'],
    [['unknown', 'not_monitored'], 'unknown'],
    [['not_monitored'], 'not_monitored'],
    [['not_monitored', 'not_monitored'], 'not_monitored'],
    [['passing', 'not_monitored'], 'not_monitored'],
    [['passing', 'at_risk'], 'at_risk'],
    [['at_risk', 'excepted'], 'excepted'],
    [['excepted', 'not_monitored'], 'not_monitored'],
  ])('%j → %s', (statuses, expected) => {
    expect(requirementStatus(statuses)).toBe(expected);
  });

  const statusesArb = fc.array(fc.constantFrom(...SCORED_CONTROL_STATUSES), { maxLength: 8 });

  it('is passing only when there are controls and every one passes', () => {
    fc.assert(
      fc.property(statusesArb, (statuses) => {
        const passing = statuses.length > 0 && statuses.every((s) => s === 'passing');
        expect(requirementStatus(statuses) === 'passing').toBe(passing);
      }),
    );
  });

  it('follows the precedence failing > unknown > not_monitored > excepted > at_risk > passing, in any order', () => {
    const order: ControlStatus[] = ['failing', 'unknown', 'not_monitored', 'excepted', 'at_risk', 'passing'];
    fc.assert(
      fc.property(statusesArb, (statuses) => {
        const expected = statuses.length === 0 ? 'not_monitored' : (order.find((s) => statuses.includes(s)) ?? 'not_monitored');
        expect(requirementStatus(statuses)).toBe(expected);
        expect(requirementStatus([...statuses].reverse())).toBe(expected);
      }),
    );
  });
});

describe('readiness', () => {
  it('counts each status apart and only passing and at_risk towards the percent', () => {
    expect(readiness(['passing', 'passing', 'failing', 'unknown', 'not_monitored', 'not_monitored', 'passing', 'at_risk', 'excepted', 'excepted'])).toEqual({
      percent: 40,
      passing: 3,
      atRisk: 1,
      failing: 1,
      excepted: 2,
      unknown: 1,
      notMonitored: 2,
      inScope: 10,
    });
  });

  it('rounds to one decimal, half up', () => {
    expect(readiness(['passing', 'failing', 'failing']).percent).toBe(33.3);
    expect(readiness(['passing', 'passing', 'failing']).percent).toBe(66.7);
    expect(readiness(['passing', ...Array<ScoredControlStatus>(7).fill('unknown')]).percent).toBe(12.5);
    expect(readiness(['passing', ...Array<ScoredControlStatus>(15).fill('unknown')]).percent).toBe(6.3); // 6.25
  });

  it('shows 100 only when every requirement passes', () => {
    expect(readiness(['passing', 'passing']).percent).toBe(100);
    const almost = [...Array<ScoredControlStatus>(1999).fill('passing'), 'not_monitored' as const];
    expect(readiness(almost).percent).toBe(99.9);
  });

  it('is 0 with nothing in scope (nothing to claim), and 0 when nothing passes', () => {
    expect(readiness([])).toEqual({ percent: 0, passing: 0, atRisk: 0, failing: 0, excepted: 0, unknown: 0, notMonitored: 0, inScope: 0 });
    expect(readiness(['unknown', 'not_monitored']).percent).toBe(0);
  });

  it('holds its invariants on any input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SCORED_CONTROL_STATUSES), { maxLength: 300 }), (statuses) => {
        const r = readiness(statuses);
        expect(r.passing + r.atRisk + r.failing + r.excepted + r.unknown + r.notMonitored).toBe(r.inScope);
        expect(r.inScope).toBe(statuses.length);
        expect(r.percent).toBeGreaterThanOrEqual(0);
        expect(r.percent).toBeLessThanOrEqual(100);
        expect(Number.isInteger(Math.round(r.percent * 10))).toBe(true);
        expect(Math.abs(r.percent * 10 - Math.round(r.percent * 10))).toBeLessThan(1e-9);
        const compliant = r.passing + r.atRisk;
        expect(r.percent === 100).toBe(r.inScope > 0 && compliant === r.inScope);
        if (r.inScope > 0) expect(Math.abs(r.percent - (compliant / r.inScope) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(readiness([...statuses].reverse())).toEqual(r);
      }),
    );
  });

  it('never counts unknown, not_monitored, failing or excepted as passing: turning one into passing raises the percent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...SCORED_CONTROL_STATUSES), { minLength: 1, maxLength: 50 }),
        fc.nat(),
        (statuses, pick) => {
          const i = pick % statuses.length;
          if (statuses[i] === 'passing' || statuses[i] === 'at_risk') return;
          const improved = statuses.map((s, j) => (j === i ? 'passing' : s));
          const [before, after] = [readiness(statuses), readiness(improved)];
          expect(after.passing).toBe(before.passing + 1);
          expect(after.percent).toBeGreaterThan(before.percent);
        },
      ),
    );
  });
});

describe('scoreFramework', () => {
  const catalog = loadCatalog();
  const cis = catalog.getFramework('cis-aws-foundations-v5');
  if (!cis) throw new Error('CIS framework missing');

  it('scores every requirement from its controls and computes readiness', () => {
    const statuses = Object.fromEntries(catalog.controls.map((c) => [c.id, 'passing' as ScoredControlStatus]));
    statuses['ctl-iam-root-protected'] = 'failing';
    const score = scoreFramework(cis, statuses);
    expect(score.frameworkId).toBe('cis-aws-foundations-v5');
    expect(score.requirements).toHaveLength(14);
    expect(score.requirements.filter((r) => r.status === 'failing').map((r) => r.requirementId)).toEqual(['1.3', '1.4', '1.5']);
    expect(score.readiness).toMatchObject({ passing: 11, failing: 3, inScope: 14, percent: 78.6 });
    expect(score.requirements[0]).toEqual({
      sectionId: '1',
      requirementId: '1.3',
      title: 'The root user has no access keys',
      controlIds: ['ctl-iam-root-protected'],
      status: 'failing',
    });
  });

  it('treats a control without a status as unknown, never as passing', () => {
    const score = scoreFramework(cis, {});
    expect(new Set(score.requirements.map((r) => r.status))).toEqual(new Set(['unknown']));
    expect(score.readiness.percent).toBe(0);
  });

  it('leaves out-of-scope requirements out of the list and readiness', () => {
    const statuses = Object.fromEntries(catalog.controls.map((c) => [c.id, 'passing' as ScoredControlStatus]));
    statuses['ctl-iam-support-role'] = 'failing';
    const score = scoreFramework(cis, statuses, { outOfScope: new Set(['1.16']) });
    expect(score.requirements.map((r) => r.requirementId)).not.toContain('1.16');
    expect(score.readiness).toMatchObject({ passing: 13, failing: 0, inScope: 13, percent: 100 });
  });

  it('keeps manual-only requirements out of passing: SOC 2 with every check green is not 100%', () => {
    // The honest-readiness promise end to end: all automated controls pass, manual ones have no
    // evidence yet, so requirements that depend on them are not counted as passing.
    const soc2 = catalog.getFramework('soc2-tsc-2017');
    if (!soc2) throw new Error('SOC 2 missing');
    const statuses = Object.fromEntries(
      catalog.controls.map((c) => [
        c.id,
        scoreControl({
          automation: c.automation,
          checkIds: c.checkIds,
          findingCounts: Object.fromEntries(c.checkIds.map((id) => [id, { pass: 1 }])),
          manualEvidence: c.manualEvidence.map((e) => ({ ...e, dueSoonDays: 30, latestEffectiveAt: null })),
          controlException: null,
          now: new Date(),
        }).status,
      ]),
    );
    expect(statuses['ctl-iam-console-mfa']).toBe('passing');
    expect(statuses['ctl-access-reviews-quarterly']).toBe('not_monitored');
    // Hybrid: checks green but the manual half never provided.
    expect(statuses['ctl-privileged-access-managed']).toBe('failing');
    const score = scoreFramework(soc2, statuses);
    expect(score.readiness.notMonitored).toBeGreaterThan(0);
    expect(score.readiness.percent).toBeLessThan(100);
    // Removal of access (CC6.5) rests on offboarding records alone: nothing provided, not monitored.
    expect(score.requirements.find((r) => r.requirementId === 'CC6.5')?.status).toBe('not_monitored');
    // CC6.2 has the hybrid offboarding control, its Azure check green and its checklists missing: failing.
    expect(score.requirements.find((r) => r.requirementId === 'CC6.2')?.status).toBe('failing');
  });

  it('adds the workspace\'s own mappings to a requirement', () => {
    const statuses = Object.fromEntries(catalog.controls.map((c) => [c.id, 'passing' as ScoredControlStatus]));
    statuses['ctl-custom-extra'] = 'failing';
    const score = scoreFramework(cis, statuses, { extraMappings: new Map([['1.9', ['ctl-custom-extra']]]) });
    const requirement = score.requirements.find((r) => r.requirementId === '1.9');
    expect(requirement?.controlIds).toEqual(['ctl-iam-console-mfa', 'ctl-custom-extra']);
    expect(requirement?.status).toBe('failing');
  });
});

const NOW = new Date('2026-06-15T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const pentest = (latestEffectiveAt: Date | null): ManualEvidenceInput => ({ id: 'pentest-report', title: 'Pen test report', cadenceDays: 365, dueSoonDays: 30, latestEffectiveAt });
const base = (over: Partial<ControlScoreInput>): ControlScoreInput => ({
  automation: 'manual',
  checkIds: [],
  findingCounts: {},
  manualEvidence: [],
  controlException: null,
  now: NOW,
  ...over,
});

describe('statusRank', () => {
  it('ranks worse statuses higher, in the requirement precedence order', () => {
    const worstFirst = ['failing', 'unknown', 'not_monitored', 'excepted', 'at_risk', 'passing'] as const;
    const ranks = worstFirst.map(statusRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(new Set(ranks).size).toBe(worstFirst.length);
  });
});

describe('manualEvidenceStatus', () => {
  it('counts the cadence from the effective date: current, due soon, overdue, missing', () => {
    expect(manualEvidenceStatus(pentest(null), NOW)).toEqual({ id: 'pentest-report', state: 'missing', dueAt: null });
    expect(manualEvidenceStatus(pentest(daysAgo(100)), NOW).state).toBe('current');
    expect(manualEvidenceStatus(pentest(daysAgo(340)), NOW).state).toBe('due_soon');
    expect(manualEvidenceStatus(pentest(daysAgo(365)), NOW).state).toBe('overdue');
    expect(manualEvidenceStatus(pentest(daysAgo(100)), NOW).dueAt?.toISOString()).toBe('2027-03-07T12:00:00.000Z');
  });
});

describe('scoreControl', () => {
  const A = 'aws-iam.console-user-mfa';

  it('a manual control with no evidence is not_monitored; with current evidence passing', () => {
    expect(scoreControl(base({ manualEvidence: [pentest(null)] }))).toMatchObject({ status: 'not_monitored', reason: 'No evidence provided yet: Pen test report.' });
    expect(scoreControl(base({ manualEvidence: [pentest(daysAgo(10))] })).status).toBe('passing');
  });

  it('evidence due soon is at_risk and overdue is failing, naming the item and date', () => {
    expect(scoreControl(base({ manualEvidence: [pentest(daysAgo(350))] }))).toMatchObject({ status: 'at_risk', reason: 'Evidence due soon: Pen test report (due 2026-06-30).' });
    expect(scoreControl(base({ manualEvidence: [pentest(daysAgo(400))] }))).toMatchObject({ status: 'failing', reason: 'Evidence overdue: Pen test report (was due 2026-05-11).' });
  });

  it('a hybrid control fails when its manual half was never provided, even with passing checks', () => {
    const result = scoreControl(base({ automation: 'hybrid', checkIds: [A], findingCounts: { [A]: { pass: 3 } }, manualEvidence: [pentest(null)] }));
    expect(result.status).toBe('failing');
    expect(result.reason).toContain('Evidence never provided: Pen test report');
  });

  it('a live control exception turns failing into excepted; an expired one does not', () => {
    const failing = base({ automation: 'automated', checkIds: [A], findingCounts: { [A]: { fail: 2, pass: 1 } } });
    expect(scoreControl({ ...failing, controlException: { expiresAt: daysAgo(-30) } }).status).toBe('excepted');
    expect(scoreControl({ ...failing, controlException: { expiresAt: daysAgo(1) } }).status).toBe('failing');
    // An exception accepts failures, not blindness: an unknown control stays unknown.
    const blind = base({ automation: 'automated', checkIds: [A], findingCounts: { [A]: { unknown: 1 } }, controlException: { expiresAt: daysAgo(-30) } });
    expect(scoreControl(blind).status).toBe('unknown');
  });

  it('failing findings all covered by finding exceptions make the control excepted, never passing', () => {
    const result = scoreControl(base({ automation: 'automated', checkIds: [A], findingCounts: { [A]: { pass: 4, excepted: 1 } } }));
    expect(result).toMatchObject({ status: 'excepted', reason: `1 failing finding covered by approved exceptions: ${A} (1).` });
    // One uncovered failure is enough to fail.
    expect(scoreControl(base({ automation: 'automated', checkIds: [A], findingCounts: { [A]: { fail: 1, excepted: 1 } } })).status).toBe('failing');
  });

  it('is never better than the worst of its parts (property)', () => {
    const stateArb = fc.constantFrom<number | null>(null, 10, 350, 400);
    const countsArb = fc.record({ pass: fc.nat(3), fail: fc.nat(2), unknown: fc.nat(1), excepted: fc.nat(1) });
    fc.assert(
      fc.property(fc.array(stateArb, { maxLength: 3 }), fc.option(countsArb, { nil: undefined }), fc.boolean(), (ages, counts, exception) => {
        const manualEvidence = ages.map((age, i) => ({ ...pentest(age === null ? null : daysAgo(age)), id: `e${i}` }));
        const checkIds = counts ? [A] : [];
        if (checkIds.length === 0 && manualEvidence.length === 0) return;
        const automation = checkIds.length === 0 ? 'manual' : manualEvidence.length === 0 ? 'automated' : 'hybrid';
        const input = base({ automation, checkIds, findingCounts: counts ? { [A]: counts } : {}, manualEvidence, controlException: exception ? { expiresAt: daysAgo(-5) } : null });
        const { status } = scoreControl(input);
        const anyFailure = (counts?.fail ?? 0) > 0 || ages.some((a) => a === 400) || (ages.some((a) => a === null) && (checkIds.length > 0 || ages.some((a) => a !== null)));
        if (anyFailure) expect(status).toBe(exception ? 'excepted' : 'failing');
        if (status === 'passing') {
          expect(ages.every((a) => a === 10)).toBe(true);
          if (counts) expect(counts.fail + counts.unknown + counts.excepted).toBe(0);
        }
      }),
    );
  });
});
