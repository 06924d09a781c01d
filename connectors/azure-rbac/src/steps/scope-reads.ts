import type { AzureResourceGroup, AzureRoleAssignment, AzureRoleDefinition } from '@astrolabe/core';
import { callAzure } from '../azure-errors';
import type { AzureSession } from '../azure-session';
import { AZURE_RBAC_PERMISSIONS, type EnvironmentRules } from '../manifest';
import { resourceGroupOf, roleAssignmentOf, roleDefinitionOf } from '../normalize';

/** api-version of the resource group list (Microsoft.Resources). */
const RESOURCE_GROUPS_API = '2021-04-01';

/**
 * Scopes as the SDK takes them: without the leading slash, which its URL template adds
 * (`/{scope}/providers/…`); with one, ARM would be sent `//subscriptions/…`.
 */
export const subscriptionScope = (subscriptionId: string) => `subscriptions/${subscriptionId}`;
export const managementGroupScope = (groupId: string) => `providers/Microsoft.Management/managementGroups/${groupId}`;

export type ListedAssignment = Omit<AzureRoleAssignment, 'subscriptionIds'>;

/**
 * Role assignments that apply to a scope. Without a filter ARM returns those at, above
 * (management groups, the root) and below it (resource groups, resources): for a subscription,
 * everything that grants access in it. `atScope()` leaves out those below.
 */
export async function listRoleAssignments(session: AzureSession, scope: string, signal: AbortSignal, opts: { atScope?: boolean } = {}): Promise<ListedAssignment[]> {
  return callAzure(`role assignments of /${scope}`, AZURE_RBAC_PERMISSIONS.roleAssignments, async () => {
    const out: ListedAssignment[] = [];
    for await (const a of session.authorization.roleAssignments.listForScope(scope, { abortSignal: signal, ...(opts.atScope && { filter: 'atScope()' }) })) out.push(roleAssignmentOf(a));
    return out;
  });
}

/** Role definitions usable at a scope, of one type (custom roles per scope; built-in roles once per tenant). */
export async function listRoleDefinitions(session: AzureSession, scope: string, type: 'CustomRole' | 'BuiltInRole', signal: AbortSignal): Promise<AzureRoleDefinition[]> {
  const noun = type === 'CustomRole' ? 'custom roles' : 'built-in roles';
  return callAzure(`${noun} of /${scope}`, AZURE_RBAC_PERMISSIONS.roleDefinitions, async () => {
    const out: AzureRoleDefinition[] = [];
    for await (const d of session.authorization.roleDefinitions.list(scope, { abortSignal: signal, filter: `type eq '${type}'` })) out.push(roleDefinitionOf(d));
    return out;
  });
}

export async function listResourceGroups(session: AzureSession, subscriptionId: string, rules: EnvironmentRules, signal: AbortSignal): Promise<AzureResourceGroup[]> {
  return callAzure(`resource groups of /subscriptions/${subscriptionId}`, AZURE_RBAC_PERMISSIONS.resourceGroups, async () => {
    const raw = await session.armList(`/subscriptions/${encodeURIComponent(subscriptionId)}/resourcegroups?api-version=${RESOURCE_GROUPS_API}`, signal);
    return raw.map((g) => resourceGroupOf(g, subscriptionId, rules));
  });
}
