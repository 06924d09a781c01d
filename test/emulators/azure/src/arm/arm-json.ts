import type { TenantModel } from '../model/tenant-model';
import { ROOT_SCOPE, type ResourceGroupModel, type RoleAssignmentModel, type RoleDefinitionModel, type SubscriptionModel } from './arm-model';

/**
 * ARM's JSON for each resource, as the REST API (and so the SDK's deserializers) sees it. ARM
 * leaves `tags` out of resources that have none, which clients must tolerate.
 */
const withTags = (tags: Readonly<Record<string, string>>): { tags?: Record<string, string> } => (Object.keys(tags).length > 0 ? { tags: { ...tags } } : {});

/** GET /subscriptions (api-version 2022-12-01). */
export function subscriptionJson(s: SubscriptionModel, tenantId: string): Record<string, unknown> {
  return {
    id: s.scope,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    ...withTags(s.tags),
    subscriptionId: s.subscriptionId,
    tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

/** GET /tenants. */
export function tenantJson(t: TenantModel): Record<string, unknown> {
  return {
    id: `/tenants/${t.id}`,
    tenantId: t.id,
    countryCode: 'US',
    displayName: t.displayName,
    domains: [t.defaultDomain],
    tenantCategory: 'Home',
    defaultDomain: t.defaultDomain,
    tenantType: 'AAD',
  };
}

/** GET /subscriptions/{id}/resourcegroups. */
export function resourceGroupJson(g: ResourceGroupModel): Record<string, unknown> {
  return {
    id: g.id,
    name: g.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: g.location,
    ...(g.managedBy !== null && { managedBy: g.managedBy }),
    ...withTags(g.tags),
    properties: { provisioningState: 'Succeeded' },
  };
}

/**
 * The prefix ARM gives role definition ids in a listing: the subscription's for a subscription
 * or anything in it (`/subscriptions/<id>/providers/…`), none for management groups and the root.
 */
export function roleDefinitionPrefix(scope: string): string {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return sub ? `/subscriptions/${sub}` : '';
}

export const roleDefinitionArmId = (listingScope: string, roleId: string): string => `${roleDefinitionPrefix(listingScope)}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;

/** GET {scope}/providers/Microsoft.Authorization/roleAssignments (api-version 2022-04-01). */
export function roleAssignmentJson(a: RoleAssignmentModel, listingScope: string): Record<string, unknown> {
  return {
    properties: {
      roleDefinitionId: roleDefinitionArmId(a.scope === ROOT_SCOPE ? ROOT_SCOPE : listingScope, a.roleDefinitionId),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: a.condition,
      conditionVersion: a.condition === null ? null : '2.0',
      createdOn: a.createdOn,
      updatedOn: a.createdOn,
      createdBy: null,
      updatedBy: null,
      delegatedManagedIdentityResourceId: null,
      description: a.description,
    },
    id: a.id,
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.name,
  };
}

/** GET {scope}/providers/Microsoft.Authorization/roleDefinitions (api-version 2022-04-01). */
export function roleDefinitionJson(d: RoleDefinitionModel, listingScope: string): Record<string, unknown> {
  return {
    properties: {
      roleName: d.roleName,
      type: d.roleType,
      description: d.description,
      assignableScopes: [...d.assignableScopes],
      permissions: d.permissions.map((p) => ({ actions: [...p.actions], notActions: [...p.notActions], dataActions: [...p.dataActions], notDataActions: [...p.notDataActions] })),
      createdOn: d.createdOn,
      updatedOn: d.updatedOn,
      createdBy: null,
      updatedBy: null,
    },
    id: roleDefinitionArmId(listingScope, d.id),
    type: 'Microsoft.Authorization/roleDefinitions',
    name: d.id,
  };
}
