import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadDemoScenario, startIamEmulator, type IamEmulator } from '@astrolabe/emulator-aws-iam';
import { loadGithubDemoScenario, startGithubEmulator, type GithubEmulator } from '@astrolabe/emulator-github';
import { getRegistry } from '@astrolabe/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runCheckCommand, type JsonFinding } from './check-command';

const BIN = join(__dirname, '..', 'bin', 'astrolabe.cjs');

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), isTty: false, now: () => new Date() } };
}

describe('astrolabe check aws-iam', () => {
  let emulator: IamEmulator;
  const saved = { ...process.env };

  beforeAll(async () => {
    emulator = await startIamEmulator({ scenario: loadDemoScenario() });
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'cli-test-secret', AWS_EC2_METADATA_DISABLED: 'true' });
  });
  afterAll(async () => {
    process.env = saved;
    await emulator?.stop();
  });

  it('prints JSON findings with control ids and exits 1 when something fails', async () => {
    const { out, io } = capture();
    const code = await runCheckCommand(getRegistry(), 'aws-iam', { format: 'json', config: { endpointUrl: emulator.url } }, io);
    expect(code).toBe(EXIT.failing);
    const findings = JSON.parse(out.stdout) as JsonFinding[];
    const failing = findings.filter((f) => f.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(Object.keys(f).sort()).toEqual(['checkId', 'controlIds', 'reason', 'resource', 'status']);
      expect(f.resource.id).toMatch(/^arn:aws:iam::/);
      expect(f.controlIds.length).toBeGreaterThan(0);
    }
  });

  it('--only limits the run to one check; exits 0 when that check passes', async () => {
    const { out, io } = capture();
    const code = await runCheckCommand(getRegistry(), 'aws-iam', { format: 'json', only: ['aws-iam.support-role-exists'], config: { endpointUrl: emulator.url } }, io);
    const findings = JSON.parse(out.stdout) as JsonFinding[];
    expect(new Set(findings.map((f) => f.checkId))).toEqual(new Set(['aws-iam.support-role-exists']));
    // The demo account has a support role, so this check passes and nothing else ran.
    expect(findings.map((f) => f.status)).toEqual(['pass']);
    expect(code).toBe(EXIT.ok);
  });

  it('groups the table by check, failing first, with reasons and the fix', async () => {
    const { out, io } = capture();
    await runCheckCommand(getRegistry(), 'aws-iam', { format: 'table', config: { endpointUrl: emulator.url } }, io);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^✖ aws-iam\./);
    const heads = lines.filter((l) => l.startsWith('✖ '));
    const rank = (l: string) => ['critical', 'high', 'medium', 'low', 'info'].findIndex((s) => l.includes(`[${s}]`));
    expect(heads.map(rank)).toEqual([...heads.map(rank)].sort((a, b) => a - b));
    expect(out.stdout).toContain('fix: ');
    expect(out.stdout).toMatch(/\d+ failing, \d+ unknown, \d+ passing/);
    expect(out.stderr).toContain('[aws-iam]');
  });

  it('rejects an unknown connector or check id with exit 2 and the list of valid ones', async () => {
    const a = capture();
    expect(await runCheckCommand(getRegistry(), 'gcp', { format: 'table', config: {} }, a.io)).toBe(EXIT.error);
    expect(a.out.stderr).toContain('aws-iam');
    const b = capture();
    expect(await runCheckCommand(getRegistry(), 'aws-iam', { format: 'table', only: ['aws-iam.nope'], config: {} }, b.io)).toBe(EXIT.error);
    expect(b.out.stderr).toContain('aws-iam.console-user-mfa');
  });

  it('the installed binary exits 2 with how-to-fix when no credentials are available', () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL_IAM: emulator.url, AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };
    const r = spawnSync(process.execPath, [BIN, 'check', 'aws-iam'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/AWS_ACCESS_KEY_ID|AWS_PROFILE/);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });
});

describe('astrolabe check github', () => {
  let emulator: GithubEmulator;

  beforeAll(async () => {
    emulator = await startGithubEmulator({ scenario: loadGithubDemoScenario() });
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  // Asynchronous on purpose: the emulator serves from this process, which spawnSync would block.
  const run = (args: string[], token: string | undefined) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'check', 'github', ...args], { env: { PATH: process.env.PATH, HOME: '/nonexistent', ...(token && { GITHUB_TOKEN: token }) } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it('--org reads the organization with GITHUB_TOKEN and exits 1 on failing findings', async () => {
    const r = await run(['--org', emulator.org, '--config', `baseUrl=${emulator.restUrl}`, '--format', 'json'], 'ghp_acmeOwnerAuditToken00000000000000000');
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout) as JsonFinding[];
    expect(findings.some((f) => f.checkId === 'github.default-branch-protected' && f.status === 'fail')).toBe(true);
    expect(findings.every((f) => f.checkId.startsWith('github.'))).toBe(true);
  });

  it('exits 2 and says how to provide a token when none is available', async () => {
    const r = await run(['--org', emulator.org, '--config', `baseUrl=${emulator.restUrl}`], undefined);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('GITHUB_TOKEN');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });
});
