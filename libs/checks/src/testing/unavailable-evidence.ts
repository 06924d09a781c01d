import type { CheckDefinition } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { KIND_PERMISSIONS, ROOT_ARN, context } from './aws-iam-fixtures';
import type { EvidenceBuilder } from './evidence-builder';

/**
 * The `unknown` cases every check shares: for each kind it reads, knock that kind out of
 * otherwise complete evidence (failed with a missing permission, or never collected) and
 * expect exactly one `unknown` on the account naming what is missing — never pass or fail.
 */
export function describeUnavailableEvidence(check: CheckDefinition, completeEvidence: () => EvidenceBuilder): void {
  describe('when evidence is unavailable', () => {
    it('evaluates the complete evidence without unknowns (sanity check of the fixture)', () => {
      const findings = check.evaluate(completeEvidence().build(), context());
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.status !== 'unknown')).toBe(true);
    });

    for (const kind of check.metadata.reads) {
      const permission = KIND_PERMISSIONS[kind] ?? `iam:Read-${kind}`;

      it(`answers unknown naming ${permission} when ${kind} failed with AccessDenied`, () => {
        const evidence = completeEvidence()
          .failed(kind, { code: 'AccessDenied', message: `not authorized to perform ${permission}`, missingPermission: permission })
          .build();
        const findings = check.evaluate(evidence, context());
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ status: 'unknown', resource: { id: ROOT_ARN }, evidence: [] });
        expect(findings[0]?.reason).toContain(`missing permission ${permission}`);
      });

      it(`answers unknown when ${kind} was not collected`, () => {
        const findings = check.evaluate(completeEvidence().notCollected(kind).build(), context());
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ status: 'unknown', resource: { id: ROOT_ARN } });
        expect(findings[0]?.reason).toContain(`${kind} was not collected`);
      });
    }
  });
}
