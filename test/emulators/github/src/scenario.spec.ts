import { describe, expect, it } from 'vitest';
import { generateGithubAppFixture } from './app-fixture';
import { GithubModel } from './model/github-model';
import { isDateSpec, resolveDate } from './relative-date';
import { generateGithubScenario } from './scenario-generator';
import { loadGithubDemoScenario, parseGithubScenario } from './scenario-loader';

const NOW = new Date('2025-06-01T12:00:00Z');
const minimal = { organization: { login: 'tiny' }, tokens: [{ kind: 'classic', token: 'ghp_tinytoken', login: 'someone' }] };

describe('relative scenario dates', () => {
  it('resolves offsets against now and keeps absolute dates', () => {
    expect(resolveDate('-120d', NOW).toISOString()).toBe('2025-02-01T12:00:00.000Z');
    expect(resolveDate('+2w', NOW).toISOString()).toBe('2025-06-15T12:00:00.000Z');
    expect(resolveDate('now', NOW).toISOString()).toBe(NOW.toISOString());
    expect(resolveDate('2024-01-02T03:04:05Z', NOW).toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(isDateSpec('yesterday')).toBe(false);
  });
});

describe('scenario validation', () => {
  it('fills defaults', () => {
    const s = parseGithubScenario({ ...minimal, repositories: [{ name: 'api' }], members: [{ login: 'alice' }] });
    expect(s.repositories[0]).toMatchObject({ visibility: 'private', archived: false, defaultBranch: 'main', branchProtection: null, rulesets: [], environments: [] });
    expect(s.members[0]).toMatchObject({ role: 'member', twoFactor: true, publicMembership: false });
    expect(s.organization.actions).toEqual({ enabledRepositories: 'all', allowedActions: 'all', defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false });
    expect(s.rateLimits).toEqual({ core: 5000, graphql: 5000 });
  });

  it('names every offending field', () => {
    expect(() =>
      parseGithubScenario({
        ...minimal,
        repositories: [{ name: 'api', created: 'soon' }, { name: 'api' }],
        members: [{ login: 'alice', repositories: { nope: 'ADMIN' } }],
      }),
    ).toThrow(/repositories\.0\.created[\s\S]*duplicate repositories api[\s\S]*alice has a grant on unknown repository nope/);
    expect(() => parseGithubScenario({ ...minimal, tokens: [] })).toThrow(/tokens: a scenario needs at least one token/);
  });

  it('apps: an RSA public key (never a private key), installations on the organization, unique installation ids', () => {
    const fixture = generateGithubAppFixture();
    const s = parseGithubScenario({ ...minimal, apps: [{ appId: 7, publicKeyPem: fixture.publicKeyPem, installations: [{ id: 70 }] }] });
    expect(s.apps[0]?.installations[0]).toMatchObject({ id: 70, permissions: {} });
    expect(new GithubModel(s, NOW).installation(70)?.app).toMatchObject({ id: 7, slug: 'app-7', bot: { login: 'app-7[bot]', type: 'Bot' } });
    expect(() => parseGithubScenario({ ...minimal, apps: [{ appId: 7, publicKeyPem: fixture.privateKeyPem }] })).toThrow(/apps\.0\.publicKeyPem: expected the PEM of an RSA public key/);
    expect(() => parseGithubScenario({ ...minimal, apps: [{ appId: 7, publicKeyPem: 'not a key' }] })).toThrow(/apps\.0\.publicKeyPem/);
    expect(() =>
      parseGithubScenario({
        ...minimal,
        apps: [
          { appId: 7, publicKeyPem: fixture.publicKeyPem, installations: [{ id: 70, org: 'elsewhere' }] },
          { appId: 8, publicKeyPem: fixture.publicKeyPem, installations: [{ id: 70 }] },
        ],
      }),
    ).toThrow(/duplicate installation id 70[\s\S]*installation 70 is on elsewhere, but the scenario's organization is tiny/);
  });

  it('rejects a token whose orgOwner contradicts the member role', () => {
    expect(() =>
      parseGithubScenario({ ...minimal, members: [{ login: 'bob' }], tokens: [{ kind: 'classic', token: 'ghp_bobtoken', login: 'bob', orgOwner: true }] }),
    ).toThrow(/token of bob says orgOwner=true but the member's role says false/);
  });

  it('the demo scenario loads and tells its story', () => {
    const demo = loadGithubDemoScenario();
    const model = new GithubModel(demo, NOW);
    expect(model.org.login).toBe('acme-corp');
    expect(model.repos).toHaveLength(25);
    expect(model.members).toHaveLength(30);
    expect(model.members.filter((m) => m.role === 'admin')).toHaveLength(3);
    expect(model.members.filter((m) => !m.user.twoFactor).map((m) => m.user.login)).toEqual(['eva-novak', 'max-muller']);
    expect(model.outsideCollaborators).toHaveLength(2);
    expect(model.outsideCollaborators.some((c) => [...c.grants.values()].includes('ADMIN'))).toBe(true);
    expect(demo.organization.actions.defaultWorkflowPermissions).toBe('write');
    const deploy = model.repo('deploy');
    expect(deploy?.environments.find((e) => e.name === 'production')?.protectionRules.map((r) => r.type)).toEqual(['REQUIRED_REVIEWERS', 'BRANCH_POLICY']);
    expect(model.repos.filter((r) => r.scenario.archived).length).toBeGreaterThanOrEqual(3);
    expect(model.repos.filter((r) => !r.branchProtection && r.rulesets.length === 0 && !r.scenario.archived).length).toBeGreaterThanOrEqual(3);
    expect(model.rulesetsFor(model.repo('payments-worker')!, true).map((r) => r.name)).toEqual(['payments-default-branch', 'org-baseline']);
    expect(model.rulesetsFor(model.repo('sandbox')!, true)).toEqual([]);
    expect(model.repos.filter((r) => r.scenario.security.secretScanning === 'enabled').length).toBeGreaterThan(5);
    expect(model.repos.filter((r) => r.scenario.security.dependabotSecurityUpdates === 'disabled').length).toBeGreaterThan(5);
  });
});

describe('generateGithubScenario', () => {
  it('is deterministic for a seed and valid', () => {
    const a = generateGithubScenario({ repositories: 200, members: 60, seed: 5 });
    expect(generateGithubScenario({ repositories: 200, members: 60, seed: 5 })).toEqual(a);
    expect(generateGithubScenario({ repositories: 200, members: 60, seed: 6 })).not.toEqual(a);
    const model = new GithubModel(parseGithubScenario(a), NOW);
    expect(model.repos).toHaveLength(200);
    expect(model.members).toHaveLength(60);
    expect(new Set(model.repos.map((r) => r.id)).size).toBe(200);
  });

  it('varies protection across a large org', () => {
    const model = new GithubModel(parseGithubScenario(generateGithubScenario({ repositories: 5000, members: 300, seed: 1 })), NOW);
    const share = (pred: (r: (typeof model.repos)[number]) => boolean): number => model.repos.filter(pred).length / model.repos.length;
    expect(share((r) => r.branchProtection !== null)).toBeGreaterThan(0.3);
    expect(share((r) => r.rulesets.length > 0)).toBeGreaterThan(0.15);
    expect(share((r) => r.branchProtection === null && r.rulesets.length === 0)).toBeGreaterThan(0.2);
    expect(share((r) => r.scenario.archived)).toBeGreaterThan(0.03);
    expect(share((r) => r.environments.length > 0)).toBeGreaterThan(0.05);
    expect(model.members.filter((m) => m.role === 'admin')).toHaveLength(9);
  });
});
