import { afterEach, describe, expect, it } from 'vitest';
import { startGithubEmulator, type GithubEmulator, type GithubEmulatorOptions } from './github-emulator';
import { generateGithubScenario, GENERATED_TOKENS } from './scenario-generator';
import { loadGithubDemoScenario } from './scenario-loader';

const NOW = new Date('2025-06-01T12:00:00Z');
const OWNER = 'ghp_acmeOwnerAuditToken00000000000000000';
const OWNER_READ_ORG = 'ghp_acmeOwnerReadOrgToken000000000000000';
const MEMBER = 'ghp_acmeMemberToken000000000000000000000';
const FINE_GRAINED_OWNER = 'github_pat_acmeFineGrainedOwner0000000000';
const APP = 'ghs_acmeAstrolabeInstallation00000000000';
const METADATA_APP = 'ghs_acmeMetadataOnlyInstallation00000000';

let emulator: GithubEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

async function setup(options: Partial<GithubEmulatorOptions> = {}): Promise<GithubEmulator> {
  emulator = await startGithubEmulator({ scenario: loadGithubDemoScenario(), now: NOW, ...options });
  return emulator;
}

interface Reply {
  status: number;
  headers: Headers;
  json: unknown;
  text: string;
}

async function get(emu: GithubEmulator, pathOrUrl: string, token: string | null = OWNER, headers: Record<string, string> = {}): Promise<Reply> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${emu.restUrl}${pathOrUrl}`;
  const res = await fetch(url, { headers: { accept: 'application/vnd.github+json', ...(token ? { authorization: `token ${token}` } : {}), ...headers } });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // a malformed page: the text is what the test looks at
  }
  return { status: res.status, headers: res.headers, json, text };
}

const logins = (json: unknown): string[] => (json as { login: string }[]).map((u) => u.login);
const nextLink = (headers: Headers): string | undefined => /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];

describe('GitHub REST emulator: wire formats', () => {
  it('pages with per_page/page and RFC 5988 Link headers until rel="next" runs out', async () => {
    const emu = await setup();
    const first = await get(emu, '/orgs/acme-corp/repos?type=all&per_page=10');
    expect(first.status).toBe(200);
    const link = first.headers.get('link') ?? '';
    expect(link).toBe(
      `<${emu.restUrl}/organizations/58123456/repos?type=all&per_page=10&page=2>; rel="next", <${emu.restUrl}/organizations/58123456/repos?type=all&per_page=10&page=3>; rel="last"`,
    );
    const names: string[] = [];
    let url: string | undefined = `${emu.restUrl}/orgs/acme-corp/repos?type=all&per_page=10`;
    let pages = 0;
    while (url) {
      const page = await get(emu, url);
      names.push(...(page.json as { full_name: string }[]).map((r) => r.full_name));
      url = nextLink(page.headers);
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(names).size).toBe(25);
    const last = await get(emu, '/orgs/acme-corp/repos?type=all&per_page=10&page=3');
    expect(last.headers.get('link')).toContain('rel="prev"');
    expect(last.headers.get('link')).toContain('rel="first"');
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('caps per_page at 100', async () => {
    const emu = await setup({ scenario: generateGithubScenario({ repositories: 250, members: 10, seed: 2 }) });
    const page = await get(emu, '/orgs/bench-org/repos?per_page=500', GENERATED_TOKENS.owner);
    expect((page.json as unknown[]).length).toBe(100);
    expect(page.headers.get('link')).toContain('page=3>; rel="last"');
  });

  it('serves full repository objects, with security_and_analysis only for admins', async () => {
    const emu = await setup();
    const owner = await get(emu, '/orgs/acme-corp/repos?per_page=100&sort=full_name');
    const repos = owner.json as Record<string, unknown>[];
    const payments = repos.find((r) => r['name'] === 'payments-api');
    expect(payments).toMatchObject({
      full_name: 'acme-corp/payments-api',
      private: true,
      visibility: 'private',
      archived: false,
      default_branch: 'main',
      owner: { login: 'acme-corp', type: 'Organization' },
      permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
      security_and_analysis: {
        secret_scanning: { status: 'enabled' },
        secret_scanning_push_protection: { status: 'enabled' },
        dependabot_security_updates: { status: 'enabled' },
      },
    });
    expect(payments?.['updated_at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(payments?.['pushed_at']).toBe('2025-05-31T12:00:00Z');
    expect(repos.find((r) => r['name'] === 'legacy-monolith')?.['archived']).toBe(true);
    expect(repos.find((r) => r['name'] === 'shared-ui')?.['visibility']).toBe('internal');
    expect(repos.map((r) => r['name'])).toEqual([...repos.map((r) => String(r['name']))].sort());

    const member = await get(emu, '/orgs/acme-corp/repos?per_page=100', MEMBER);
    const seen = member.json as Record<string, unknown>[];
    expect(seen).toHaveLength(25);
    expect(seen.find((r) => r['name'] === 'payments-api')).not.toHaveProperty('security_and_analysis');
    expect(seen.find((r) => r['name'] === 'payments-api')?.['permissions']).toMatchObject({ admin: false, maintain: true });
  });

  it('GET / and GET /user', async () => {
    const emu = await setup();
    expect((await get(emu, '/')).json).toMatchObject({ organization_url: `${emu.restUrl}/orgs/{org}`, rate_limit_url: `${emu.restUrl}/rate_limit` });
    expect((await get(emu, '/user')).json).toMatchObject({ login: 'dana-okafor', type: 'User', name: 'Dana Okafor', two_factor_authentication: true });
    const app = await get(emu, '/user', APP);
    expect(app).toMatchObject({ status: 403, json: { message: 'Resource not accessible by integration' } });
    expect((await get(emu, '/user', null)).status).toBe(401);
  });
});

describe('GitHub REST emulator: ETags and rate limits', () => {
  it('sends rate-limit headers and charges one request per non-304 response', async () => {
    const emu = await setup();
    const a = await get(emu, '/orgs/acme-corp');
    expect(Object.fromEntries(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-used', 'x-ratelimit-resource'].map((h) => [h, a.headers.get(h)]))).toEqual({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
    });
    const reset = Number(a.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect((await get(emu, '/orgs/acme-corp/members')).headers.get('x-ratelimit-remaining')).toBe('4998');
    // GET /rate_limit is free.
    const limits = await get(emu, '/rate_limit');
    expect(limits.json).toMatchObject({ resources: { core: { limit: 5000, used: 2, remaining: 4998 }, graphql: { limit: 5000, used: 0 } }, rate: { used: 2 } });
    expect(emu.rateLimit(OWNER, 'core').remaining).toBe(4998);
    expect(emu.summary()).toMatchObject({ requests: 3, restQuotaUsed: 2 });
  });

  it('answers If-None-Match with 304 Not Modified, which is not charged', async () => {
    const emu = await setup();
    const first = await get(emu, '/orgs/acme-corp/members?per_page=5');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await get(emu, '/orgs/acme-corp/members?per_page=5', OWNER, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('4999');
    // Weak validators match too (some caches add W/).
    expect((await get(emu, '/orgs/acme-corp/members?per_page=5', OWNER, { 'if-none-match': `W/${etag}` })).status).toBe(304);
    // Another page is another representation.
    expect((await get(emu, '/orgs/acme-corp/members?per_page=5&page=2', OWNER, { 'if-none-match': etag })).status).toBe(200);
    const calls = emu.calls();
    expect(calls.map((c) => [c.status, c.conditional, c.notModified, c.charged])).toEqual([
      [200, false, false, 1],
      [304, true, true, 0],
      [304, true, true, 0],
      [200, true, false, 1],
    ]);
    expect(emu.summary()).toMatchObject({ notModified: 2, restQuotaUsed: 2, byRoute: { 'GET /orgs/{org}/members': 4 } });
  });

  it('refuses with 403 and x-ratelimit-remaining 0 once the primary limit is spent', async () => {
    const scenario = { ...loadGithubDemoScenario(), rateLimits: { core: 2, graphql: 5000 } };
    const emu = await setup({ scenario });
    expect((await get(emu, '/orgs/acme-corp')).status).toBe(200);
    expect((await get(emu, '/orgs/acme-corp')).status).toBe(200);
    const refused = await get(emu, '/orgs/acme-corp');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((refused.json as { message: string }).message).toMatch(/^API rate limit exceeded for user ID \d+\./);
    emu.resetRateLimits();
    expect((await get(emu, '/orgs/acme-corp')).status).toBe(200);
    emu.setFaults({ exhaustRateLimit: ['core'] });
    const forced = await get(emu, '/orgs/acme-corp');
    expect(forced).toMatchObject({ status: 403, json: { documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' } });
    expect(emu.calls().at(-1)).toMatchObject({ fault: 'primary-rate-limit', charged: 0 });
  });

  it('injects secondary rate limits (403 + retry-after) for the first N requests', async () => {
    const emu = await setup({ secondaryRateLimitFirst: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await get(emu, '/orgs/acme-corp/members');
      expect(r.status).toBe(403);
      expect(r.headers.get('retry-after')).toBe('7');
      expect((r.json as { message: string }).message).toMatch(/^You have exceeded a secondary rate limit/);
    }
    expect((await get(emu, '/orgs/acme-corp/members')).status).toBe(200);
    expect(emu.summary()).toMatchObject({ faults: 2, restQuotaUsed: 1, byStatus: { '200': 1, '403': 2 } });
  });

  it('injects 5xx responses and malformed JSON pages', async () => {
    const emu = await setup({ serverErrors: ['GET /orgs/{org}/members'], serverErrorStatus: 502 });
    expect((await get(emu, '/orgs/acme-corp/members')).status).toBe(502);
    expect((await get(emu, '/orgs/acme-corp')).status).toBe(200);
    emu.setFaults({ serverErrors: [], serverErrorFirst: 1, serverErrorStatus: 503 });
    expect((await get(emu, '/orgs/acme-corp')).status).toBe(503);
    expect((await get(emu, '/orgs/acme-corp')).status).toBe(200);
    emu.setFaults({ malformed: [/repos\?.*\bpage=2\b/] });
    const page2 = await get(emu, '/orgs/acme-corp/repos?per_page=10&page=2');
    expect(page2.status).toBe(200);
    expect(() => JSON.parse(page2.text)).toThrow();
    expect((await get(emu, '/orgs/acme-corp/repos?per_page=10&page=1')).json).toHaveLength(10);
    expect(emu.calls().filter((c) => c.fault).map((c) => c.fault)).toEqual(['server-error', 'server-error', 'malformed']);
  });

  it('adds latency to every response', async () => {
    const emu = await setup({ latencyMs: 60 });
    const t0 = Date.now();
    await get(emu, '/orgs/acme-corp');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
  });
});

describe('GitHub REST emulator: who sees what', () => {
  const OWNER_FIELDS = ['two_factor_requirement_enabled', 'default_repository_permission', 'members_can_create_repositories', 'members_can_create_public_repositories'];

  it('GET /orgs/{org}: owner-only fields for an owner token with admin:org, absent otherwise', async () => {
    const emu = await setup();
    const owner = (await get(emu, '/orgs/acme-corp')).json as Record<string, unknown>;
    expect(owner).toMatchObject({
      login: 'acme-corp',
      id: 58123456,
      name: 'Acme Corp',
      two_factor_requirement_enabled: false,
      default_repository_permission: 'read',
      members_can_create_repositories: true,
      members_can_create_public_repositories: true,
    });
    for (const token of [MEMBER, OWNER_READ_ORG, null]) {
      const org = (await get(emu, '/orgs/acme-corp', token)).json as Record<string, unknown>;
      expect(org['login']).toBe('acme-corp');
      for (const f of OWNER_FIELDS) expect(org).not.toHaveProperty(f);
    }
    for (const token of [FINE_GRAINED_OWNER, APP]) expect((await get(emu, '/orgs/acme-corp', token)).json).toHaveProperty('two_factor_requirement_enabled', false);
  });

  it('members: role filter, and filter=2fa_disabled for owners only (422 otherwise)', async () => {
    const emu = await setup();
    expect(logins((await get(emu, '/orgs/acme-corp/members?role=admin')).json)).toEqual(['dana-okafor', 'li-wei', 'sam-rivera']);
    expect((await get(emu, '/orgs/acme-corp/members?role=all&per_page=100')).json).toHaveLength(30);
    expect(logins((await get(emu, '/orgs/acme-corp/members?filter=2fa_disabled')).json)).toEqual(['eva-novak', 'max-muller']);
    const refused = await get(emu, '/orgs/acme-corp/members?filter=2fa_disabled', MEMBER);
    expect(refused).toMatchObject({
      status: 422,
      json: { message: 'Only owners can use this filter.', documentation_url: 'https://docs.github.com/rest/orgs/members#list-organization-members' },
    });
    // Without a token only public members are listed.
    expect(logins((await get(emu, '/orgs/acme-corp/members', null)).json)).toEqual(['dana-okafor', 'grace-lee', 'kenji-sato', 'li-wei', 'priya-nair', 'tom-becker']);
    expect((await get(emu, '/orgs/acme-corp/members', METADATA_APP)).json).toMatchObject({ message: 'Resource not accessible by integration' });
  });

  it('outside collaborators: owners only', async () => {
    const emu = await setup();
    expect(logins((await get(emu, '/orgs/acme-corp/outside_collaborators')).json)).toEqual(['ext-contractor-jo', 'vendor-auditor']);
    expect(logins((await get(emu, '/orgs/acme-corp/outside_collaborators?filter=2fa_disabled')).json)).toEqual(['ext-contractor-jo']);
    expect((await get(emu, '/orgs/acme-corp/outside_collaborators', MEMBER)).status).toBe(403);
  });

  it('actions permissions need admin:org: 403 with the scope headers for classic tokens, "not accessible" for apps', async () => {
    const emu = await setup();
    expect((await get(emu, '/orgs/acme-corp/actions/permissions')).json).toEqual({
      enabled_repositories: 'all',
      allowed_actions: 'selected',
      selected_actions_url: `${emu.restUrl}/organizations/58123456/actions/permissions/selected-actions`,
      sha_pinning_required: false,
    });
    expect((await get(emu, '/orgs/acme-corp/actions/permissions/workflow', APP)).json).toEqual({ default_workflow_permissions: 'write', can_approve_pull_request_reviews: false });
    const classic = await get(emu, '/orgs/acme-corp/actions/permissions', OWNER_READ_ORG);
    expect(classic.status).toBe(403);
    expect(classic.headers.get('x-accepted-oauth-scopes')).toBe('admin:org');
    expect(classic.headers.get('x-oauth-scopes')).toBe('repo, read:org');
    expect(classic.json).toMatchObject({ documentation_url: expect.stringContaining('docs.github.com') });
    expect((await get(emu, '/orgs/acme-corp/actions/permissions/workflow', METADATA_APP)).json).toMatchObject({ message: 'Resource not accessible by integration' });
  });

  it('errors in GitHub format: 401 bad credentials (either scheme), 404 unknown org', async () => {
    const emu = await setup();
    expect(await get(emu, '/orgs/acme-corp', 'ghp_nope')).toMatchObject({ status: 401, json: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } });
    const bearer = await fetch(`${emu.restUrl}/orgs/acme-corp`, { headers: { authorization: `Bearer ${OWNER}` } });
    expect(bearer.status).toBe(200);
    expect(await get(emu, '/orgs/nope-corp')).toMatchObject({ status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/orgs/orgs#get-an-organization', status: '404' } });
    expect((await get(emu, '/repos/acme-corp/payments-api', 'ghp_acmeContractorToken0000000000000000')).status).toBe(404);
    expect((await get(emu, '/repos/acme-corp/marketing-site', 'ghp_acmeContractorToken0000000000000000')).json).toMatchObject({ permissions: { admin: true } });
  });
});
