import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appLoginRole, appRolePassword, scramVerifier, withLogin } from './app-role';

describe('the app database login', () => {
  it('derives its password from the master key alone: the same key, the same password', () => {
    const key = Buffer.alloc(32, 7);
    expect(appRolePassword(key)).toBe(createHmac('sha256', key).update('astrolabe database role').digest('base64url'));
    expect(appRolePassword(Buffer.alloc(32, 7))).toBe(appRolePassword(key));
    expect(appRolePassword(Buffer.alloc(32, 8))).not.toBe(appRolePassword(key));
  });

  it('is one role per database, with a name that needs no quoting', () => {
    expect(appLoginRole('astrolabe')).toBe('astrolabe_app_astrolabe');
    expect(appLoginRole('t_0a1b2c3d4e5f')).toBe('astrolabe_app_t_0a1b2c3d4e5f');
    for (const odd of ['Astrolabe-Prod', 'a"; DROP ROLE x; --', 'x'.repeat(60)]) expect(appLoginRole(odd)).toMatch(/^astrolabe_app_[0-9a-f]{16}$/);
    expect(appLoginRole('Astrolabe-Prod')).not.toBe(appLoginRole('astrolabe-prod'));
  });

  it('sends PostgreSQL a SCRAM-SHA-256 verifier (RFC 7677), never the password', () => {
    const salt = Buffer.from('0123456789abcdef');
    const verifier = scramVerifier('pencil', salt, 4096);
    const salted = pbkdf2Sync('pencil', salt, 4096, 32, 'sha256');
    const stored = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest('base64');
    const server = createHmac('sha256', salted).update('Server Key').digest('base64');
    expect(verifier).toBe(`SCRAM-SHA-256$4096:${salt.toString('base64')}$${stored}:${server}`);
    expect(verifier).not.toContain('pencil');
    expect(scramVerifier('pencil')).not.toBe(scramVerifier('pencil'));
  });

  it('swaps the login of a URL, keeping host, port, database and options, and never echoes it in errors', () => {
    expect(withLogin('postgres://owner:s3cret@db.internal:5433/astrolabe?sslmode=require', 'astrolabe_app_astrolabe', 'pw')).toBe(
      'postgres://astrolabe_app_astrolabe:pw@db.internal:5433/astrolabe?sslmode=require',
    );
    for (const url of ['postgresql:///astrolabe?host=/var/run/postgresql&password=s3cret', 'not a url s3cret']) {
      expect(() => withLogin(url, 'r', 'p')).toThrow(/ASTROLABE_APP_DATABASE_URL/);
      try {
        withLogin(url, 'r', 'p');
      } catch (err) {
        expect(String(err)).not.toContain('s3cret');
      }
    }
  });
});
