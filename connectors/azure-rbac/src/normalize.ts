import {
  AZURE_PRINCIPAL_TYPES,
  azureScopeLevel,
  roleDefinitionGuid,
  type AzureDirectoryMember,
  type AzurePrincipalType,
  type AzureResourceGroup,
  type AzureRoleAssignment,
  type AzureRoleDefinition,
  type AzureSubscription,
} from '@astrolabe/core';
import type { RoleAssignment, RoleDefinition } from '@azure/arm-authorization';
import { MalformedResponseError } from './azure-errors';
import { classify } from './environment-rules';
import type { EnvironmentRules } from './manifest';

/** ARM's JSON to the evidence contract: what every list item must carry, or the page is malformed. */

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strOrNull = (v: unknown): string | null => str(v) ?? null;

function required(v: unknown, field: string, what: string): string {
  const s = str(v);
  if (s === undefined) throw new MalformedResponseError(`${what} has no ${field}`);
  return s;
}

function tagsOf(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** An item of GET /subscriptions. */
export function subscriptionOf(raw: Record<string, unknown>, rules: EnvironmentRules): AzureSubscription {
  const subscriptionId = required(raw.subscriptionId, 'subscriptionId', 'a subscription').toLowerCase();
  const displayName = str(raw.displayName) ?? subscriptionId;
  const tags = tagsOf(raw.tags);
  return {
    subscriptionId,
    displayName,
    state: str(raw.state) ?? 'Unknown',
    tenantId: str(raw.tenantId)?.toLowerCase() ?? null,
    tags,
    classification: classify(displayName, tags, rules),
  };
}

/** An item of GET /subscriptions/{id}/resourcegroups. */
export function resourceGroupOf(raw: Record<string, unknown>, subscriptionId: string, rules: EnvironmentRules): AzureResourceGroup {
  const id = required(raw.id, 'id', 'a resource group');
  const name = str(raw.name) ?? id.split('/').pop() ?? id;
  const tags = tagsOf(raw.tags);
  return { id, subscriptionId, name, location: str(raw.location) ?? '', tags, managedBy: strOrNull(raw.managedBy), classification: classify(name, tags, rules) };
}

const principalTypeOf = (v: unknown): AzurePrincipalType => ((AZURE_PRINCIPAL_TYPES as readonly unknown[]).includes(v) ? (v as AzurePrincipalType) : 'Unknown');

/** A role assignment as the SDK deserialized it; `subscriptionIds` is filled in by whoever listed it. */
export function roleAssignmentOf(a: RoleAssignment): Omit<AzureRoleAssignment, 'subscriptionIds'> {
  const id = required(a.id, 'id', 'a role assignment');
  const scope = required(a.scope, 'scope', `role assignment ${id}`);
  return {
    id,
    name: str(a.name) ?? id.split('/').pop() ?? id,
    scope,
    scopeLevel: azureScopeLevel(scope),
    roleDefinitionId: roleDefinitionGuid(required(a.roleDefinitionId, 'roleDefinitionId', `role assignment ${id}`)),
    principalId: required(a.principalId, 'principalId', `role assignment ${id}`).toLowerCase(),
    principalType: principalTypeOf(a.principalType),
    condition: strOrNull(a.condition),
    description: strOrNull(a.description),
    createdOn: a.createdOn instanceof Date && !Number.isNaN(a.createdOn.getTime()) ? a.createdOn.toISOString() : null,
  };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A role definition as the SDK deserialized it. */
export function roleDefinitionOf(d: RoleDefinition): AzureRoleDefinition {
  const id = roleDefinitionGuid(required(d.name ?? d.id, 'name', 'a role definition'));
  return {
    id,
    roleName: str(d.roleName) ?? id,
    roleType: d.roleType === 'BuiltInRole' ? 'BuiltInRole' : 'CustomRole',
    description: strOrNull(d.description),
    assignableScopes: strings(d.assignableScopes),
    permissions: (d.permissions ?? []).map((p) => ({ actions: strings(p.actions), notActions: strings(p.notActions), dataActions: strings(p.dataActions), notDataActions: strings(p.notDataActions) })),
  };
}

const GRAPH_TYPES: Readonly<Record<string, AzureDirectoryMember['type']>> = {
  '#microsoft.graph.user': 'User',
  '#microsoft.graph.group': 'Group',
  '#microsoft.graph.serviceprincipal': 'ServicePrincipal',
};

/** A directoryObject of Graph (getByIds, transitiveMembers), reduced to what the checks need. */
export function directoryObjectOf(raw: Record<string, unknown>): AzureDirectoryMember {
  const id = required(raw.id, 'id', 'a directory object').toLowerCase();
  const type = GRAPH_TYPES[String(raw['@odata.type'] ?? '').toLowerCase()] ?? 'Unknown';
  return {
    id,
    type,
    displayName: strOrNull(raw.displayName),
    userPrincipalName: strOrNull(raw.userPrincipalName),
    accountEnabled: type !== 'Group' && typeof raw.accountEnabled === 'boolean' ? raw.accountEnabled : null,
  };
}
