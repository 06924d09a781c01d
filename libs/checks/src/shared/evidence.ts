import type { EvidenceItem, EvidenceSet } from '@astrolabe/core';
import type { z } from 'zod';

export type ParsedItem<T> = { ok: true; item: EvidenceItem; data: T } | { ok: false; item: EvidenceItem; problem: string };

/** The first zod issue as "path: message" — enough to tell a connector bug from a format change. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid data';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Validates every item of a kind against its core schema. Malformed items are returned
 * rather than dropped so the check can answer `unknown` for exactly that resource.
 */
export function parseItems<T>(evidence: EvidenceSet, kind: string, schema: z.ZodType<T>): ParsedItem<T>[] {
  return evidence.items(kind).map((item) => {
    const result = schema.safeParse(item.data);
    return result.success ? { ok: true, item, data: result.data } : { ok: false, item, problem: describeIssue(result.error) };
  });
}

export type SingleItem<T> = { ok: true; item: EvidenceItem; data: T } | { ok: false; reason: string; evidence: string[] };

/**
 * Reads an account-wide kind that must hold exactly one observation (account summary,
 * password policy, a GitHub organization's settings). Zero or several observations mean the
 * snapshot is not what the connector promised, so the caller answers `unknown` instead of
 * guessing which one counts. `scopeNoun` names what the one observation is about in reasons.
 */
export function readSingle<T>(evidence: EvidenceSet, kind: string, schema: z.ZodType<T>, what: string, scopeNoun = 'account'): SingleItem<T> {
  const items = parseItems(evidence, kind, schema);
  const [only] = items;
  if (!only) {
    return { ok: false, reason: `The ${what} was marked collected but no observation of it was stored; re-run the collection.`, evidence: [] };
  }
  if (items.length > 1) {
    return {
      ok: false,
      reason: `Expected one ${what} observation for the ${scopeNoun} but found ${items.length}; re-run the collection.`,
      evidence: items.map((p) => p.item.hash),
    };
  }
  if (!only.ok) {
    return { ok: false, reason: `The ${what} evidence is malformed (${only.problem}); re-run the collection.`, evidence: [only.item.hash] };
  }
  return only;
}
