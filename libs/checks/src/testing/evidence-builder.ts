import { createEvidenceSet, type CollectionError, type EvidenceItem, type EvidenceSet, type KindOutcome } from '@astrolabe/core';

/**
 * Deterministic stand-in for the sha256 of canonical JSON: FNV-1a over kind, resource and
 * data, widened to 64 hex characters. Specs only need hashes that are stable and distinct.
 */
export function fakeHash(kind: string, resourceId: string, data: unknown): string {
  const input = `${kind}\u0000${resourceId}\u0000${JSON.stringify(data)}`;
  let out = '';
  for (let seed = 0; seed < 8; seed++) {
    let h = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * Builds the EvidenceSet a collection run would hand to checks. Adding an item marks its kind
 * succeeded; `failed` and `notCollected` override a kind afterwards, so a spec can start from
 * complete evidence and knock out one kind.
 */
export class EvidenceBuilder {
  private readonly itemList: EvidenceItem[] = [];
  private readonly outcomes = new Map<string, KindOutcome['status'] | CollectionError>();

  add(kind: string, resourceId: string, data: unknown): this {
    this.itemList.push({ kind, resourceId, data, hash: fakeHash(kind, resourceId, data) });
    if (!this.outcomes.has(kind)) this.outcomes.set(kind, 'succeeded');
    return this;
  }

  /** The kind was collected and is empty (e.g. an account with no server certificates). */
  collected(kind: string): this {
    this.outcomes.set(kind, 'succeeded');
    return this;
  }

  failed(kind: string, error: CollectionError = { code: 'AccessDenied', message: 'User is not authorized to perform this action' }): this {
    this.outcomes.set(kind, error);
    return this;
  }

  notCollected(kind: string): this {
    this.outcomes.delete(kind);
    return this;
  }

  /** Hash of the (last) item added for this kind and resource, for asserting `finding.evidence`. */
  hashOf(kind: string, resourceId: string): string {
    const item = [...this.itemList].reverse().find((i) => i.kind === kind && i.resourceId === resourceId);
    if (!item) throw new Error(`no ${kind} item for ${resourceId} in this builder`);
    return item.hash;
  }

  build(): EvidenceSet {
    const outcomes: Record<string, KindOutcome> = {};
    for (const [kind, outcome] of this.outcomes) {
      const items = this.itemList.filter((i) => i.kind === kind).length;
      outcomes[kind] = outcome === 'succeeded' || outcome === 'failed' ? { status: outcome, items } : { status: 'failed', items: 0, error: outcome };
    }
    return createEvidenceSet(this.itemList, outcomes);
  }
}

export function evidenceBuilder(): EvidenceBuilder {
  return new EvidenceBuilder();
}
