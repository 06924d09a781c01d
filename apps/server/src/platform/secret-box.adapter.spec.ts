import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert as fcAssert, constantFrom, integer, nat, property, string } from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMasterKey, SecretBox } from './secret-box.adapter';

const anyText = string({ unit: 'binary', maxLength: 200 });
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function parts(sealed: string): string[] {
  return sealed.split('.');
}

/** Flips one bit in the decoded bytes of one part and re-encodes it. */
function flipBit(sealed: string, part: number, byteSeed: number, bit: number): string {
  const p = parts(sealed);
  const bytes = Buffer.from(p[part] ?? '', 'base64url');
  const index = byteSeed % bytes.length;
  bytes[index] = (bytes[index] ?? 0) ^ (1 << bit);
  p[part] = bytes.toString('base64url');
  return p.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, for any unicode text', () => {
    fcAssert(
      property(anyText, (plaintext) => {
        expect(box.open(box.seal(plaintext))).toBe(plaintext);
      }),
    );
  });

  it('round-trips the empty string and long secrets', () => {
    const long = 'ключ-🔑-'.repeat(10_000);
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal(long))).toBe(long);
  });

  it('produces the documented v1 five-part base64url format without the plaintext', () => {
    const sealed = box.seal('hunter2-secret');
    const p = parts(sealed);
    expect(p).toHaveLength(5);
    expect(p[0]).toBe('v1');
    for (const part of p.slice(1)) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(p[1] ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(p[2] ?? '', 'base64url')).toHaveLength(48);
    expect(Buffer.from(p[3] ?? '', 'base64url')).toHaveLength(12);
    expect(sealed).not.toContain('hunter2');
    expect(sealed).not.toContain(Buffer.from('hunter2-secret').toString('base64url'));
  });

  it('seals the same plaintext differently every time', () => {
    fcAssert(
      property(anyText, (plaintext) => {
        const a = parts(box.seal(plaintext));
        const b = parts(box.seal(plaintext));
        expect(a[1]).not.toBe(b[1]);
        expect(a[2]).not.toBe(b[2]);
        expect(a[3]).not.toBe(b[3]);
        expect(a[4]).not.toBe(b[4]);
      }),
    );
  });

  it('refuses to open when any bit of any part is flipped', () => {
    fcAssert(
      property(anyText, integer({ min: 1, max: 4 }), nat(), integer({ min: 0, max: 7 }), (plaintext, part, byteSeed, bit) => {
        const tampered = flipBit(box.seal(plaintext), part, byteSeed, bit);
        expect(() => box.open(tampered)).toThrow();
      }),
    );
  });

  it('never opens a string with a replaced character to a different plaintext', () => {
    fcAssert(
      property(anyText, nat(), constantFrom(...BASE64URL), (plaintext, position, replacement) => {
        const sealed = box.seal(plaintext);
        const index = 3 + (position % (sealed.length - 3)); // past "v1."
        if (sealed[index] === '.' || sealed[index] === replacement) return;
        const tampered = sealed.slice(0, index) + replacement + sealed.slice(index + 1);
        let opened: string | undefined;
        try {
          opened = box.open(tampered);
        } catch {
          return;
        }
        // Only a non-canonical base64 spelling of the very same bytes may open.
        expect(opened).toBe(plaintext);
      }),
    );
  });

  it('refuses parts swapped in from another sealed value', () => {
    const a = parts(box.seal('first secret'));
    const b = parts(box.seal('first secret'));
    const mixes = [
      [a[0], b[1], a[2], a[3], a[4]],
      [a[0], a[1], b[2], a[3], a[4]],
      [a[0], a[1], a[2], b[3], a[4]],
      [a[0], a[1], a[2], a[3], b[4]],
      [a[0], b[1], b[2], a[3], a[4]],
    ];
    for (const mix of mixes) expect(() => box.open(mix.join('.'))).toThrow();
  });

  it('refuses an unknown version or a wrong number of parts', () => {
    const sealed = box.seal('secret');
    expect(() => box.open(sealed.replace(/^v1\./, 'v2.'))).toThrow(/unknown format/);
    expect(() => box.open(parts(sealed).slice(0, 4).join('.'))).toThrow(/unknown format/);
    expect(() => box.open(`${sealed}.AAAA`)).toThrow(/unknown format/);
    expect(() => box.open('')).toThrow(/unknown format/);
    expect(() => box.open('plain text secret')).toThrow(/unknown format/);
  });

  it('refuses a truncated or emptied body', () => {
    const p = parts(box.seal('a secret long enough'));
    const body = Buffer.from(p[4] ?? '', 'base64url');
    for (const cut of [0, 1, body.length - 1]) {
      const q = [...p];
      q[4] = body.subarray(0, cut).toString('base64url');
      expect(() => box.open(q.join('.'))).toThrow();
    }
  });

  // Regression: without exact lengths a 4- or 8-byte body became a short GCM tag, and a truncated seal of "" opened.
  it('refuses a body cut down to a truncated auth tag', () => {
    const p = parts(box.seal(''));
    const tag = Buffer.from(p[4] ?? '', 'base64url');
    p[4] = tag.subarray(0, 4).toString('base64url');
    expect(() => box.open(p.join('.'))).toThrow();
  });

  it('cannot be opened with a different master key', () => {
    const other = new SecretBox(randomBytes(32));
    fcAssert(
      property(anyText, (plaintext) => {
        expect(() => other.open(box.seal(plaintext))).toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('opens with another box built from the same key bytes', () => {
    const key = randomBytes(32);
    expect(new SecretBox(Buffer.from(key)).open(new SecretBox(key).seal('shared'))).toBe('shared');
  });

  it.each([0, 16, 24, 31, 33, 64])('rejects a %i-byte master key', (length) => {
    expect(() => new SecretBox(randomBytes(length))).toThrow(/32 bytes/);
  });
});

describe('loadMasterKey', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'astrolabe-master-key-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates a 32-byte key in a 0600 file, creating its directory, when env is unset', () => {
    const keyFile = join(dir, 'nested', 'data', 'master.key');

    const key = loadMasterKey(undefined, keyFile);

    expect(key).toHaveLength(32);
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').equals(key)).toBe(true);
    expect(() => new SecretBox(key)).not.toThrow();
  });

  it('reuses the key file on the next start', () => {
    const keyFile = join(dir, 'master.key');
    const first = loadMasterKey(undefined, keyFile);
    const content = readFileSync(keyFile, 'utf8');

    const second = loadMasterKey(undefined, keyFile);

    expect(second.equals(first)).toBe(true);
    expect(readFileSync(keyFile, 'utf8')).toBe(content);
    expect(new SecretBox(second).open(new SecretBox(first).seal('survives restarts'))).toBe('survives restarts');
  });

  it('generates a different key for a different data dir', () => {
    const a = loadMasterKey(undefined, join(dir, 'a', 'master.key'));
    const b = loadMasterKey(undefined, join(dir, 'b', 'master.key'));
    expect(a.equals(b)).toBe(false);
  });

  it('tightens an existing key file to 0600 and uses its key', () => {
    const keyFile = join(dir, 'master.key');
    const existing = randomBytes(32);
    writeFileSync(keyFile, `${existing.toString('base64')}\n`);
    chmodSync(keyFile, 0o644);

    const key = loadMasterKey(undefined, keyFile);

    expect(key.equals(existing)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('uses the env value and writes no key file when given', () => {
    const keyFile = join(dir, 'master.key');
    const envKey = randomBytes(32);

    const key = loadMasterKey(envKey.toString('base64'), keyFile);

    expect(key.equals(envKey)).toBe(true);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('prefers the env value over an existing key file', () => {
    const keyFile = join(dir, 'master.key');
    loadMasterKey(undefined, keyFile);
    const envKey = randomBytes(32);
    expect(loadMasterKey(envKey.toString('base64'), keyFile).equals(envKey)).toBe(true);
  });

  it('treats an empty env value as unset', () => {
    const keyFile = join(dir, 'master.key');
    const key = loadMasterKey('', keyFile);
    expect(key).toHaveLength(32);
    expect(existsSync(keyFile)).toBe(true);
  });

  it('yields a key SecretBox rejects when the env value is not 32 bytes', () => {
    const key = loadMasterKey(randomBytes(16).toString('base64'), join(dir, 'master.key'));
    expect(() => new SecretBox(key)).toThrow(/32 bytes/);
  });
});
