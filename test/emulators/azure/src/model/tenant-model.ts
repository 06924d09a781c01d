import { graphTimestamp, resolveDate } from '../relative-date';
import type { AzureScenario, ScenarioApp, ScenarioConditionalAccessPolicy, ScenarioTenant, ScenarioUser } from '../scenario-schema';
import { stableGuid } from '../stable-guid';
import { BUILT_IN_AUTHENTICATION_STRENGTHS, BUILT_IN_DIRECTORY_ROLES, NON_MFA_METHODS, findBuiltInRole, type BuiltInDirectoryRole } from './directory-roles';

export interface SignInActivityModel {
  readonly lastSignInDateTime: string | null;
  readonly lastSignInRequestId: string | null;
  readonly lastNonInteractiveSignInDateTime: string | null;
  readonly lastNonInteractiveSignInRequestId: string | null;
  readonly lastSuccessfulSignInDateTime: string | null;
  readonly lastSuccessfulSignInRequestId: string | null;
}

export interface UserModel {
  readonly kind: 'user';
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly givenName: string | null;
  readonly surname: string | null;
  readonly mail: string | null;
  readonly userType: 'Member' | 'Guest';
  readonly accountEnabled: boolean;
  readonly createdDateTime: string;
  readonly externalUserState: string | null;
  readonly externalUserStateChangeDateTime: string | null;
  /** null: Graph has no sign-in for the user and returns no signInActivity. */
  readonly signInActivity: SignInActivityModel | null;
  readonly methodsRegistered: readonly string[];
  readonly isMfaRegistered: boolean;
  readonly isMfaCapable: boolean;
  /** Holds an administrative directory role, directly or through a group (the registration report's isAdmin). */
  isAdmin: boolean;
}

export interface GroupModel {
  readonly kind: 'group';
  readonly id: string;
  readonly displayName: string;
  readonly isAssignableToRole: boolean;
  readonly createdDateTime: string;
  readonly memberUserIds: readonly string[];
  readonly memberGroupIds: readonly string[];
}

export interface ServicePrincipalModel {
  readonly kind: 'servicePrincipal';
  readonly id: string;
  readonly appId: string;
  readonly displayName: string;
}

export type DirectoryObjectModel = UserModel | GroupModel | ServicePrincipalModel;

export interface AppModel {
  readonly displayName: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly secretExpires: Date | null;
  readonly graphPermissions: readonly string[];
  readonly servicePrincipalId: string;
}

export interface RoleAssignmentModel {
  readonly id: string;
  readonly role: BuiltInDirectoryRole;
  readonly principalId: string;
  readonly directoryScopeId: string;
}

/** Graph's conditionalAccessPolicy JSON, resolved to object ids. */
export type ConditionalAccessPolicyJson = Record<string, unknown> & { id: string; displayName: string };

const splitName = (displayName: string): { givenName: string | null; surname: string | null } => {
  const parts = displayName.split(/\s+/);
  return parts.length >= 2 ? { givenName: parts[0] ?? null, surname: parts.slice(1).join(' ') } : { givenName: null, surname: null };
};

const titleCase = (s: string): string => s.replace(/(^|[.\-_ ])([a-z])/g, (_m, sep: string, c: string) => `${sep === '.' || sep === '_' ? ' ' : sep}${c.toUpperCase()}`);

function guidBytes(guid: string): Buffer {
  return Buffer.from(guid.replace(/-/g, ''), 'hex');
}

/**
 * The tenant a scenario describes, resolved once: object ids, timestamps relative to `now`,
 * transitive group membership, MFA capability and admin flags, and Graph JSON for the policies.
 */
export class TenantModel {
  readonly id: string;
  readonly displayName: string;
  readonly defaultDomain: string;
  readonly licence: ScenarioTenant['licence'];
  readonly securityDefaultsEnabled: boolean;
  readonly createdDateTime: string;
  readonly users: readonly UserModel[];
  readonly groups: readonly GroupModel[];
  readonly servicePrincipals: readonly ServicePrincipalModel[];
  readonly apps: readonly AppModel[];
  readonly roleAssignments: readonly RoleAssignmentModel[];
  readonly conditionalAccessPolicies: readonly ConditionalAccessPolicyJson[];
  private readonly objects = new Map<string, DirectoryObjectModel>();
  private readonly usersByUpn = new Map<string, UserModel>();
  private readonly groupsByName = new Map<string, GroupModel>();

  constructor(scenario: AzureScenario, now: Date) {
    const t = scenario.tenant;
    this.id = t.id;
    this.displayName = t.displayName;
    this.defaultDomain = t.defaultDomain.toLowerCase();
    this.licence = t.licence;
    this.securityDefaultsEnabled = t.securityDefaultsEnabled;
    this.createdDateTime = graphTimestamp(resolveDate(t.created, now));
    const disabledMethods = new Set<string>(t.disabledAuthenticationMethods);

    this.users = t.users.map((u) => this.toUser(u, now, disabledMethods));
    for (const u of this.users) {
      this.objects.set(u.id, u);
      this.usersByUpn.set(u.userPrincipalName.toLowerCase(), u);
    }

    const groupIds = new Map(t.groups.map((g) => [g.displayName.toLowerCase(), (g.id ?? stableGuid(`group:${t.id}`, g.displayName)).toLowerCase()]));
    this.groups = t.groups.map((g) => ({
      kind: 'group' as const,
      id: groupIds.get(g.displayName.toLowerCase()) ?? '',
      displayName: g.displayName,
      isAssignableToRole: g.isAssignableToRole,
      createdDateTime: graphTimestamp(resolveDate(g.created, now)),
      memberUserIds: g.members.map((m) => this.usersByUpn.get(m.toLowerCase())?.id ?? ''),
      memberGroupIds: g.memberGroups.map((m) => groupIds.get(m.toLowerCase()) ?? ''),
    }));
    for (const g of this.groups) {
      this.objects.set(g.id, g);
      this.groupsByName.set(g.displayName.toLowerCase(), g);
    }

    this.apps = t.apps.map((a) => this.toApp(a, now));
    const principals: ServicePrincipalModel[] = [
      ...this.apps.map((a) => ({ kind: 'servicePrincipal' as const, id: a.servicePrincipalId, appId: a.clientId, displayName: a.displayName })),
      ...t.servicePrincipals.map((p) => {
        const appId = p.appId ?? stableGuid(`app:${t.id}`, p.displayName);
        return { kind: 'servicePrincipal' as const, id: (p.id ?? stableGuid(`sp:${t.id}`, appId)).toLowerCase(), appId: appId.toLowerCase(), displayName: p.displayName };
      }),
    ];
    this.servicePrincipals = principals;
    for (const p of principals) this.objects.set(p.id, p);
    const principalByName = new Map(principals.map((p) => [p.displayName.toLowerCase(), p]));

    this.roleAssignments = t.roleAssignments.map((a) => {
      const role = findBuiltInRole(a.role) as BuiltInDirectoryRole;
      const principalId =
        a.user !== undefined
          ? (this.usersByUpn.get(a.user.toLowerCase())?.id ?? '')
          : a.group !== undefined
            ? (this.groupsByName.get(a.group.toLowerCase())?.id ?? '')
            : (principalByName.get((a.servicePrincipal ?? '').toLowerCase())?.id ?? '');
      // Graph's assignment ids are the role definition and principal ids, base64url-encoded, then "-1".
      const id = `${guidBytes(role.templateId).toString('base64url')}${guidBytes(principalId).toString('base64url')}-1`;
      return { id, role, principalId, directoryScopeId: a.directoryScopeId };
    });
    for (const a of this.roleAssignments) {
      if (!a.role.admin) continue;
      for (const user of this.usersReachedBy(a.principalId)) user.isAdmin = true;
    }

    this.conditionalAccessPolicies = t.conditionalAccessPolicies.map((p) => this.toPolicy(p, now));
  }

  get roleDefinitions(): readonly BuiltInDirectoryRole[] {
    return BUILT_IN_DIRECTORY_ROLES;
  }

  object(id: string): DirectoryObjectModel | undefined {
    return this.objects.get(id.toLowerCase());
  }

  group(id: string): GroupModel | undefined {
    const o = this.object(id);
    return o?.kind === 'group' ? o : undefined;
  }

  user(id: string): UserModel | undefined {
    const o = this.object(id);
    return o?.kind === 'user' ? o : undefined;
  }

  app(clientId: string): AppModel | undefined {
    return this.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
  }

  /** Whether a tenant segment of the identity platform (id or domain) names this tenant. */
  isTenant(segment: string): boolean {
    const s = segment.toLowerCase();
    return s === this.id.toLowerCase() || s === this.defaultDomain;
  }

  directMembers(group: GroupModel): DirectoryObjectModel[] {
    return [...group.memberUserIds, ...group.memberGroupIds].flatMap((id) => {
      const o = this.objects.get(id);
      return o ? [o] : [];
    });
  }

  /** Users and groups below a group, each once, breadth first (cycles are tolerated, as in Entra ID). */
  transitiveMembers(group: GroupModel): DirectoryObjectModel[] {
    const seen = new Set<string>([group.id]);
    const out: DirectoryObjectModel[] = [];
    const queue: GroupModel[] = [group];
    for (let g = queue.shift(); g; g = queue.shift()) {
      for (const member of this.directMembers(g)) {
        if (seen.has(member.id)) continue;
        seen.add(member.id);
        out.push(member);
        if (member.kind === 'group') queue.push(member);
      }
    }
    return out;
  }

  private usersReachedBy(principalId: string): UserModel[] {
    const o = this.objects.get(principalId);
    if (!o) return [];
    if (o.kind === 'user') return [o];
    if (o.kind === 'group') return this.transitiveMembers(o).filter((m): m is UserModel => m.kind === 'user');
    return [];
  }

  private toUser(u: ScenarioUser, now: Date, disabledMethods: ReadonlySet<string>): UserModel {
    const id = (u.id ?? stableGuid(`user:${this.id}`, u.userPrincipalName)).toLowerCase();
    const displayName = u.displayName ?? titleCase(u.userPrincipalName.split('@')[0]?.replace(/#ext#$/i, '') ?? u.userPrincipalName);
    const at = (spec: string | null | undefined): string | null => (spec === null || spec === undefined ? null : graphTimestamp(resolveDate(spec, now)));
    const interactive = at(u.lastSignIn);
    const nonInteractive = u.lastNonInteractiveSignIn === undefined ? interactive : at(u.lastNonInteractiveSignIn);
    const latest = [interactive, nonInteractive].filter((d): d is string => d !== null).sort().pop() ?? null;
    const successful = u.lastSuccessfulSignIn === undefined ? latest : at(u.lastSuccessfulSignIn);
    const requestId = (what: string, when: string | null) => (when === null ? null : stableGuid(`signin:${what}`, `${id}:${when}`));
    const signInActivity =
      interactive === null && nonInteractive === null && successful === null
        ? null
        : {
            lastSignInDateTime: interactive,
            lastSignInRequestId: requestId('interactive', interactive),
            lastNonInteractiveSignInDateTime: nonInteractive,
            lastNonInteractiveSignInRequestId: requestId('non-interactive', nonInteractive),
            lastSuccessfulSignInDateTime: successful,
            lastSuccessfulSignInRequestId: requestId('successful', successful),
          };
    const mfaMethods = u.mfa.methods.filter((m) => !NON_MFA_METHODS.has(m));
    const created = at(u.created) ?? graphTimestamp(now);
    const guest = u.userType === 'Guest';
    return {
      kind: 'user',
      id,
      userPrincipalName: u.userPrincipalName,
      displayName,
      ...splitName(displayName),
      mail: guest ? (u.userPrincipalName.split('#')[0]?.replace(/_([^_]+)$/, '@$1') ?? null) : u.userPrincipalName,
      userType: u.userType,
      accountEnabled: u.accountEnabled,
      createdDateTime: created,
      externalUserState: guest ? (u.externalUserState ?? 'Accepted') : null,
      externalUserStateChangeDateTime: guest ? created : null,
      signInActivity,
      methodsRegistered: u.mfa.methods,
      isMfaRegistered: mfaMethods.length > 0,
      isMfaCapable: mfaMethods.some((m) => !disabledMethods.has(m)),
      isAdmin: false,
    };
  }

  private toApp(a: ScenarioApp, now: Date): AppModel {
    return {
      displayName: a.displayName,
      clientId: a.clientId.toLowerCase(),
      clientSecret: a.clientSecret,
      secretExpires: a.secretExpires === null ? null : resolveDate(a.secretExpires, now),
      graphPermissions: a.graphPermissions,
      servicePrincipalId: stableGuid(`sp:${this.id}`, a.clientId),
    };
  }

  private toPolicy(p: ScenarioConditionalAccessPolicy, now: Date): ConditionalAccessPolicyJson {
    const special: Record<string, string> = { all: 'All', none: 'None', guestsorexternalusers: 'GuestsOrExternalUsers' };
    const userIds = (refs: readonly string[]) => refs.map((r) => special[r.toLowerCase()] ?? this.usersByUpn.get(r.toLowerCase())?.id ?? r);
    const groupIds = (refs: readonly string[]) => refs.map((r) => this.groupsByName.get(r.toLowerCase())?.id ?? r);
    const roleIds = (refs: readonly string[]) => refs.map((r) => findBuiltInRole(r)?.templateId ?? r);
    const strength = p.grant?.authenticationStrength ?? null;
    return {
      id: p.id ?? stableGuid(`ca:${this.id}`, p.displayName),
      templateId: null,
      displayName: p.displayName,
      createdDateTime: graphTimestamp(resolveDate(p.created, now)),
      modifiedDateTime: null,
      state: p.state,
      sessionControls: null,
      conditions: {
        userRiskLevels: p.userRiskLevels,
        signInRiskLevels: p.signInRiskLevels,
        clientAppTypes: p.clientAppTypes,
        servicePrincipalRiskLevels: [],
        insiderRiskLevels: null,
        platforms: p.platforms ? { includePlatforms: p.platforms.include, excludePlatforms: p.platforms.exclude } : null,
        locations: p.locations ? { includeLocations: p.locations.include, excludeLocations: p.locations.exclude } : null,
        devices: null,
        clientApplications: null,
        applications: {
          includeApplications: p.applications.include,
          excludeApplications: p.applications.exclude,
          includeUserActions: p.applications.includeUserActions,
          includeAuthenticationContextClassReferences: [],
          applicationFilter: null,
        },
        users: {
          includeUsers: userIds(p.users.include),
          excludeUsers: userIds(p.users.exclude),
          includeGroups: groupIds(p.users.includeGroups),
          excludeGroups: groupIds(p.users.excludeGroups),
          includeRoles: roleIds(p.users.includeRoles),
          excludeRoles: roleIds(p.users.excludeRoles),
          includeGuestsOrExternalUsers: null,
          excludeGuestsOrExternalUsers: null,
        },
      },
      grantControls: p.grant
        ? {
            operator: p.grant.operator,
            builtInControls: p.grant.builtInControls,
            customAuthenticationFactors: [],
            termsOfUse: [],
            authenticationStrength:
              strength === null
                ? null
                : {
                    id: BUILT_IN_AUTHENTICATION_STRENGTHS[strength] ?? stableGuid('strength', strength),
                    displayName: strength,
                    description: null,
                    policyType: 'builtIn',
                    requirementsSatisfied: 'mfa',
                    allowedCombinations: [],
                  },
          }
        : null,
    };
  }
}
