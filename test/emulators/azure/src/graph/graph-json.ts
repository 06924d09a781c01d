import type { BuiltInDirectoryRole } from '../model/directory-roles';
import type { DirectoryObjectModel, GroupModel, ServicePrincipalModel, TenantModel, UserModel } from '../model/tenant-model';

type Getters = Readonly<Record<string, () => unknown>>;

/** Canonical property names by lower-cased name, for `$select`. */
export const propertyIndex = (names: readonly string[]): ReadonlyMap<string, string> => new Map(names.map((n) => [n.toLowerCase(), n]));

export const USER_PROPERTIES = [
  'id',
  'userPrincipalName',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'jobTitle',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'businessPhones',
  'userType',
  'accountEnabled',
  'createdDateTime',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'signInActivity',
] as const;

/** What GET /users returns without `$select`. */
export const USER_DEFAULT_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export function userGetters(u: UserModel, opts: { signInActivity: boolean }): Getters {
  return {
    id: () => u.id,
    userPrincipalName: () => u.userPrincipalName,
    displayName: () => u.displayName,
    givenName: () => u.givenName,
    surname: () => u.surname,
    mail: () => u.mail,
    jobTitle: () => null,
    mobilePhone: () => null,
    officeLocation: () => null,
    preferredLanguage: () => null,
    businessPhones: () => [],
    userType: () => u.userType,
    accountEnabled: () => u.accountEnabled,
    createdDateTime: () => u.createdDateTime,
    externalUserState: () => u.externalUserState,
    externalUserStateChangeDateTime: () => u.externalUserStateChangeDateTime,
    // Graph leaves the property out for users it holds no sign-in for.
    signInActivity: () => (opts.signInActivity && u.signInActivity !== null ? u.signInActivity : undefined),
  };
}

export const GROUP_PROPERTIES = ['id', 'displayName', 'description', 'isAssignableToRole', 'securityEnabled', 'mailEnabled', 'groupTypes', 'createdDateTime'] as const;

export function groupGetters(g: GroupModel): Getters {
  return {
    id: () => g.id,
    displayName: () => g.displayName,
    description: () => null,
    isAssignableToRole: () => g.isAssignableToRole,
    securityEnabled: () => true,
    mailEnabled: () => false,
    groupTypes: () => [],
    createdDateTime: () => g.createdDateTime,
  };
}

export const SERVICE_PRINCIPAL_PROPERTIES = ['id', 'appId', 'displayName', 'servicePrincipalType', 'accountEnabled'] as const;

export function servicePrincipalGetters(p: ServicePrincipalModel): Getters {
  return {
    id: () => p.id,
    appId: () => p.appId,
    displayName: () => p.displayName,
    servicePrincipalType: () => 'Application',
    accountEnabled: () => true,
  };
}

/** Properties `$select` accepts on a directoryObject collection: those of every derived type. */
export const DIRECTORY_OBJECT_PROPERTIES = [...new Set([...USER_PROPERTIES.filter((p) => p !== 'signInActivity'), ...GROUP_PROPERTIES, ...SERVICE_PRINCIPAL_PROPERTIES])];

const ODATA_TYPE: Record<DirectoryObjectModel['kind'], string> = {
  user: '#microsoft.graph.user',
  group: '#microsoft.graph.group',
  servicePrincipal: '#microsoft.graph.servicePrincipal',
};

/**
 * A member of a directoryObject collection (members, transitiveMembers, an expanded principal):
 * `@odata.type` first, then the selected properties the object's type has. Without permission to
 * read that type, Graph still lists the object but with its id only ("limited information").
 */
export function directoryObjectJson(o: DirectoryObjectModel, select: readonly string[] | null, canRead: (kind: DirectoryObjectModel['kind']) => boolean): Record<string, unknown> {
  const base = { '@odata.type': ODATA_TYPE[o.kind] };
  if (!canRead(o.kind)) return { ...base, id: o.id };
  const getters = o.kind === 'user' ? userGetters(o, { signInActivity: false }) : o.kind === 'group' ? groupGetters(o) : servicePrincipalGetters(o);
  const names = select ?? Object.keys(getters).filter((n) => n !== 'signInActivity');
  const out: Record<string, unknown> = { ...base };
  for (const name of names) {
    const get = getters[name];
    if (get) out[name] = get();
  }
  return out;
}

export const REGISTRATION_PROPERTIES = [
  'id',
  'userPrincipalName',
  'userDisplayName',
  'userType',
  'isAdmin',
  'isSsprRegistered',
  'isSsprEnabled',
  'isSsprCapable',
  'isMfaRegistered',
  'isMfaCapable',
  'isPasswordlessCapable',
  'methodsRegistered',
  'isSystemPreferredAuthenticationMethodEnabled',
  'systemPreferredAuthenticationMethods',
  'userPreferredMethodForSecondaryAuthentication',
  'lastUpdatedDateTime',
] as const;

const PASSWORDLESS = new Set(['microsoftAuthenticatorPasswordless', 'fido2SecurityKey', 'passKeyDeviceBound', 'windowsHelloForBusiness']);

export function registrationGetters(u: UserModel, lastUpdated: string): Getters {
  return {
    id: () => u.id,
    userPrincipalName: () => u.userPrincipalName,
    userDisplayName: () => u.displayName,
    userType: () => (u.userType === 'Guest' ? 'guest' : 'member'),
    isAdmin: () => u.isAdmin,
    isSsprRegistered: () => u.methodsRegistered.length > 0,
    isSsprEnabled: () => true,
    isSsprCapable: () => u.methodsRegistered.length > 0,
    isMfaRegistered: () => u.isMfaRegistered,
    isMfaCapable: () => u.isMfaCapable,
    isPasswordlessCapable: () => u.methodsRegistered.some((m) => PASSWORDLESS.has(m)),
    methodsRegistered: () => u.methodsRegistered,
    isSystemPreferredAuthenticationMethodEnabled: () => true,
    systemPreferredAuthenticationMethods: () => (u.methodsRegistered.includes('microsoftAuthenticatorPush') ? ['push'] : []),
    userPreferredMethodForSecondaryAuthentication: () => (u.methodsRegistered.includes('microsoftAuthenticatorPush') ? 'push' : 'none'),
    lastUpdatedDateTime: () => lastUpdated,
  };
}

export const ROLE_DEFINITION_PROPERTIES = ['id', 'displayName', 'description', 'isBuiltIn', 'isEnabled', 'templateId', 'version', 'resourceScopes', 'rolePermissions'] as const;

export function roleDefinitionGetters(r: BuiltInDirectoryRole): Getters {
  return {
    id: () => r.templateId,
    displayName: () => r.displayName,
    description: () => `Built-in role ${r.displayName}.`,
    isBuiltIn: () => true,
    isEnabled: () => true,
    templateId: () => r.templateId,
    version: () => '1',
    resourceScopes: () => ['/'],
    rolePermissions: () => [],
  };
}

export const ROLE_ASSIGNMENT_PROPERTIES = ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId'] as const;

export function organizationJson(t: TenantModel): Record<string, unknown> {
  return {
    id: t.id,
    displayName: t.displayName,
    tenantType: 'AAD',
    createdDateTime: t.createdDateTime,
    countryLetterCode: 'US',
    verifiedDomains: [{ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: t.defaultDomain, type: 'Managed' }],
  };
}

export const ORGANIZATION_PROPERTIES = ['id', 'displayName', 'tenantType', 'createdDateTime', 'countryLetterCode', 'verifiedDomains'] as const;
