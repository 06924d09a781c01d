import { assert as fcAssert, integer, jsonValue, pre, property } from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, evidenceHash, sha256Hex } from './canonical-json';

/**
 * Same value, keys inserted in another order at every depth (own data properties only):
 * rotated by the seed and reversed when it is odd, so fast-check's seed picks the permutation.
 */
function permuteKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v) => permuteKeys(v, seed));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const k = entries.length === 0 ? 0 : seed % entries.length;
  const rotated = [...entries.slice(k), ...entries.slice(0, k)];
  const ordered = seed % 2 === 1 ? rotated.reverse() : rotated;
  return Object.fromEntries(ordered.map(([key, v]) => [key, permuteKeys(v, seed + 1)]));
}

const json = jsonValue({ stringUnit: 'binary', maxDepth: 4 });

const fromBits = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalJson properties', () => {
  it('does not depend on object key order', () => {
    fcAssert(
      property(json, integer({ min: 0 }), (value, seed) => {
        expect(canonicalJson(permuteKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('parses back to the value JSON.stringify would give', () => {
    fcAssert(
      property(json, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('is a fixed point: canonicalizing canonical JSON changes nothing', () => {
    fcAssert(
      property(json, (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
    );
  });

  it('gives equal hashes for equal values regardless of key order', () => {
    fcAssert(
      property(json, integer({ min: 0 }), (value, seed) => {
        expect(evidenceHash(permuteKeys(value, seed))).toBe(evidenceHash(structuredClone(value)));
      }),
    );
  });

  it('gives different hashes for different JSON values', () => {
    fcAssert(
      property(json, json, (a, b) => {
        pre(canonicalJson(a) !== canonicalJson(b));
        expect(evidenceHash(a)).not.toBe(evidenceHash(b));
      }),
    );
  });

  it('hashes to 64 lowercase hex characters', () => {
    fcAssert(
      property(json, (value) => {
        expect(evidenceHash(value)).toMatch(/^[0-9a-f]{64}$/);
      }),
    );
  });
});

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys and removes whitespace', () => {
    expect(canonicalJson(JSON.parse('{ "b": 1, "a": [1, "x", null] }'))).toBe('{"a":[1,"x",null],"b":1}');
  });

  it('gives the same text for objects built in different orders', () => {
    const a = { z: { y: 1, x: 2 }, a: [{ d: true, c: false }] };
    const b = { a: [{ c: false, d: true }], z: { x: 2, y: 1 } };
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('sorts property names by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Parsing would put "1" first whatever the text says, so read the order off the text.
    const textOrder = [...canonicalJson(input).matchAll(/:"([^"]+)"/g)].map((m) => m[1]);
    expect(textOrder).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  it('matches the RFC 8785 §3.2.2 example for numbers, strings and literals', () => {
    const input = String.raw`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it.each([
    [1e21, '1e+21'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-0, '0'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [4.5, '4.5'],
  ])('formats the number %s as %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it.each([
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
  ])('formats the IEEE-754 double %s as %s (RFC 8785 appendix B)', (bits, text) => {
    expect(canonicalJson(fromBits(bits))).toBe(text);
  });

  it('escapes control characters in lowercase hex, short forms where JSON has them', () => {
    expect(canonicalJson('\u0001\u001f\b\t\n\f\r"\\/')).toBe(String.raw`"\u0001\u001f\b\t\n\f\r\"\\/"`);
  });

  it('emits non-ASCII characters as they are', () => {
    expect(canonicalJson({ k: 'é€😀\u2028' })).toBe('{"k":"é€😀\u2028"}');
  });

  it('drops undefined properties and writes undefined array entries as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('serializes dates through toJSON', () => {
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05.000Z') })).toBe('{"at":"2025-01-02T03:04:05.000Z"}');
  });

  it('throws on undefined', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(/no JSON representation/);
  });

  it('throws on NaN and Infinity anywhere in the value', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ a: [Number.POSITIVE_INFINITY] })).toThrow();
    expect(() => canonicalJson({ a: Number.NEGATIVE_INFINITY })).toThrow();
  });

  it('throws on a top-level function or symbol', () => {
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(Symbol('s'))).toThrow(TypeError);
  });

  // Regression: `canonicalize` passes nested functions to JSON.stringify, which printed `{"a":undefined}`.
  it('never returns text that is not JSON (nested function)', () => {
    let text: string;
    try {
      text = canonicalJson({ a: () => 1, b: [() => 2] });
    } catch {
      return;
    }
    expect(() => JSON.parse(text)).not.toThrow();
  });

  // RFC 8785 §3.2.2.2: a lone surrogate must be an error (JSON.stringify would escape it as \udXXX).
  it('rejects strings with a lone surrogate (RFC 8785 §3.2.2.2)', () => {
    expect(() => canonicalJson({ name: 'x\ud800' })).toThrow();
  });
});

describe('evidenceHash', () => {
  it('is the sha256 of the canonical JSON', () => {
    expect(sha256Hex('{"a":1}')).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
    expect(evidenceHash({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });

  it('distinguishes values that differ only in type', () => {
    expect(evidenceHash(1)).not.toBe(evidenceHash('1'));
    expect(evidenceHash(null)).not.toBe(evidenceHash({}));
    expect(evidenceHash([])).not.toBe(evidenceHash({}));
  });

  it('throws on undefined rather than hashing nothing', () => {
    expect(() => evidenceHash(undefined)).toThrow(TypeError);
  });
});
