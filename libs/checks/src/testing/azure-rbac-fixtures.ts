import {
  AZURE_BUILT_IN_ROLES,
  AZURE_RBAC_KINDS,
  azurePrincipalResourceId,
  azureRoleDefinitionResourceId,
  azureScopeLevel,
  azureSubscriptionResourceId,
  azureTenantResourceId,
  type AzureDirectoryMember,
  type AzurePrincipal,
  type AzureResourceGroup,
  type AzureRoleAssignment,
  type AzureRoleDefinition,
  type AzureSubscription,
  type EvaluationContext,
} from '@astrolabe/core';
import type { UnavailableEvidenceSetup } from './unavailable-evidence';
import { evidenceBuilder, type EvidenceBuilder } from './evidence-builder';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TENANT_RESOURCE_ID = azureTenantResourceId(TENANT_ID);
export const NOW = new Date('2026-06-01T12:00:00Z');

export function azureContext(now: Date = NOW): EvaluationContext {
  return { now, scope: { id: TENANT_RESOURCE_ID, type: 'azure:tenant', name: 'Acme (acme.example)' } };
}

/** The permission whose absence makes the connector fail each kind (named in `unknown` reasons). */
export const AZURE_RBAC_KIND_PERMISSIONS: Record<string, string> = {
  [AZURE_RBAC_KINDS.subscription]: 'Microsoft.Resources/subscriptions/read',
  [AZURE_RBAC_KINDS.resourceGroup]: 'Microsoft.Resources/subscriptions/resourceGroups/read',
  [AZURE_RBAC_KINDS.roleAssignment]: 'Microsoft.Authorization/roleAssignments/read',
  [AZURE_RBAC_KINDS.roleDefinition]: 'Microsoft.Authorization/roleDefinitions/read',
  [AZURE_RBAC_KINDS.principal]: 'Microsoft Graph Directory.Read.All (application permission)',
};

export const AZURE_RBAC_SETUP: UnavailableEvidenceSetup = {
  context: () => azureContext(),
  permissionFor: (kind) => AZURE_RBAC_KIND_PERMISSIONS[kind] ?? `read ${kind}`,
};

/** A GUID derived from a name, so fixtures (and their hashes) do not depend on call order. */
export function guidFor(name: string): string {
  let hex = '';
  for (let seed = 0; hex.length < 32; seed++) {
    let h = (0x811c9dc5 ^ seed) >>> 0;
    for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const subscriptionId = (name: string) => guidFor(`subscription ${name}`);
export const subscriptionScope = (name: string) => `/subscriptions/${subscriptionId(name)}`;
export const objectId = (name: string) => guidFor(`principal ${name}`);
export const ROOT_SCOPE = '/';
export const managementGroupScope = (id: string) => `/providers/Microsoft.Management/managementGroups/${id}`;
export const resourceGroupScope = (subscription: string, group: string) => `${subscriptionScope(subscription)}/resourceGroups/${group}`;

export function subscription(name: string, overrides: Partial<AzureSubscription> = {}): AzureSubscription {
  return {
    subscriptionId: subscriptionId(name),
    displayName: name,
    state: 'Enabled',
    tenantId: TENANT_ID,
    tags: {},
    classification: { environment: null, basis: null },
    ...overrides,
  };
}

export const production = (basis = 'tag environment=production') => ({ environment: 'production' as const, basis });
export const nonProduction = (basis = 'tag environment=dev') => ({ environment: 'non-production' as const, basis });

export function resourceGroup(subscriptionName: string, name: string, overrides: Partial<AzureResourceGroup> = {}): AzureResourceGroup {
  return {
    id: resourceGroupScope(subscriptionName, name),
    subscriptionId: subscriptionId(subscriptionName),
    name,
    location: 'westeurope',
    tags: {},
    managedBy: null,
    classification: { environment: null, basis: null },
    ...overrides,
  };
}

export interface AssignmentSpec {
  role: string;
  principal: string;
  principalType?: AzureRoleAssignment['principalType'];
  scope: string;
  /** Subscription names the assignment applies to; default: the one its scope is in. */
  appliesTo?: string[];
  condition?: string | null;
}

export function assignment(spec: AssignmentSpec): AzureRoleAssignment {
  const name = guidFor(`assignment ${spec.role} ${spec.principal} ${spec.scope}`);
  const own = /^\/subscriptions\/([^/]+)/i.exec(spec.scope)?.[1];
  const prefix = spec.scope === '/' ? '' : spec.scope;
  return {
    id: `${prefix}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    scope: spec.scope,
    scopeLevel: azureScopeLevel(spec.scope),
    roleDefinitionId: spec.role,
    principalId: objectId(spec.principal),
    principalType: spec.principalType ?? 'User',
    condition: spec.condition ?? null,
    description: null,
    createdOn: '2025-01-10T09:00:00Z',
    subscriptionIds: spec.appliesTo ? spec.appliesTo.map(subscriptionId) : own ? [own] : [],
  };
}

const builtIn = (id: string, roleName: string, actions: string[], notActions: string[] = []): AzureRoleDefinition => ({
  id,
  roleName,
  roleType: 'BuiltInRole',
  description: null,
  assignableScopes: ['/'],
  permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }],
});

export const OWNER_ROLE = builtIn(AZURE_BUILT_IN_ROLES.owner, 'Owner', ['*']);
export const CONTRIBUTOR_ROLE = builtIn(AZURE_BUILT_IN_ROLES.contributor, 'Contributor', ['*'], [
  'Microsoft.Authorization/*/Delete',
  'Microsoft.Authorization/*/Write',
  'Microsoft.Authorization/elevateAccess/Action',
]);
export const READER_ROLE = builtIn(AZURE_BUILT_IN_ROLES.reader, 'Reader', ['*/read']);
export const UAA_ROLE = builtIn(AZURE_BUILT_IN_ROLES.userAccessAdministrator, 'User Access Administrator', ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*']);
export const BUILT_IN_ROLES = [OWNER_ROLE, CONTRIBUTOR_ROLE, READER_ROLE, UAA_ROLE];

export function customRole(roleName: string, overrides: Partial<AzureRoleDefinition> = {}): AzureRoleDefinition {
  return {
    id: guidFor(`role ${roleName}`),
    roleName,
    roleType: 'CustomRole',
    description: null,
    assignableScopes: [subscriptionScope('Production')],
    permissions: [{ actions: ['Microsoft.Compute/virtualMachines/read'], notActions: [], dataActions: [], notDataActions: [] }],
    ...overrides,
  };
}

export function user(name: string, overrides: Partial<AzurePrincipal> = {}): AzurePrincipal {
  return { id: objectId(name), type: 'User', displayName: name, userPrincipalName: `${name.toLowerCase().replace(/\s+/g, '.')}@acme.example`, accountEnabled: true, members: null, ...overrides };
}

export function servicePrincipal(name: string, overrides: Partial<AzurePrincipal> = {}): AzurePrincipal {
  return { id: objectId(name), type: 'ServicePrincipal', displayName: name, userPrincipalName: null, accountEnabled: true, members: null, ...overrides };
}

export function member(principal: AzurePrincipal): AzureDirectoryMember {
  const { members: _members, ...rest } = principal;
  return rest;
}

export function group(name: string, members: AzurePrincipal[] | null, overrides: Partial<AzurePrincipal> = {}): AzurePrincipal {
  return { id: objectId(name), type: 'Group', displayName: name, userPrincipalName: null, accountEnabled: null, members: members ? members.map(member) : null, ...overrides };
}

/** A principal ARM still references but Graph no longer knows ("Identity not found" in the portal). */
export function deletedPrincipal(name: string): AzurePrincipal {
  return { id: objectId(name), type: 'Unknown', displayName: null, userPrincipalName: null, accountEnabled: null, members: null };
}

/** Adds items under the resource ids the connector uses. */
export const addSubscription = (b: EvidenceBuilder, s: AzureSubscription) => b.add(AZURE_RBAC_KINDS.subscription, azureSubscriptionResourceId(s.subscriptionId), s);
export const addResourceGroup = (b: EvidenceBuilder, g: AzureResourceGroup) => b.add(AZURE_RBAC_KINDS.resourceGroup, g.id.toLowerCase(), g);
export const addAssignment = (b: EvidenceBuilder, a: AzureRoleAssignment) => b.add(AZURE_RBAC_KINDS.roleAssignment, a.id.toLowerCase(), a);
export const addRoleDefinition = (b: EvidenceBuilder, d: AzureRoleDefinition) => b.add(AZURE_RBAC_KINDS.roleDefinition, azureRoleDefinitionResourceId(d.id), d);
export const addPrincipal = (b: EvidenceBuilder, p: AzurePrincipal) => b.add(AZURE_RBAC_KINDS.principal, azurePrincipalResourceId(p.type, p.id), p);

export interface TenantSpec {
  subscriptions?: AzureSubscription[];
  resourceGroups?: AzureResourceGroup[];
  assignments?: AzureRoleAssignment[];
  roleDefinitions?: AzureRoleDefinition[];
  principals?: AzurePrincipal[];
}

/** Evidence of a whole tenant: every kind marked collected, even when a list is empty. */
export function tenant(spec: TenantSpec = {}): EvidenceBuilder {
  const b = evidenceBuilder();
  for (const kind of Object.values(AZURE_RBAC_KINDS)) b.collected(kind);
  for (const s of spec.subscriptions ?? []) addSubscription(b, s);
  for (const g of spec.resourceGroups ?? []) addResourceGroup(b, g);
  for (const a of spec.assignments ?? []) addAssignment(b, a);
  for (const d of spec.roleDefinitions ?? BUILT_IN_ROLES) addRoleDefinition(b, d);
  for (const p of spec.principals ?? []) addPrincipal(b, p);
  return b;
}
