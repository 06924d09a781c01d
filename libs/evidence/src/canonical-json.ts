import { createHash } from 'node:crypto';
import canonicalizeJcs from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: key order and number formatting are fixed, so the same
 * observation always has the same bytes and therefore the same hash on any machine.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalizeJcs(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function evidenceHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
