import { randomBytes } from 'node:crypto';
import { assert as fcAssert, integer, nat, property, string } from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rotateConnectionSecrets, SecretRotationError, type SqlQuery } from './rotate-connection-secrets';
import { SecretBox } from './secret-box';

const flipBit = (sealed: string, part: number, byteSeed: number, bit: number): string => {
  const p = sealed.split('.');
  const bytes = Buffer.from(p[part] ?? '', 'base64url');
  const index = byteSeed % bytes.length;
  bytes[index] = (bytes[index] ?? 0) ^ (1 << bit);
  p[part] = bytes.toString('base64url');
  return p.join('.');
};

describe('SecretBox.rewrap', () => {
  const oldBox = new SecretBox(randomBytes(32));
  const newBox = new SecretBox(randomBytes(32));

  it('re-wrapped values open with the new key and no longer with the old one', () => {
    fcAssert(
      property(string({ unit: 'binary', maxLength: 200 }), (plaintext) => {
        const rewrapped = oldBox.rewrap(oldBox.seal(plaintext), newBox);
        expect(newBox.open(rewrapped)).toBe(plaintext);
        expect(() => oldBox.open(rewrapped)).toThrow();
      }),
      { numRuns: 50 },
    );
  });

  it('changes only the wrapped data key: the IV and ciphertext body are carried over byte for byte', () => {
    const sealed = oldBox.seal('{"secretAccessKey":"s3cr3t"}');
    const rewrapped = oldBox.rewrap(sealed, newBox);
    const [v, wrapIv, wrapped, iv, body] = sealed.split('.');
    const after = rewrapped.split('.');
    expect(after[0]).toBe(v);
    expect(after[3]).toBe(iv);
    expect(after[4]).toBe(body);
    expect(after[1]).not.toBe(wrapIv);
    expect(after[2]).not.toBe(wrapped);
  });

  it('rejects a value the current key did not seal', () => {
    expect(() => newBox.rewrap(oldBox.seal('x'), newBox)).toThrow();
  });

  it('rejects tampered input in any part, including the body it would otherwise carry over', () => {
    const sealed = oldBox.seal('tamper me');
    fcAssert(
      property(integer({ min: 1, max: 4 }), nat(), integer({ min: 0, max: 7 }), (part, byteSeed, bit) => {
        expect(() => oldBox.rewrap(flipBit(sealed, part, byteSeed, bit), newBox)).toThrow();
      }),
    );
    expect(() => oldBox.rewrap('v2.a.b.c.d', newBox)).toThrow(/unknown format/);
    expect(() => oldBox.rewrap(sealed.split('.').slice(0, 4).join('.'), newBox)).toThrow(/unknown format/);
  });
});

describe('rotateConnectionSecrets', () => {
  const oldBox = new SecretBox(randomBytes(32));
  const newBox = new SecretBox(randomBytes(32));

  /** In-memory `connection` and `workspace_sso` tables that record the statements they were sent. */
  function fakeDb(rows: { id: string; secret_sealed: string }[], sso: { id: string; secret_sealed: string }[] = []) {
    const statements: string[] = [];
    const tableOf = (sql: string) => (/(?:FROM|UPDATE) (\w+)/.exec(sql)?.[1] === 'workspace_sso' ? sso : rows);
    const query: SqlQuery = async <R>(sql: string, params: unknown[] = []) => {
      statements.push(sql.split(' ')[0]!);
      if (sql.startsWith('SELECT')) return tableOf(sql).map((r) => ({ id: r.id, sealed: r.secret_sealed })) as R[];
      if (sql.startsWith('UPDATE')) tableOf(sql).find((r) => r.id === params[0])!.secret_sealed = params[1] as string;
      return [];
    };
    return { query, statements, rows, sso };
  }

  it('re-wraps every secret in one transaction and counts them', async () => {
    const db = fakeDb([
      { id: 'a', secret_sealed: oldBox.seal('one') },
      { id: 'b', secret_sealed: oldBox.seal('two') },
    ]);
    db.sso.push({ id: 'ws-1', secret_sealed: oldBox.seal('sso client secret') });
    expect(await rotateConnectionSecrets(db.query, oldBox, newBox)).toEqual({ rewrapped: 3 });
    expect(db.statements).toEqual(['BEGIN', 'SELECT', 'UPDATE', 'UPDATE', 'SELECT', 'UPDATE', 'COMMIT']);
    expect(db.rows.map((r) => newBox.open(r.secret_sealed))).toEqual(['one', 'two']);
    expect(newBox.open(db.sso[0]!.secret_sealed)).toBe('sso client secret');
  });

  it('rolls back and names the connection, never the secret, when the current key cannot open one', async () => {
    const db = fakeDb([
      { id: 'a', secret_sealed: oldBox.seal('one') },
      { id: 'b', secret_sealed: newBox.seal('PLANTED-two') },
    ]);
    const err = await rotateConnectionSecrets(db.query, oldBox, newBox).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretRotationError);
    expect(err).toMatchObject({ reason: 'cannot-open', connectionId: 'b' });
    expect((err as Error).message).not.toContain('PLANTED');
    expect(db.statements.at(-1)).toBe('ROLLBACK');
    expect(db.statements).not.toContain('COMMIT');
  });
});
