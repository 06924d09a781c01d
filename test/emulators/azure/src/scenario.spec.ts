import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TenantModel } from './model/tenant-model';
import { generateAzureScenario, GENERATED_CREDENTIALS } from './scenario-generator';
import { loadAzureDemoScenario, parseAzureScenario } from './scenario-loader';
import { createEmulatorCertificates } from './tls/emulator-certificates';

const NOW = new Date('2026-06-01T12:00:00Z');
const APP = { displayName: 'collector', clientId: '00000000-0000-4000-8000-0000000000aa', clientSecret: 'a-secret-value' };
const tenant = (extra: Record<string, unknown> = {}) => ({ tenant: { id: '00000000-0000-4000-8000-000000000001', displayName: 'Tiny', defaultDomain: 'tiny.onmicrosoft.com', apps: [APP], ...extra } });

describe('scenario validation', () => {
  it('fills defaults', () => {
    const s = parseAzureScenario(tenant({ users: [{ userPrincipalName: 'ann@tiny.onmicrosoft.com' }] }));
    expect(s.tenant).toMatchObject({ licence: 'P2', securityDefaultsEnabled: false, groups: [], conditionalAccessPolicies: [] });
    expect(s.tenant.users[0]).toMatchObject({ userType: 'Member', accountEnabled: true, lastSignIn: '-2d', mfa: { methods: ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'] } });
    expect(s.arm).toBeUndefined();
  });

  it('names every offending field and unknown reference', () => {
    expect(() =>
      parseAzureScenario(
        tenant({
          users: [{ userPrincipalName: 'ann@tiny.onmicrosoft.com', created: 'soon' }, { userPrincipalName: 'ANN@tiny.onmicrosoft.com' }],
          groups: [{ displayName: 'admins', isAssignableToRole: true, members: ['bob@tiny.onmicrosoft.com'], memberGroups: ['others'] }],
          roleAssignments: [{ role: 'Global Administrator', group: 'nobody' }, { role: 'Chief Wizard', user: 'ann@tiny.onmicrosoft.com' }],
          conditionalAccessPolicies: [{ displayName: 'p', users: { include: ['carol@tiny.onmicrosoft.com'], includeRoles: ['Emperor'] } }],
        }),
      ),
    ).toThrow(
      /tenant\.users\.0\.created[\s\S]*unknown built-in directory role[\s\S]*duplicate users ANN@tiny[\s\S]*group admins has unknown member bob[\s\S]*role-assignable group admins cannot contain groups[\s\S]*role assignment to unknown group nobody[\s\S]*policy p names unknown user carol[\s\S]*policy p names unknown role Emperor/,
    );
  });

  it('demands exactly one principal per role assignment and a role-assignable group', () => {
    expect(() => parseAzureScenario(tenant({ roleAssignments: [{ role: 'Global Administrator' }] }))).toThrow(/give exactly one of user, group or servicePrincipal/);
    expect(() => parseAzureScenario(tenant({ groups: [{ displayName: 'plain' }], roleAssignments: [{ role: 'Global Administrator', group: 'plain' }] }))).toThrow(/is not role-assignable/);
  });

  it('keeps an arm section as given (the ARM side owns its schema)', () => {
    expect(parseAzureScenario({ ...tenant(), arm: {} }).arm).toEqual(expect.any(Object));
  });
});

describe('tenant model', () => {
  it('the demo tenant tells its story', () => {
    const model = new TenantModel(loadAzureDemoScenario(), NOW);
    expect(model.users).toHaveLength(42);
    expect(model.users.filter((u) => u.userType === 'Guest')).toHaveLength(6);
    expect(model.users.filter((u) => !u.accountEnabled).map((u) => u.userPrincipalName.split('@')[0])).toEqual(['olivia.brown', 'ethan.wilson', 'noah.davis', 'former.consultant_consult.org#EXT#']);
    const gaHolders = model.roleAssignments.filter((a) => a.role.displayName === 'Global Administrator');
    expect(gaHolders).toHaveLength(3);
    // Registered only by SMS, which the tenant's methods policy disables: registered, not capable.
    expect(model.users.find((u) => u.userPrincipalName.startsWith('tom.becker'))).toMatchObject({ isMfaRegistered: true, isMfaCapable: false, isAdmin: true });
    expect(model.users.find((u) => u.userPrincipalName.startsWith('chris.morgan'))).toMatchObject({ isMfaRegistered: false, methodsRegistered: ['email'] });
    expect(model.users.find((u) => u.userPrincipalName.startsWith('isla.king'))?.signInActivity).toBeNull();
    expect(model.users.find((u) => u.userPrincipalName.startsWith('henry.young'))?.signInActivity).toMatchObject({
      lastSignInDateTime: '2025-11-03T12:00:00Z',
      lastNonInteractiveSignInDateTime: '2025-11-23T12:00:00Z',
      lastSuccessfulSignInDateTime: '2025-11-23T12:00:00Z',
    });
    expect(model.users.find((u) => u.userPrincipalName.startsWith('pending.invite'))).toMatchObject({ externalUserState: 'PendingAcceptance', mail: 'pending.invite@agency.co' });
  });

  it('derives the same object ids from the same scenario', () => {
    const a = new TenantModel(loadAzureDemoScenario(), NOW);
    const b = new TenantModel(loadAzureDemoScenario(), new Date());
    expect(a.users.map((u) => u.id)).toEqual(b.users.map((u) => u.id));
    expect(a.roleAssignments.map((r) => r.id)).toEqual(b.roleAssignments.map((r) => r.id));
  });
});

describe('scenario generator', () => {
  it('makes the same large tenant for a seed, with role-holding groups to expand', () => {
    const a = generateAzureScenario({ users: 2000, groups: 100, seed: 7 });
    expect(generateAzureScenario({ users: 2000, groups: 100, seed: 7 })).toEqual(a);
    const model = new TenantModel(parseAzureScenario(a), NOW);
    expect(model.users).toHaveLength(2000);
    expect(model.groups).toHaveLength(100);
    expect(model.groups.filter((g) => g.isAssignableToRole)).toHaveLength(5);
    expect(model.users.some((u) => u.userType === 'Guest')).toBe(true);
    expect(model.users.some((u) => u.signInActivity === null)).toBe(true);
    expect(model.app(GENERATED_CREDENTIALS.clientId)?.graphPermissions).toContain('AuditLog.Read.All');
    expect(model.groups.some((g) => g.memberGroupIds.length > 0)).toBe(true);
  });
});

describe('TLS certificates', () => {
  it('are a CA and a server certificate it signed for localhost and the loopback addresses', () => {
    const certs = createEmulatorCertificates();
    const ca = new X509Certificate(certs.caCertificatePem);
    const server = new X509Certificate(certs.certificatePem);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
  });
});
