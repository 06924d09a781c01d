import { describe, expect, it } from 'vitest';
import { buildIamModel } from './iam-model';
import { isDateSpec, resolveDate } from './relative-date';
import { generateScenario } from './scenario-generator';
import { loadDemoScenario, parseScenario } from './scenario-loader';

const NOW = new Date('2025-06-01T12:00:00Z');

describe('relative scenario dates', () => {
  it('resolves offsets against now and keeps absolute dates', () => {
    expect(resolveDate('-120d', NOW).toISOString()).toBe('2025-02-01T12:00:00.000Z');
    expect(resolveDate('+2w', NOW).toISOString()).toBe('2025-06-15T12:00:00.000Z');
    expect(resolveDate('-6h', NOW).toISOString()).toBe('2025-06-01T06:00:00.000Z');
    expect(resolveDate('now', NOW).toISOString()).toBe(NOW.toISOString());
    expect(resolveDate('2024-01-02T03:04:05Z', NOW).toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(isDateSpec('yesterday')).toBe(false);
  });
});

describe('scenario validation', () => {
  it('fills defaults', () => {
    const s = parseScenario({ accountId: '111122223333', users: [{ name: 'a', created: '-1d' }] });
    expect(s.users[0]).toMatchObject({ path: '/', console: null, mfa: 'none', accessKeys: [], groups: [] });
    expect(s.passwordPolicy).toBeNull();
  });

  it('names every offending field', () => {
    expect(() =>
      parseScenario({
        accountId: '12',
        users: [{ name: 'a', created: 'soon', groups: ['nope'], accessKeys: [{ created: '-1d' }, { created: '-1d' }, { created: '-1d' }] }],
      }),
    ).toThrow(/accountId: an AWS account id has 12 digits[\s\S]*users\.0\.created[\s\S]*users\.0\.accessKeys/);
    expect(() => parseScenario({ accountId: '111122223333', users: [{ name: 'a', created: '-1d', groups: ['nope'] }] })).toThrow(/unknown group nope/);
  });

  it('rejects attachments to policies that do not exist', () => {
    const s = parseScenario({ accountId: '111122223333', users: [{ name: 'a', created: '-1d', attachedPolicies: ['NoSuchPolicy'] }] });
    expect(() => buildIamModel(s, NOW)).toThrow(/user a attaches unknown policy NoSuchPolicy/);
  });

  it('the demo scenario loads and tells its story', () => {
    const demo = loadDemoScenario();
    const model = buildIamModel(demo, NOW);
    expect(model.users).toHaveLength(35);
    expect(model.root).toMatchObject({ mfa: 'virtual', accessKeys: [] });
    expect(demo.passwordPolicy).toMatchObject({ minimumPasswordLength: 12, passwordReusePrevention: 24 });
    const ci = model.users.find((u) => u.name === 'ci-deployer');
    expect(ci?.accessKeys.filter((k) => k.active)).toHaveLength(2);
    expect(model.users.filter((u) => u.console && u.mfa === 'none').length).toBeGreaterThanOrEqual(3);
    expect(model.roles.find((r) => r.attachedPolicyArns.includes('arn:aws:iam::aws:policy/AWSSupportAccess'))).toBeDefined();
    expect(model.serverCertificates.filter((c) => c.expiration < NOW)).toHaveLength(1);
  });
});

describe('generateScenario', () => {
  it('is deterministic for a seed and valid', () => {
    const a = generateScenario({ users: 300, roles: 20, policies: 10, seed: 5 });
    expect(generateScenario({ users: 300, roles: 20, policies: 10, seed: 5 })).toEqual(a);
    expect(generateScenario({ users: 300, roles: 20, policies: 10, seed: 6 })).not.toEqual(a);
    const model = buildIamModel(parseScenario(a), NOW);
    expect(model.users).toHaveLength(300);
    expect(model.roles).toHaveLength(20);
    expect(model.policies.filter((p) => !p.awsManaged)).toHaveLength(10);
    expect(model.groups).toHaveLength(3);
  });
});
