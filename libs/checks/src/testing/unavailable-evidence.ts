import type { CheckDefinition, EvaluationContext } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { KIND_PERMISSIONS, context } from './aws-iam-fixtures';
import type { EvidenceBuilder } from './evidence-builder';
import { GITHUB_KIND_PERMISSIONS, githubContext } from './github-fixtures';

/** What the shared `unknown` cases need from a connector's fixtures. */
export interface UnavailableEvidenceSetup {
  context: () => EvaluationContext;
  /** The permission named when a kind fails with access denied. */
  permissionFor: (kind: string) => string;
}

export const AWS_IAM_SETUP: UnavailableEvidenceSetup = { context: () => context(), permissionFor: (kind) => KIND_PERMISSIONS[kind] ?? `iam:Read-${kind}` };
export const GITHUB_SETUP: UnavailableEvidenceSetup = { context: () => githubContext(), permissionFor: (kind) => GITHUB_KIND_PERMISSIONS[kind] ?? `read ${kind}` };

/**
 * The `unknown` cases every check shares: for each kind it reads, knock that kind out of
 * otherwise complete evidence (failed with a missing permission, or never collected) and
 * expect exactly one `unknown` on the connection's scope naming what is missing — never pass or fail.
 */
export function describeUnavailableEvidence(check: CheckDefinition, completeEvidence: () => EvidenceBuilder, setup: UnavailableEvidenceSetup = AWS_IAM_SETUP): void {
  const scopeId = setup.context().scope.id;
  describe('when evidence is unavailable', () => {
    it('evaluates the complete evidence without unknowns (sanity check of the fixture)', () => {
      const findings = check.evaluate(completeEvidence().build(), setup.context());
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.status !== 'unknown')).toBe(true);
    });

    for (const kind of check.metadata.reads) {
      const permission = setup.permissionFor(kind);

      it(`answers unknown naming ${permission} when ${kind} failed with AccessDenied`, () => {
        const evidence = completeEvidence()
          .failed(kind, { code: 'AccessDenied', message: `not authorized to perform ${permission}`, missingPermission: permission })
          .build();
        const findings = check.evaluate(evidence, setup.context());
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ status: 'unknown', resource: { id: scopeId }, evidence: [] });
        expect(findings[0]?.reason).toContain(`missing permission ${permission}`);
      });

      it(`answers unknown when ${kind} was not collected`, () => {
        const findings = check.evaluate(completeEvidence().notCollected(kind).build(), setup.context());
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ status: 'unknown', resource: { id: scopeId } });
        expect(findings[0]?.reason).toContain(`${kind} was not collected`);
      });
    }
  });
}
