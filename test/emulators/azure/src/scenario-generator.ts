import type { AzureScenarioInput, ScenarioUserInput } from './scenario-schema';
import { seededRandom } from './seeded-random';

export interface GenerateAzureScenarioOptions {
  users: number;
  groups: number;
  seed: number;
  /** Share of users that are B2B guests. Default 0.08. */
  guestShare?: number;
  /** Default `bench.onmicrosoft.com`. */
  domain?: string;
}

/** Credentials every generated tenant has, so a benchmark can authenticate without reading it. */
export const GENERATED_CREDENTIALS = {
  tenantId: '0b5e1a7c-3d9f-4c2b-8e6a-5f4d3c2b1a09',
  clientId: '6c2f8e1d-4b7a-4d3e-9f1c-8a5b2e7d4c60',
  clientSecret: 'generated-tenant-collector-secret',
} as const;

type Rng = () => number;
const between = (rng: Rng, min: number, max: number): number => Math.floor(min + rng() * (max - min));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

const FIRST = ['alex', 'sam', 'jo', 'kim', 'lee', 'max', 'noa', 'ola', 'pat', 'ray', 'sky', 'val', 'ana', 'ben', 'cho', 'dev', 'eli', 'fay', 'gus', 'ida'];
const LAST = ['smith', 'garcia', 'chen', 'okafor', 'novak', 'silva', 'kowalski', 'haddad', 'tanaka', 'jensen', 'murphy', 'rossi', 'petrov', 'mensah', 'berg', 'nair'];
const STRONG_METHODS = [['microsoftAuthenticatorPush', 'softwareOneTimePasscode'], ['microsoftAuthenticatorPush'], ['fido2SecurityKey'], ['windowsHelloForBusiness', 'microsoftAuthenticatorPush']] as const;

/** Role-holding groups: the only groups a collection has to expand (the rest only exist). */
const ROLE_GROUPS = [
  { displayName: 'Tier 0 Administrators', role: 'Global Administrator', members: 2 },
  { displayName: 'Identity Operations', role: 'User Administrator', members: 25 },
  { displayName: 'Security Operations Center', role: 'Security Reader', members: 40 },
  { displayName: 'Global Service Desk', role: 'Helpdesk Administrator', members: 120 },
  { displayName: 'Messaging Team', role: 'Exchange Administrator', members: 8 },
] as const;

/**
 * A large tenant for benchmarks, the same for a seed: `users` users (some guests, disabled, stale,
 * without MFA), `groups` groups (five role-assignable, holding directory roles; the rest ordinary,
 * some nested), role assignments to users, groups and service principals, and the usual
 * Conditional Access policies. The first app registration is GENERATED_CREDENTIALS with every
 * permission the entra-id connector reads.
 */
export function generateAzureScenario(opts: GenerateAzureScenarioOptions): AzureScenarioInput {
  const rng = seededRandom(opts.seed);
  const domain = opts.domain ?? 'bench.onmicrosoft.com';
  const guestShare = opts.guestShare ?? 0.08;

  const users: ScenarioUserInput[] = [];
  for (let i = 0; i < opts.users; i++) {
    const guest = rng() < guestShare;
    const local = `${pick(rng, FIRST)}.${pick(rng, LAST)}${i}`;
    const roll = rng();
    const accountEnabled = roll > 0.04;
    const stale = roll > 0.04 && roll < 0.12;
    const neverSignedIn = roll >= 0.12 && roll < 0.14;
    const noMfa = !guest && rng() < 0.06;
    users.push({
      userPrincipalName: guest ? `${local}_partner${i % 97}.example#EXT#@${domain}` : `${local}@${domain}`,
      userType: guest ? 'Guest' : 'Member',
      accountEnabled,
      created: `-${between(rng, 30, 2500)}d`,
      ...(guest && neverSignedIn && { externalUserState: 'PendingAcceptance' as const }),
      lastSignIn: neverSignedIn ? null : `-${stale ? between(rng, 91, 700) : between(rng, 0, 60)}d`,
      mfa: { methods: guest || noMfa ? [] : [...pick(rng, STRONG_METHODS)] },
    });
  }
  const upns = users.map((u) => u.userPrincipalName);
  const memberUpns = users.filter((u) => u.userType !== 'Guest' && u.accountEnabled !== false).map((u) => u.userPrincipalName);

  const groups: NonNullable<AzureScenarioInput['tenant']['groups']> = ROLE_GROUPS.slice(0, Math.min(ROLE_GROUPS.length, opts.groups)).map((g) => ({
    displayName: g.displayName,
    isAssignableToRole: true,
    members: Array.from({ length: Math.min(g.members, memberUpns.length) }, () => pick(rng, memberUpns)).filter((m, i, all) => all.indexOf(m) === i),
  }));
  for (let i = groups.length; i < opts.groups; i++) {
    const size = rng() < 0.9 ? between(rng, 1, 60) : between(rng, 60, 1500);
    const members = new Set<string>();
    for (let j = 0; j < size && upns.length > 0; j++) members.add(pick(rng, upns));
    // Some ordinary groups nest an earlier ordinary group, so transitive membership is exercised.
    const nest = i > ROLE_GROUPS.length + 1 && rng() < 0.1 ? [`group-${String(between(rng, ROLE_GROUPS.length, i)).padStart(5, '0')}`] : [];
    groups.push({ displayName: `group-${String(i).padStart(5, '0')}`, members: [...members], memberGroups: nest.filter((n) => n !== `group-${String(i).padStart(5, '0')}`) });
  }

  const admins = memberUpns.slice(0, 6);
  const roleAssignments: NonNullable<AzureScenarioInput['tenant']['roleAssignments']> = [
    ...admins.slice(0, 3).map((user) => ({ role: 'Global Administrator', user })),
    { role: 'Privileged Role Administrator', user: admins[3] ?? admins[0] ?? '' },
    { role: 'Security Administrator', user: admins[4] ?? admins[0] ?? '' },
    { role: 'Conditional Access Administrator', user: admins[5] ?? admins[0] ?? '' },
    ...groups.filter((g) => g.isAssignableToRole).map((g) => ({ role: ROLE_GROUPS.find((r) => r.displayName === g.displayName)?.role ?? 'Global Reader', group: g.displayName })),
    { role: 'Application Administrator', servicePrincipal: 'Deployment Pipeline' },
    { role: 'User Administrator', servicePrincipal: 'HR Provisioning' },
  ].filter((a) => !('user' in a) || a.user !== '');

  return {
    description: `Generated tenant: ${opts.users} users, ${opts.groups} groups (seed ${opts.seed}).`,
    tenant: {
      id: GENERATED_CREDENTIALS.tenantId,
      displayName: 'Generated Benchmark Tenant',
      defaultDomain: domain,
      licence: 'P2',
      users,
      groups,
      servicePrincipals: [{ displayName: 'Deployment Pipeline' }, { displayName: 'HR Provisioning' }],
      roleAssignments,
      conditionalAccessPolicies: [
        { displayName: 'Require MFA for administrators', users: { includeRoles: ['Global Administrator', 'Privileged Role Administrator', 'Security Administrator', 'User Administrator'] }, grant: { builtInControls: ['mfa'] } },
        { displayName: 'Require MFA for all users', users: { include: ['All'], exclude: admins.slice(0, 1) }, grant: { builtInControls: ['mfa'] } },
        { displayName: 'Block legacy authentication', users: { include: ['All'] }, clientAppTypes: ['exchangeActiveSync', 'other'], grant: { builtInControls: ['block'] } },
      ],
      apps: [
        {
          displayName: 'Astrolabe collector',
          clientId: GENERATED_CREDENTIALS.clientId,
          clientSecret: GENERATED_CREDENTIALS.clientSecret,
          graphPermissions: ['User.Read.All', 'AuditLog.Read.All', 'GroupMember.Read.All', 'RoleManagement.Read.Directory', 'Policy.Read.All', 'Organization.Read.All'],
        },
      ],
    },
  };
}
