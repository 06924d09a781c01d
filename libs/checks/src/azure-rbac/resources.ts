import {
  AZURE_BUILT_IN_ROLES,
  azurePrincipalResourceId,
  azureRoleDefinitionResourceId,
  azureSubscriptionResourceId,
  type AzureDirectoryObjectType,
  type AzurePrincipal,
  type AzureRoleAssignment,
  type AzureSubscription,
  type ResourceRef,
} from '@astrolabe/core';

/** Resource types of azure-rbac findings; the console groups and filters by them. */
export const AZURE_RESOURCE_TYPES = {
  tenant: 'azure:tenant',
  subscription: 'azure:subscription',
  roleAssignment: 'azure:role-assignment',
  roleDefinition: 'azure:role-definition',
  principal: 'azure:principal',
} as const;

/** Names of the built-in roles checks talk about, for reasons when no definition was needed to judge. */
export const BUILT_IN_ROLE_NAMES: Readonly<Record<string, string>> = {
  [AZURE_BUILT_IN_ROLES.owner]: 'Owner',
  [AZURE_BUILT_IN_ROLES.userAccessAdministrator]: 'User Access Administrator',
  [AZURE_BUILT_IN_ROLES.contributor]: 'Contributor',
  [AZURE_BUILT_IN_ROLES.reader]: 'Reader',
};

export function subscriptionRef(subscription: Pick<AzureSubscription, 'subscriptionId' | 'displayName'>): ResourceRef {
  return { id: azureSubscriptionResourceId(subscription.subscriptionId), type: AZURE_RESOURCE_TYPES.subscription, name: subscription.displayName };
}

export function roleDefinitionRef(id: string, roleName: string): ResourceRef {
  return { id: azureRoleDefinitionResourceId(id), type: AZURE_RESOURCE_TYPES.roleDefinition, name: roleName };
}

export function roleAssignmentRef(assignment: Pick<AzureRoleAssignment, 'id'>, name: string): ResourceRef {
  return { id: assignment.id.toLowerCase(), type: AZURE_RESOURCE_TYPES.roleAssignment, name };
}

export function principalRef(type: AzureDirectoryObjectType, objectId: string, name: string): ResourceRef {
  return { id: azurePrincipalResourceId(type, objectId), type: AZURE_RESOURCE_TYPES.principal, name };
}

/** The ref of an evidence item's resource when only its id is known (malformed data). */
export function refFromResourceId(resourceId: string, type: string): ResourceRef {
  const name = resourceId.split('/').filter((p) => p !== '').pop() ?? resourceId;
  return { id: resourceId, type, name };
}

const PRINCIPAL_NOUNS: Readonly<Record<string, string>> = {
  User: 'user',
  Group: 'group',
  ServicePrincipal: 'service principal',
  ForeignGroup: 'foreign group',
  Device: 'device',
};

/**
 * How reasons name a principal: `user Alice Ng (alice@acme.example)` when the directory told us,
 * otherwise ARM's type and the object id, which the portal's search box accepts.
 */
export function principalLabel(principalId: string, principalType: string, directory?: Pick<AzurePrincipal, 'type' | 'displayName' | 'userPrincipalName'>): string {
  if (directory && directory.type !== 'Unknown') {
    const noun = PRINCIPAL_NOUNS[directory.type] ?? 'principal';
    const name = directory.displayName ?? principalId;
    return directory.userPrincipalName && directory.userPrincipalName !== name ? `${noun} ${name} (${directory.userPrincipalName})` : `${noun} ${name}`;
  }
  const noun = PRINCIPAL_NOUNS[principalType] ?? 'principal';
  return directory?.type === 'Unknown' ? `deleted ${noun} ${principalId}` : `${noun} ${principalId}`;
}

/** `/`, `management group mg-prod`, `subscription Production`, `resource group rg-web in Production`, or the resource id. */
export function scopeLabel(assignment: Pick<AzureRoleAssignment, 'scope' | 'scopeLevel'>, subscriptionNames: ReadonlyMap<string, string> = new Map()): string {
  const parts = assignment.scope.split('/').filter((p) => p !== '');
  const sub = (id: string | undefined): string => (id ? (subscriptionNames.get(id.toLowerCase()) ?? id) : '?');
  switch (assignment.scopeLevel) {
    case 'root':
      return 'the root scope (/)';
    case 'management-group':
      return `management group ${parts[3] ?? assignment.scope}`;
    case 'subscription':
      return `subscription ${sub(parts[1])}`;
    case 'resource-group':
      return `resource group ${parts[3] ?? '?'} in subscription ${sub(parts[1])}`;
    default:
      return assignment.scope;
  }
}

/** At most `max` names, then "and N more", so a reason stays readable for a tenant-wide grant. */
export function firstNames(names: readonly string[], max = 5): string[] {
  return names.length <= max ? [...names] : [...names.slice(0, max), `${names.length - max} more`];
}
