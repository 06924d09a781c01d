import type { KindOutcomeStatus } from './status';

/** Why a kind could not be collected. `missingPermission` names the exact permission to grant. */
export interface CollectionError {
  code: string;
  message: string;
  missingPermission?: string;
}

/** One normalized record a connector saw, as handed to checks (hash of its canonical JSON). */
export interface EvidenceItem<T = unknown> {
  kind: string;
  resourceId: string;
  hash: string;
  data: T;
}

export interface KindOutcome {
  status: KindOutcomeStatus;
  items: number;
  error?: CollectionError;
}

/**
 * The evidence of one collection run: a full snapshot per kind. A kind with no outcome was
 * never collected; a kind whose outcome is `failed` has no usable items. Checks read it only
 * through this interface, so they cannot tell stored evidence from freshly collected evidence.
 */
export interface EvidenceSet {
  items<T = unknown>(kind: string): readonly EvidenceItem<T>[];
  outcome(kind: string): KindOutcome | undefined;
}

export function createEvidenceSet(items: readonly EvidenceItem[], outcomes: Readonly<Record<string, KindOutcome>>): EvidenceSet {
  const byKind = new Map<string, EvidenceItem[]>();
  for (const item of items) {
    const list = byKind.get(item.kind);
    if (list) list.push(item);
    else byKind.set(item.kind, [item]);
  }
  return {
    items: <T>(kind: string) => (Object.hasOwn(outcomes, kind) && outcomes[kind]?.status === 'succeeded' ? ((byKind.get(kind) ?? []) as EvidenceItem<T>[]) : []),
    outcome: (kind: string) => (Object.hasOwn(outcomes, kind) ? outcomes[kind] : undefined),
  };
}
