import { describe, expect, it, vi } from 'vitest';
import { defineCheck, evaluateChecks, type CheckFinding, type EvaluationContext, type Evaluate } from './check';
import { connectorPermissions } from './connector';
import { createEvidenceSet, type EvidenceItem, type KindOutcome } from './evidence';

const USERS = 'test.users';
const POLICY = 'test.password-policy';
const SCOPE = { id: 'arn:aws:iam::123456789012:root', type: 'aws:account', name: '123456789012' };

function metadata(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'test.users-have-mfa',
    connector: 'test',
    title: 'Users have MFA',
    severity: 'high',
    resourceType: 'test:user',
    reads: [USERS, POLICY],
    rationale: 'Passwords alone are phished, reused and guessed every day.',
    remediation: {
      summary: 'Assign an MFA device to every user.',
      console: ['Open the user and assign MFA.'],
      cli: 'aws iam enable-mfa-device',
      terraform: 'resource "x" "y" {}',
    },
    references: { soc2: ['CC6.1'], iso27001: ['A.8.5'] },
    ...overrides,
  };
}

function ctx(): EvaluationContext {
  return { now: new Date('2025-01-01T00:00:00Z'), scope: SCOPE };
}

function item(kind: string, resourceId: string, data: unknown = {}): EvidenceItem {
  return { kind, resourceId, data, hash: `${kind}:${resourceId}` };
}

const succeeded = (items: number): KindOutcome => ({ status: 'succeeded', items });

function passOn(resourceId: string): CheckFinding {
  return { resource: { id: resourceId, type: 'test:user', name: resourceId }, status: 'pass', reason: 'has MFA', evidence: [`${USERS}:${resourceId}`] };
}

describe('defineCheck', () => {
  it('parses valid metadata and applies defaults', () => {
    const check = defineCheck(metadata(), () => []);
    expect(check.metadata.id).toBe('test.users-have-mfa');
    expect(check.metadata.references.cis).toEqual([]);
  });

  it('rejects a check.json with an invalid severity, naming the field', () => {
    expect(() => defineCheck(metadata({ severity: 'urgent' }), () => [])).toThrow(/severity/);
  });

  it('rejects a malformed id with the id convention in the message', () => {
    expect(() => defineCheck(metadata({ id: 'NoDotHere' }), () => [])).toThrow(/check ids look like <connector>\.<kebab-name>/);
  });

  it('rejects a check that reads no evidence kinds', () => {
    expect(() => defineCheck(metadata({ reads: [] }), () => [])).toThrow(/reads/);
  });

  it('rejects a check.json missing its remediation', () => {
    const { remediation: _remediation, ...rest } = metadata();
    expect(() => defineCheck(rest, () => [])).toThrow(/remediation/);
  });

  it('calls evaluate with the evidence and context when every kind read succeeded', () => {
    const findings = [passOn('alice')];
    const evaluate = vi.fn<Evaluate>(() => findings);
    const check = defineCheck(metadata(), evaluate);
    const evidence = createEvidenceSet([item(USERS, 'alice')], { [USERS]: succeeded(1), [POLICY]: succeeded(0) });
    const context = ctx();

    expect(check.evaluate(evidence, context)).toBe(findings);
    expect(evaluate).toHaveBeenCalledExactlyOnceWith(evidence, context);
  });

  it('answers one unknown on the scope naming the failed kind and the missing permission', () => {
    const evaluate = vi.fn<Evaluate>(() => [passOn('alice')]);
    const check = defineCheck(metadata(), evaluate);
    const evidence = createEvidenceSet([item(USERS, 'alice')], {
      [USERS]: succeeded(1),
      [POLICY]: { status: 'failed', items: 0, error: { code: 'AccessDenied', message: 'not authorized', missingPermission: 'iam:GetAccountPasswordPolicy' } },
    });

    const findings = check.evaluate(evidence, ctx());

    expect(evaluate).not.toHaveBeenCalled();
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ resource: SCOPE, status: 'unknown', evidence: [] });
    expect(findings[0]?.reason).toContain(POLICY);
    expect(findings[0]?.reason).toContain('iam:GetAccountPasswordPolicy');
    expect(findings[0]?.reason).toContain('not authorized');
    expect(findings[0]?.reason).not.toContain(USERS);
  });

  it('answers unknown when a kind it reads was never collected', () => {
    const evaluate = vi.fn<Evaluate>(() => [passOn('alice')]);
    const check = defineCheck(metadata(), evaluate);
    const evidence = createEvidenceSet([item(USERS, 'alice')], { [USERS]: succeeded(1) });

    const findings = check.evaluate(evidence, ctx());

    expect(evaluate).not.toHaveBeenCalled();
    expect(findings).toEqual([{ resource: SCOPE, status: 'unknown', reason: expect.stringContaining(`${POLICY} was not collected`), evidence: [] }]);
  });

  it('names every unavailable kind in the single unknown finding', () => {
    const check = defineCheck(metadata(), () => [passOn('alice')]);
    const evidence = createEvidenceSet([], { [USERS]: { status: 'failed', items: 0, error: { code: 'Throttling', message: 'rate exceeded' } } });

    const findings = check.evaluate(evidence, ctx());

    expect(findings).toHaveLength(1);
    expect(findings[0]?.status).toBe('unknown');
    expect(findings[0]?.reason).toContain(USERS);
    expect(findings[0]?.reason).toContain('rate exceeded');
    expect(findings[0]?.reason).toContain(POLICY);
  });

  it('ignores kinds it does not read', () => {
    const check = defineCheck(metadata({ reads: [USERS] }), () => [passOn('alice')]);
    const evidence = createEvidenceSet([item(USERS, 'alice')], {
      [USERS]: succeeded(1),
      [POLICY]: { status: 'failed', items: 0, error: { code: 'AccessDenied', message: 'denied' } },
    });
    expect(check.evaluate(evidence, ctx())).toEqual([passOn('alice')]);
  });
});

describe('evaluateChecks', () => {
  const evidence = createEvidenceSet([item(USERS, 'alice')], { [USERS]: succeeded(1), [POLICY]: succeeded(0) });

  it('attaches the check id to every finding', () => {
    const a = defineCheck(metadata({ id: 'test.a' }), () => [passOn('alice'), passOn('bob')]);
    const b = defineCheck(metadata({ id: 'test.b' }), () => [passOn('carol')]);

    const findings = evaluateChecks([a, b], evidence, ctx());

    expect(findings.map((f) => [f.checkId, f.resource.id])).toEqual([
      ['test.a', 'alice'],
      ['test.a', 'bob'],
      ['test.b', 'carol'],
    ]);
  });

  it('turns a throwing check into one unknown with the message, leaving others intact', () => {
    const broken = defineCheck(metadata({ id: 'test.broken' }), () => {
      throw new Error('cannot read properties of undefined\nstack-ish detail');
    });
    const healthy = defineCheck(metadata({ id: 'test.healthy' }), () => [passOn('alice')]);

    const findings = evaluateChecks([broken, healthy], evidence, ctx());

    expect(findings).toEqual([
      { checkId: 'test.broken', resource: SCOPE, status: 'unknown', reason: 'check could not evaluate: cannot read properties of undefined', evidence: [] },
      { checkId: 'test.healthy', ...passOn('alice') },
    ]);
  });

  it('handles a check that throws a non-Error value', () => {
    const broken = defineCheck(metadata({ id: 'test.broken' }), () => {
      throw 'plain string';
    });
    const [finding] = evaluateChecks([broken], evidence, ctx());
    expect(finding).toMatchObject({ checkId: 'test.broken', status: 'unknown', resource: SCOPE });
    expect(finding?.reason).toContain('plain string');
  });

  it('turns findings with an invalid status into one unknown on the scope', () => {
    const bad = { ...passOn('alice'), status: 'compliant' } as unknown as CheckFinding;
    const malformed = defineCheck(metadata({ id: 'test.malformed' }), () => [bad, passOn('bob')]);
    const healthy = defineCheck(metadata({ id: 'test.healthy' }), () => [passOn('carol')]);

    const findings = evaluateChecks([malformed, healthy], evidence, ctx());

    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ checkId: 'test.malformed', resource: SCOPE, status: 'unknown', evidence: [] });
    expect(findings[0]?.reason).toMatch(/^check could not evaluate/);
    expect(findings[1]).toEqual({ checkId: 'test.healthy', ...passOn('carol') });
  });

  // Regression: a ZodError's message is multi-line JSON; its first line alone ("[") said nothing.
  it('says what was malformed when a check returns a bad status', () => {
    const bad = { ...passOn('alice'), status: 'compliant' } as unknown as CheckFinding;
    const malformed = defineCheck(metadata({ id: 'test.malformed' }), () => [bad]);
    const [finding] = evaluateChecks([malformed], evidence, ctx());
    expect(finding?.reason).toMatch(/status/);
  });

  it('turns findings missing a reason or resource into unknown', () => {
    const noReason = { ...passOn('alice'), reason: '' };
    const noResource = { status: 'pass', reason: 'ok', evidence: [] } as unknown as CheckFinding;
    const a = defineCheck(metadata({ id: 'test.a' }), () => [noReason]);
    const b = defineCheck(metadata({ id: 'test.b' }), () => [noResource]);

    const findings = evaluateChecks([a, b], evidence, ctx());

    expect(findings.map((f) => [f.checkId, f.status, f.resource])).toEqual([
      ['test.a', 'unknown', SCOPE],
      ['test.b', 'unknown', SCOPE],
    ]);
  });

  it('turns a non-array result into unknown', () => {
    const check = defineCheck(metadata({ id: 'test.not-array' }), () => ({ status: 'pass' }) as unknown as CheckFinding[]);
    expect(evaluateChecks([check], evidence, ctx())).toEqual([
      { checkId: 'test.not-array', resource: SCOPE, status: 'unknown', reason: expect.stringMatching(/^check could not evaluate/), evidence: [] },
    ]);
  });

  it('keeps the evidence-gate unknown of a check whose kinds are missing', () => {
    const gated = defineCheck(metadata({ id: 'test.gated' }), () => [passOn('alice')]);
    const partial = createEvidenceSet([item(USERS, 'alice')], { [USERS]: succeeded(1) });
    const [finding] = evaluateChecks([gated], partial, ctx());
    expect(finding).toMatchObject({ checkId: 'test.gated', status: 'unknown', resource: SCOPE });
    expect(finding?.reason).toContain(POLICY);
  });

  it('returns nothing for no checks', () => {
    expect(evaluateChecks([], evidence, ctx())).toEqual([]);
  });
});

describe('createEvidenceSet', () => {
  const items = [item(USERS, 'alice'), item(POLICY, 'account'), item(USERS, 'bob')];

  it('returns the items of a succeeded kind, grouped by kind', () => {
    const set = createEvidenceSet(items, { [USERS]: succeeded(2), [POLICY]: succeeded(1) });
    expect(set.items(USERS).map((i) => i.resourceId)).toEqual(['alice', 'bob']);
    expect(set.items(POLICY).map((i) => i.resourceId)).toEqual(['account']);
  });

  it('hides the items of a failed kind', () => {
    const set = createEvidenceSet(items, { [USERS]: { status: 'failed', items: 0, error: { code: 'AccessDenied', message: 'denied' } }, [POLICY]: succeeded(1) });
    expect(set.items(USERS)).toEqual([]);
    expect(set.items(POLICY)).toHaveLength(1);
  });

  it('hides items of a kind that has no outcome', () => {
    const set = createEvidenceSet(items, { [POLICY]: succeeded(1) });
    expect(set.items(USERS)).toEqual([]);
  });

  it('returns no items for a succeeded kind with nothing collected', () => {
    const set = createEvidenceSet([], { [USERS]: succeeded(0) });
    expect(set.items(USERS)).toEqual([]);
  });

  it('looks up outcomes by kind, undefined when never collected', () => {
    const failed: KindOutcome = { status: 'failed', items: 0, error: { code: 'AccessDenied', message: 'denied', missingPermission: 'iam:ListUsers' } };
    const set = createEvidenceSet(items, { [USERS]: failed, [POLICY]: succeeded(1) });
    expect(set.outcome(USERS)).toEqual(failed);
    expect(set.outcome(POLICY)).toEqual(succeeded(1));
    expect(set.outcome('test.never')).toBeUndefined();
  });
});

describe('connectorPermissions', () => {
  it('collects the permissions of every evidence kind, deduplicated and sorted', () => {
    const permissions = connectorPermissions({
      evidenceKinds: [
        { kind: 'a', title: 'A', permissions: ['iam:ListUsers', 'iam:GetUser'] },
        { kind: 'b', title: 'B', permissions: ['iam:GetAccountSummary', 'iam:ListUsers'] },
        { kind: 'c', title: 'C', permissions: [] },
      ],
    });
    expect(permissions).toEqual(['iam:GetAccountSummary', 'iam:GetUser', 'iam:ListUsers']);
  });

  it('is empty for a connector without evidence kinds', () => {
    expect(connectorPermissions({ evidenceKinds: [] })).toEqual([]);
  });
});
