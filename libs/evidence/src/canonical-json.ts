import { createHash } from 'node:crypto';
import canonicalizeJcs from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: key order and number formatting are fixed, so the same
 * observation always has the same bytes and therefore the same hash on any machine.
 */
export function canonicalJson(value: unknown): string {
  return canonicalDocument(value).text;
}

// JSON.stringify escapes a lone surrogate as \udXXX; well-formed pairs are written as characters.
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/i;

/**
 * Canonical text plus the value it denotes. Rejects what JCS (RFC 8785) rejects and what
 * the `canonicalize` package lets through: nested functions (which would print as `undefined`)
 * and lone surrogates.
 */
export function canonicalDocument(value: unknown): { text: string; value: unknown } {
  const text = canonicalizeJcs(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  if (LONE_SURROGATE_ESCAPE.test(text)) throw new TypeError('value contains a lone UTF-16 surrogate, which JSON canonicalization forbids');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TypeError('value contains members with no JSON representation (functions?)');
  }
  return { text, value: parsed };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 of raw bytes (uploaded files), lower-case hex. */
export function sha256HexOfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function evidenceHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
