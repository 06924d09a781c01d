import {
  GITHUB_KINDS,
  githubActionsPermissionsSchema,
  githubMemberSchema,
  githubOrganizationSchema,
  githubOutsideCollaboratorSchema,
  githubRepositorySchema,
  memoryResponseCache,
  type ResponseCache,
} from '@astrolabe/core';
import {
  GENERATED_TOKENS,
  generateGithubAppFixture,
  generateGithubScenario,
  loadGithubDemoScenario,
  startGithubEmulator,
  type GithubEmulator,
  type GithubEmulatorOptions,
} from '@astrolabe/emulator-github';
import { runCollection, type CollectionResult } from '@astrolabe/evidence';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { githubConnector } from './index';

const OWNER_TOKEN = 'ghp_acmeOwnerAuditToken00000000000000000';
const MEMBER_TOKEN = 'ghp_acmeMemberToken000000000000000000000';

let emulator: GithubEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function start(options: Partial<GithubEmulatorOptions> = {}): Promise<GithubEmulator> {
  emulator = await startGithubEmulator({ scenario: loadGithubDemoScenario(), ...options });
  return emulator;
}

function collect(emu: GithubEmulator, opts: { token?: string; secret?: Record<string, unknown>; cache?: ResponseCache; config?: Record<string, unknown> } = {}): Promise<CollectionResult> {
  return runCollection({
    connector: githubConnector,
    config: githubConnector.configSchema.parse({ organization: emu.org, baseUrl: emu.restUrl, ...opts.config }),
    secret: githubConnector.secretSchema.parse(opts.secret ?? { token: opts.token ?? OWNER_TOKEN }),
    cache: opts.cache,
  });
}

const dataOf = <S extends z.ZodType>(r: CollectionResult, kind: string, schema: S): z.infer<S>[] => r.items.filter((i) => i.kind === kind).map((i) => schema.parse(i.data));

describe('github connector against the emulator', () => {
  it('collects every kind of the demo organization with an owner token, in the evidence contract', async () => {
    const emu = await start();
    const r = await collect(emu);
    expect(r.state).toBe('succeeded');
    expect(r.scope).toEqual({ id: `github:org/${emu.org}`, type: 'github:organization', name: expect.any(String) });
    const [org] = dataOf(r, GITHUB_KINDS.organization, githubOrganizationSchema);
    expect(org?.twoFactorRequirementEnabled).not.toBeNull();
    const members = dataOf(r, GITHUB_KINDS.member, githubMemberSchema);
    expect(members).toHaveLength(30);
    expect(members.filter((m) => m.role === 'admin').length).toBeGreaterThan(0);
    expect(members.some((m) => m.twoFactorEnabled === false)).toBe(true);
    const repos = dataOf(r, GITHUB_KINDS.repository, githubRepositorySchema);
    expect(repos).toHaveLength(25);
    expect(repos.some((x) => x.branchProtection !== null)).toBe(true);
    expect(repos.some((x) => x.rulesets.length > 0)).toBe(true);
    expect(repos.some((x) => x.environments.some((e) => /prod/i.test(e.name)))).toBe(true);
    const outside = dataOf(r, GITHUB_KINDS.outsideCollaborator, githubOutsideCollaboratorSchema);
    expect(outside.some((o) => o.repositories.some((x) => x.permission === 'ADMIN'))).toBe(true);
    expect(dataOf(r, GITHUB_KINDS.actionsPermissions, githubActionsPermissionsSchema)).toHaveLength(1);
    expect(r.usage).toMatchObject({ graphqlRequests: 1, restNotModified: 0 });
    expect(r.usage?.restRequests).toBeGreaterThan(0);
  });

  it('re-runs an unchanged organization from 304s and the stored scan: no quota used, same evidence', async () => {
    const emu = await start();
    const cache = memoryResponseCache();
    const first = await collect(emu, { cache });
    emu.resetCalls();
    const second = await collect(emu, { cache });
    expect(second.state).toBe('succeeded');
    expect(second.usage).toMatchObject({ restRequests: 0, graphqlRequests: 0, graphqlPoints: 0, scansReused: 1, quotaUsed: 0 });
    expect(second.usage?.restNotModified).toBeGreaterThan(0);
    expect(emu.summary().restQuotaUsed).toBe(0);
    const hashes = (r: CollectionResult) => r.items.map((i) => `${i.kind} ${i.resourceId} ${i.hash}`).sort();
    expect(hashes(second)).toEqual(hashes(first));
    // With reuse switched off, GraphQL is asked again (REST stays free).
    const third = await collect(emu, { cache, config: { fullScanHours: 0 } });
    expect(third.usage).toMatchObject({ restRequests: 0, graphqlRequests: 1, scansReused: 0 });
  });

  it('a non-owner token: owner-only settings are null, Actions permissions fail with the permission, the rest is collected', async () => {
    const emu = await start();
    const r = await collect(emu, { token: MEMBER_TOKEN });
    expect(r.state).toBe('partial');
    const [org] = dataOf(r, GITHUB_KINDS.organization, githubOrganizationSchema);
    expect(org).toMatchObject({ twoFactorRequirementEnabled: null, defaultRepositoryPermission: null });
    expect(dataOf(r, GITHUB_KINDS.member, githubMemberSchema).every((m) => m.twoFactorEnabled === null)).toBe(true);
    expect(r.outcomes[GITHUB_KINDS.actionsPermissions]).toMatchObject({ status: 'failed', error: { code: 'access_denied', missingPermission: expect.stringContaining('Administration') } });
    expect(r.outcomes[GITHUB_KINDS.repository]?.status).toBe('succeeded');
  });

  it('rides out secondary rate limits (retry-after) and transient 5xx', async () => {
    const emu = await start({ secondaryRateLimitFirst: 2, retryAfterSeconds: 1, serverErrorFirst: 1 });
    const r = await collect(emu);
    expect(r.state).toBe('succeeded');
    expect(emu.calls().some((c) => c.status === 403)).toBe(true);
  }, 30_000);

  it('bad credentials and an unknown organization fail the run with a clear error, never findings', async () => {
    const emu = await start();
    const bad = await collect(emu, { token: 'ghp_wrong' });
    expect(bad.state).toBe('failed');
    expect(bad.error?.code).toBe('credentials_invalid');
    const missing = await collect(emu, { config: { organization: 'no-such-org' } });
    expect(missing.state).toBe('failed');
    expect(missing.error?.code).toBe('organization_not_found');
  });

  it('authenticates as a GitHub App installation (JWT → installation token); a wrong private key is credentials_invalid', async () => {
    // The App's key pair is generated here; the emulator only gets the public key.
    const app = generateGithubAppFixture();
    const emu = await start({ apps: [app.app] });
    const appSecret = (privateKey: string, installationId = app.installationId) => ({ appId: String(app.appId), privateKey, installationId: String(installationId) });
    const r = await collect(emu, { secret: appSecret(app.privateKeyPem) });
    expect(r.state).toBe('succeeded');
    expect(r.error).toBeNull();
    const [org] = dataOf(r, GITHUB_KINDS.organization, githubOrganizationSchema);
    expect(org?.twoFactorRequirementEnabled).not.toBeNull();
    expect(dataOf(r, GITHUB_KINDS.member, githubMemberSchema)).toHaveLength(30);
    expect(dataOf(r, GITHUB_KINDS.repository, githubRepositorySchema)).toHaveLength(25);
    expect(dataOf(r, GITHUB_KINDS.actionsPermissions, githubActionsPermissionsSchema)).toHaveLength(1);
    // One token exchange over HTTP, then every call as the installation's bot.
    const calls = emu.calls();
    expect(calls.filter((c) => c.route === 'POST /app/installations/{installation_id}/access_tokens').map((c) => c.status)).toEqual([201]);
    expect(calls.filter((c) => c.method !== 'POST' || c.kind === 'graphql').every((c) => c.principal === 'astrolabe-acme[bot]')).toBe(true);

    const wrongKey = generateGithubAppFixture().privateKeyPem;
    const bad = await collect(emu, { secret: appSecret(wrongKey) });
    expect(bad.state).toBe('failed');
    expect(bad.items).toHaveLength(0);
    expect(bad.error?.code).toBe('credentials_invalid');
    expect(bad.error?.message).toBe(`GitHub App installation ${app.installationId} could not authenticate: 401 A JSON web token could not be decoded`);
    expect(bad.error?.message).not.toMatch(/\n|\bat \S+ \(/);
    // An unknown installation or an unreadable key is the credentials too (not "organization not found" / "unreachable").
    expect((await collect(emu, { secret: appSecret(app.privateKeyPem, 4040) })).error).toMatchObject({ code: 'credentials_invalid', message: expect.stringContaining('404 Not Found') });
    expect((await collect(emu, { secret: appSecret('not-a-private-key') })).error?.code).toBe('credentials_invalid');
  });

  it('follows Link paging (REST) and cursors (GraphQL) through a larger organization', async () => {
    const emu = await start({ scenario: generateGithubScenario({ repositories: 250, members: 150, seed: 7 }) });
    const r = await collect(emu, { token: GENERATED_TOKENS.owner });
    expect(r.state).toBe('succeeded');
    expect(r.items.filter((i) => i.kind === GITHUB_KINDS.repository)).toHaveLength(250);
    expect(r.items.filter((i) => i.kind === GITHUB_KINDS.member)).toHaveLength(150);
    const s = emu.summary();
    expect(s.byRoute['POST /graphql']).toBe(3);
    // Every page was asked for once: no duplicate REST page requests.
    const restPaths = emu.calls().filter((c) => c.method === 'GET').map((c) => `${c.path}?${JSON.stringify(c.query)}`);
    expect(new Set(restPaths).size).toBe(restPaths.length);
    expect(r.usage?.restRequests).toBe(restPaths.length);
  });

  it('exhausted GraphQL points make the repository kinds unknown (rate_limited), not the run', async () => {
    const emu = await start({ exhaustRateLimit: ['graphql'] });
    const r = await collect(emu);
    expect(r.state).toBe('partial');
    expect(r.outcomes[GITHUB_KINDS.repository]?.error?.code).toBe('rate_limited');
    expect(r.outcomes[GITHUB_KINDS.member]?.status).toBe('succeeded');
  }, 30_000);

  it('a malformed repositories page fails only the repository kinds', async () => {
    const emu = await start({ malformed: ['POST /graphql'] });
    const r = await collect(emu);
    expect(r.state).toBe('partial');
    expect(r.outcomes[GITHUB_KINDS.repository]?.status).toBe('failed');
    expect(r.outcomes[GITHUB_KINDS.outsideCollaborator]?.status).toBe('failed');
    expect(r.outcomes[GITHUB_KINDS.member]?.status).toBe('succeeded');
  });
});
