import { z } from 'zod';

/**
 * Evidence kinds of the azure-rbac connector: the contract between connectors/azure-rbac (which
 * emits them) and libs/checks/azure-rbac (which reads them). Field names follow Azure Resource
 * Manager (and Microsoft Graph for principals) so an auditor can map evidence back to the raw
 * call. `null` always means "Azure did not tell us", never "off" or "none".
 */
export const AZURE_RBAC_KINDS = {
  subscription: 'azure-rbac.subscription',
  resourceGroup: 'azure-rbac.resource-group',
  roleAssignment: 'azure-rbac.role-assignment',
  roleDefinition: 'azure-rbac.role-definition',
  principal: 'azure-rbac.principal',
} as const;

/** Built-in role definition ids: the same GUID in every tenant and cloud. */
export const AZURE_BUILT_IN_ROLES = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
} as const;

/** Where a role assignment sits; everything below a subscription counts as that subscription's. */
export const AZURE_SCOPE_LEVELS = ['root', 'management-group', 'subscription', 'resource-group', 'resource'] as const;
export type AzureScopeLevel = (typeof AZURE_SCOPE_LEVELS)[number];

/** ARM's principalType values; `Unknown` stands for any value ARM adds later. */
export const AZURE_PRINCIPAL_TYPES = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device', 'Unknown'] as const;
export type AzurePrincipalType = (typeof AZURE_PRINCIPAL_TYPES)[number];

/** What the connection's rules (tag values or name patterns) say a subscription or resource group is. */
export const AZURE_ENVIRONMENTS = ['production', 'non-production'] as const;
export type AzureEnvironment = (typeof AZURE_ENVIRONMENTS)[number];

/** A directory object as Microsoft Graph describes it; `Unknown`: no longer in the directory (deleted). */
export const AZURE_DIRECTORY_OBJECT_TYPES = ['User', 'Group', 'ServicePrincipal', 'Unknown'] as const;
export type AzureDirectoryObjectType = (typeof AZURE_DIRECTORY_OBJECT_TYPES)[number];

/** Resource ids: ARM ids lower-cased (ARM compares them case-insensitively). */
export const azureSubscriptionResourceId = (subscriptionId: string) => `/subscriptions/${subscriptionId.toLowerCase()}`;
export const azureRoleDefinitionResourceId = (roleDefinitionId: string) => `/providers/microsoft.authorization/roledefinitions/${roleDefinitionId.toLowerCase()}`;
export const azureTenantResourceId = (tenantId: string) => `/tenants/${tenantId.toLowerCase()}`;

const PRINCIPAL_RESOURCE_PREFIXES: Readonly<Record<AzureDirectoryObjectType, string>> = {
  User: 'entra-id:user',
  Group: 'entra-id:group',
  ServicePrincipal: 'entra-id:service-principal',
  Unknown: 'entra-id:object',
};
/**
 * Principals by directory object id, in the entra-id connector's id scheme (`entra-id:user/<id>`),
 * so findings of both connectors about one person land on one resource.
 */
export const azurePrincipalResourceId = (type: AzureDirectoryObjectType, objectId: string) => `${PRINCIPAL_RESOURCE_PREFIXES[type]}/${objectId}`;

/**
 * How the connection's environment rules classified a subscription or resource group, and the
 * rule that decided it (`tag environment=prod`, `name matches "-prd"`), so a finding can say why.
 */
export const azureEnvironmentClassificationSchema = z.object({
  environment: z.enum(AZURE_ENVIRONMENTS).nullable(),
  basis: z.string().nullable(),
});
export type AzureEnvironmentClassification = z.infer<typeof azureEnvironmentClassificationSchema>;

/** GET /subscriptions (one item per subscription in the connection's scope). */
export const azureSubscriptionSchema = z.object({
  subscriptionId: z.string(),
  displayName: z.string(),
  /** Enabled, Warned, PastDue, Disabled or Deleted. */
  state: z.string(),
  tenantId: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  classification: azureEnvironmentClassificationSchema,
});
export type AzureSubscription = z.infer<typeof azureSubscriptionSchema>;

/** GET /subscriptions/{id}/resourcegroups: the unit that environment tags and names usually sit on. */
export const azureResourceGroupSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  name: z.string(),
  location: z.string(),
  tags: z.record(z.string(), z.string()),
  /** Set when another service (AKS, Databricks…) owns the group. */
  managedBy: z.string().nullable(),
  classification: azureEnvironmentClassificationSchema,
});
export type AzureResourceGroup = z.infer<typeof azureResourceGroupSchema>;

/** GET /{scope}/providers/Microsoft.Authorization/roleAssignments (api-version 2022-04-01). */
export const azureRoleAssignmentSchema = z.object({
  id: z.string(),
  /** The assignment's GUID. */
  name: z.string(),
  scope: z.string(),
  scopeLevel: z.enum(AZURE_SCOPE_LEVELS),
  /** GUID of the role definition (the last segment of ARM's roleDefinitionId), lower-case. */
  roleDefinitionId: z.string(),
  principalId: z.string(),
  principalType: z.enum(AZURE_PRINCIPAL_TYPES),
  /** An ABAC condition that constrains the assignment (e.g. which roles a delegate may assign). */
  condition: z.string().nullable(),
  description: z.string().nullable(),
  createdOn: z.string().nullable(),
  /**
   * The subscriptions read in this run that the assignment applies to: the one it sits in, or for
   * an assignment on a management group or the root, every read subscription whose listing
   * returned it as inherited. This is what ARM itself said, not a guess at the hierarchy.
   */
  subscriptionIds: z.array(z.string()),
});
export type AzureRoleAssignment = z.infer<typeof azureRoleAssignmentSchema>;

export const azurePermissionSchema = z.object({
  actions: z.array(z.string()),
  notActions: z.array(z.string()),
  dataActions: z.array(z.string()),
  notDataActions: z.array(z.string()),
});
export type AzurePermission = z.infer<typeof azurePermissionSchema>;

/** GET /{scope}/providers/Microsoft.Authorization/roleDefinitions: every custom role, and the built-in roles assigned. */
export const azureRoleDefinitionSchema = z.object({
  /** The role's GUID, lower-case. */
  id: z.string(),
  roleName: z.string(),
  roleType: z.enum(['BuiltInRole', 'CustomRole']),
  description: z.string().nullable(),
  assignableScopes: z.array(z.string()),
  permissions: z.array(azurePermissionSchema),
});
export type AzureRoleDefinition = z.infer<typeof azureRoleDefinitionSchema>;

export const azureDirectoryMemberSchema = z.object({
  id: z.string(),
  type: z.enum(AZURE_DIRECTORY_OBJECT_TYPES),
  displayName: z.string().nullable(),
  userPrincipalName: z.string().nullable(),
  /** Users and service principals; null for groups and when Graph did not say. */
  accountEnabled: z.boolean().nullable(),
});
export type AzureDirectoryMember = z.infer<typeof azureDirectoryMemberSchema>;

/**
 * A principal that holds at least one role assignment, looked up in Microsoft Graph
 * (POST /directoryObjects/getByIds). Only these principals are read: the directory itself is
 * the entra-id connector's evidence.
 */
export const azurePrincipalSchema = azureDirectoryMemberSchema.extend({
  /**
   * Transitive members (GET /groups/{id}/transitiveMembers) of a group that holds Owner or User
   * Access Administrator on a subscription or above; null when the group was not expanded (it
   * holds no such role, or the principal is not a group).
   */
  members: z.array(azureDirectoryMemberSchema).nullable(),
});
export type AzurePrincipal = z.infer<typeof azurePrincipalSchema>;

/** The role GUID at the end of an ARM roleDefinitionId (`/subscriptions/…/roleDefinitions/<guid>`). */
export function roleDefinitionGuid(roleDefinitionId: string): string {
  const parts = roleDefinitionId.split('/').filter((p) => p !== '');
  return (parts[parts.length - 1] ?? roleDefinitionId).toLowerCase();
}

/** The level of an ARM scope (`/`, a management group, a subscription, a resource group, a resource). */
export function azureScopeLevel(scope: string): AzureScopeLevel {
  const parts = scope.split('/').filter((p) => p !== '');
  if (parts.length === 0) return 'root';
  const first = parts[0]?.toLowerCase();
  if (first === 'providers' && parts[1]?.toLowerCase() === 'microsoft.management' && parts[2]?.toLowerCase() === 'managementgroups') return 'management-group';
  if (first !== 'subscriptions') return 'resource';
  if (parts.length === 2) return 'subscription';
  if (parts.length === 4 && parts[2]?.toLowerCase() === 'resourcegroups') return 'resource-group';
  return 'resource';
}
