import { ENTRA_KINDS, entraUserSchema, type CheckFinding, type EntraUser, type EvidenceItem, type EvidenceSet, type ResourceRef } from '@astrolabe/core';
import type { z } from 'zod';
import { parseItems, type ParsedItem } from '../shared/evidence';
import { orNotApplicable, toFinding, unknown, type Verdict } from '../shared/verdict';
import { ENTRA_RESOURCE_TYPES, refFromResourceId, userRef } from './resources';

/** Every tenant has at least the account that consented to the app, so no users is a broken collection. */
export const NO_USERS_REASON = 'The user list was collected without any users, but every Microsoft Entra tenant has at least one; re-run the collection.';

/** Items of a per-user kind by the resource id they share with the user (`entra-id:user/<id>`). */
export function byResourceId<T>(evidence: EvidenceSet, kind: string, schema: z.ZodType<T>): Map<string, ParsedItem<T>> {
  return new Map(parseItems(evidence, kind, schema).map((p) => [p.item.resourceId, p]));
}

/** A user's verdict and the evidence it rests on beyond the user item (the joined sign-in or registration row). */
export interface UserJudgement {
  verdict: Verdict;
  evidence: readonly EvidenceItem[];
}

/**
 * Judges the users a check is about (`inScope`), one finding each on the user. A malformed user
 * is `unknown` on that user only; no users at all is `unknown` on the tenant; a tenant with no
 * user in scope (no guests, say) is `not_applicable` on the tenant with `noneReason`.
 */
export function evaluateUsers(
  evidence: EvidenceSet,
  scope: ResourceRef,
  opts: { inScope: (user: EntraUser) => boolean; noneReason: string },
  judge: (user: EntraUser, item: EvidenceItem) => UserJudgement,
): CheckFinding[] {
  const parsed = parseItems(evidence, ENTRA_KINDS.user, entraUserSchema);
  if (parsed.length === 0) return [toFinding(scope, unknown(NO_USERS_REASON), [])];
  const findings = parsed.flatMap((p): CheckFinding[] => {
    if (!p.ok) {
      return [toFinding(refFromResourceId(p.item.resourceId, ENTRA_RESOURCE_TYPES.user), unknown(`The user evidence for ${p.item.resourceId} is malformed (${p.problem}); re-run the collection.`), [p.item.hash])];
    }
    if (!opts.inScope(p.data)) return [];
    const judged = judge(p.data, p.item);
    return [toFinding(userRef(p.data), judged.verdict, [p.item.hash, ...judged.evidence.map((e) => e.hash)])];
  });
  return orNotApplicable(findings, scope, opts.noneReason);
}

/** The joined row of a per-user kind, or the `unknown` that explains why it cannot be judged. */
export function joined<T>(rows: Map<string, ParsedItem<T>>, user: EntraUser, item: EvidenceItem, missing: string): { ok: true; data: T; item: EvidenceItem } | { ok: false; judgement: UserJudgement } {
  const row = rows.get(item.resourceId);
  if (!row) return { ok: false, judgement: { verdict: unknown(missing), evidence: [] } };
  if (!row.ok) return { ok: false, judgement: { verdict: unknown(`The evidence joined to ${user.userPrincipalName} is malformed (${row.problem}); re-run the collection.`), evidence: [row.item] } };
  return { ok: true, data: row.data, item: row.item };
}
