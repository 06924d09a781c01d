import { z } from 'zod';
import type { EvidenceSet } from './evidence';
import { resourceRefSchema, type ResourceRef } from './resource';
import { FINDING_STATUSES, SEVERITIES, type FindingStatus } from './status';

export const checkMetadataSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'check ids look like <connector>.<kebab-name>'),
  connector: z.string().min(1),
  title: z.string().min(5),
  severity: z.enum(SEVERITIES),
  resourceType: z.string().min(1),
  reads: z.array(z.string().min(1)).min(1),
  rationale: z.string().min(20),
  remediation: z.object({
    summary: z.string().min(10),
    console: z.array(z.string().min(3)).min(1),
    cli: z.string().min(3),
    terraform: z.string().min(3),
  }),
  references: z.object({
    cis: z.array(z.object({ benchmark: z.string(), version: z.string(), id: z.string() })).default([]),
    soc2: z.array(z.string()).min(1),
    iso27001: z.array(z.string()).min(1),
  }),
});
export type CheckMetadata = z.infer<typeof checkMetadataSchema>;

export interface EvaluationContext {
  now: Date;
  /** The resource the connection is about; account-level findings and `unknown` findings use it. */
  scope: ResourceRef;
}

export interface CheckFinding {
  resource: ResourceRef;
  status: FindingStatus;
  reason: string;
  /** Hashes of the evidence items this verdict rests on. */
  evidence: string[];
}

export interface Finding extends CheckFinding {
  checkId: string;
}

export type Evaluate = (evidence: EvidenceSet, ctx: EvaluationContext) => CheckFinding[];

export interface CheckDefinition {
  metadata: CheckMetadata;
  evaluate: Evaluate;
}

const checkFindingSchema = z.object({
  resource: resourceRefSchema,
  status: z.enum(FINDING_STATUSES),
  reason: z.string().min(1),
  evidence: z.array(z.string()),
});

/**
 * Wraps a pure evaluate function so no check can forget the one rule that matters most:
 * if any evidence kind it reads was not collected, the answer is `unknown` (never pass or fail).
 */
export function defineCheck(metadataJson: unknown, evaluate: Evaluate): CheckDefinition {
  const metadata = checkMetadataSchema.parse(metadataJson);
  const guarded: Evaluate = (evidence, ctx) => {
    const unavailable = metadata.reads
      .map((kind) => ({ kind, outcome: evidence.outcome(kind) }))
      .filter(({ outcome }) => outcome?.status !== 'succeeded');
    if (unavailable.length > 0) {
      const reason = unavailable
        .map(({ kind, outcome }) => {
          if (!outcome) return `${kind} was not collected`;
          const perm = outcome.error?.missingPermission ? ` (missing permission ${outcome.error.missingPermission})` : '';
          return `${kind} could not be collected: ${outcome.error?.message ?? 'unknown error'}${perm}`;
        })
        .join('; ');
      return [{ resource: ctx.scope, status: 'unknown', reason, evidence: [] }];
    }
    return evaluate(evidence, ctx);
  };
  return { metadata, evaluate: guarded };
}

/**
 * Runs checks over one evidence set. A check that throws or returns malformed findings yields
 * one `unknown` finding (a bug in a check must never read as compliance) and is reported to
 * `onCheckError`, so callers can keep that check's earlier resources instead of dropping them.
 */
export function evaluateChecks(
  checks: readonly CheckDefinition[],
  evidence: EvidenceSet,
  ctx: EvaluationContext,
  onCheckError?: (checkId: string, message: string) => void,
): Finding[] {
  const out: Finding[] = [];
  for (const check of checks) {
    let findings: CheckFinding[];
    try {
      findings = z.array(checkFindingSchema).parse(check.evaluate(evidence, ctx));
    } catch (err) {
      const message =
        err instanceof z.ZodError
          ? `malformed findings: ${err.issues.map((i) => `${i.path.join('.') || '(result)'} ${i.message}`).join('; ')}`
          : err instanceof Error
            ? (err.message.split('\n')[0] ?? '')
            : String(err);
      findings = [{ resource: ctx.scope, status: 'unknown', reason: `check could not evaluate: ${message}`, evidence: [] }];
      onCheckError?.(check.metadata.id, message);
    }
    for (const f of findings) out.push({ ...f, checkId: check.metadata.id });
  }
  return out;
}
