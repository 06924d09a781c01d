import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from '@astrolabe/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryVia } from './support/sessions';
import { newTestDatabase } from './support/test-server';

const CLI = join(__dirname, '../../cli/bin/astrolabe.cjs');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('astrolabe bootstrap-owner: the first account of a fresh installation, from the CLI', () => {
  let db: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'astrolabe-bootstrap-'));
  const passwordFile = join(dir, 'password');

  beforeAll(async () => {
    db = await newTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a weak password and a bad email with the fix, creates the account once, then refuses', async () => {
    writeFileSync(passwordFile, 'short\n');
    const weak = await cli(['bootstrap-owner', '--email', 'founder@example.com', '--password-file', passwordFile], { DATABASE_URL: db.url });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    const badEmail = await cli(['bootstrap-owner', '--email', 'founder'], { DATABASE_URL: db.url, ASTROLABE_BOOTSTRAP_OWNER_PASSWORD: 'a long passphrase' });
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toMatch(/--email you@example.com/);

    writeFileSync(passwordFile, 'correct horse battery staple\n');
    const created = await cli(['bootstrap-owner', '--email', 'Founder@Example.com', '--name', 'Fran Founder', '--password-file', passwordFile], { DATABASE_URL: db.url });
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/founder@example.com/);
    expect(created.stdout + created.stderr).not.toContain('correct horse');
    const rows = await queryVia(db.url)<{ email: string; display_name: string; password_hash: string }>('SELECT email, display_name, password_hash FROM user_account');
    expect(rows).toEqual([{ email: 'founder@example.com', display_name: 'Fran Founder', password_hash: expect.stringMatching(/^\$argon2id\$/) }]);

    const again = await cli(['bootstrap-owner', '--email', 'second@example.com', '--password-file', passwordFile], { DATABASE_URL: db.url });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/invite people/);
  });
});
