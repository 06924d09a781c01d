import { AZURE_BUILT_IN_ROLES, type AzureDirectoryMember, type AzurePrincipal, type AzureRoleAssignment } from '@astrolabe/core';
import { callAzure } from '../azure-errors';
import type { AzureSession } from '../azure-session';
import { AZURE_RBAC_PERMISSIONS } from '../manifest';
import { directoryObjectOf } from '../normalize';

/** getByIds takes at most this many ids per call. */
const BATCH = 1000;
/** What checks need of a principal; v1.0 leaves accountEnabled out unless asked. */
const SELECT = 'id,displayName,userPrincipalName,accountEnabled';
/** Roles whose holders are counted as people: a group holding one is expanded to its transitive members. */
const EXPANDED_ROLES: ReadonlySet<string> = new Set([AZURE_BUILT_IN_ROLES.owner, AZURE_BUILT_IN_ROLES.userAccessAdministrator]);
const SUBSCRIPTION_WIDE: ReadonlySet<AzureRoleAssignment['scopeLevel']> = new Set(['root', 'management-group', 'subscription']);

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The directory facts about the principals that hold roles, and only those: one getByIds call per
 * thousand principals, plus the transitive members of each group that holds Owner or User Access
 * Administrator on a subscription or above (the groups whose people are counted as owners). A
 * principal Graph does not return no longer exists: its assignments are orphaned.
 */
export async function readPrincipals(session: AzureSession, assignments: readonly AzureRoleAssignment[], signal: AbortSignal): Promise<AzurePrincipal[]> {
  const ids = [...new Set(assignments.map((a) => a.principalId.toLowerCase()))].sort();
  const found = new Map<string, AzureDirectoryMember>();
  for (const batch of chunks(ids, BATCH)) {
    const body = await callAzure(`directory objects of ${batch.length} principals`, AZURE_RBAC_PERMISSIONS.directory, () =>
      session.graphPost(`/v1.0/directoryObjects/getByIds?$select=${SELECT}`, { ids: batch, types: ['user', 'group', 'servicePrincipal'] }, signal),
    );
    const value = Array.isArray(body.value) ? body.value : [];
    for (const raw of value) {
      if (typeof raw !== 'object' || raw === null) continue;
      const o = directoryObjectOf(raw as Record<string, unknown>);
      found.set(o.id, o);
    }
  }

  const expand = new Set(assignments.filter((a) => EXPANDED_ROLES.has(a.roleDefinitionId) && SUBSCRIPTION_WIDE.has(a.scopeLevel)).map((a) => a.principalId.toLowerCase()));
  const members = new Map<string, AzureDirectoryMember[]>();
  for (const id of [...expand].sort()) {
    if (found.get(id)?.type !== 'Group') continue;
    const raw = await callAzure(`transitive members of group ${id}`, AZURE_RBAC_PERMISSIONS.directory, () =>
      session.graphList(`/v1.0/groups/${encodeURIComponent(id)}/transitiveMembers?$select=${SELECT}&$top=999`, signal),
    );
    members.set(id, raw.map(directoryObjectOf));
  }

  return ids.map((id): AzurePrincipal => {
    const o = found.get(id);
    if (!o) return { id, type: 'Unknown', displayName: null, userPrincipalName: null, accountEnabled: null, members: null };
    return { ...o, members: members.get(id) ?? null };
  });
}
