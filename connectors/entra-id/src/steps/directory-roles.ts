import {
  ENTRA_KINDS,
  entraRoleAssignmentResourceId,
  type CollectionError,
  type EntraDirectoryRoleAssignment,
  type EntraGroupMember,
  type EntraPrincipalType,
} from '@astrolabe/core';
import { z } from 'zod';
import { kindError } from '../graph-errors';
import { forEachPage, mapLimited } from '../graph-paging';
import type { GraphSession } from '../graph-session';
import { ENTRA_PERMISSIONS } from '../manifest';
import type { Emit } from './users';

/** Role-holding groups expanded at once; a tenant rarely has more than a handful. */
const EXPANSION_CONCURRENCY = 4;

const definitionSchema = z.object({ id: z.string(), displayName: z.string().nullable().optional(), templateId: z.string().nullable().optional() });

const directoryObjectSchema = z
  .object({
    '@odata.type': z.string().optional(),
    id: z.string(),
    displayName: z.string().nullable().optional(),
    userPrincipalName: z.string().nullable().optional(),
  })
  .loose();
type DirectoryObject = z.infer<typeof directoryObjectSchema>;

const assignmentSchema = z.object({
  id: z.string(),
  roleDefinitionId: z.string(),
  principalId: z.string(),
  directoryScopeId: z.string().nullable().optional(),
  principal: directoryObjectSchema.nullable().optional(),
});
type Assignment = z.infer<typeof assignmentSchema>;

const TYPES: Record<string, EntraPrincipalType> = {
  '#microsoft.graph.user': 'user',
  '#microsoft.graph.group': 'group',
  '#microsoft.graph.servicePrincipal': 'servicePrincipal',
};
const principalType = (o: DirectoryObject | null | undefined): EntraPrincipalType => TYPES[o?.['@odata.type'] ?? ''] ?? 'other';

/** The users in a group, transitively (GET /groups/{id}/transitiveMembers; nested groups are walked by Graph). */
async function groupUsers(session: GraphSession, groupId: string, signal: AbortSignal): Promise<EntraGroupMember[]> {
  const users: EntraGroupMember[] = [];
  const first = session.client.api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`).select(['id', 'userPrincipalName', 'displayName']).top(999);
  await forEachPage(session.client, first, directoryObjectSchema, (page) => {
    for (const m of page) if (principalType(m) === 'user') users.push({ id: m.id, userPrincipalName: m.userPrincipalName ?? null, displayName: m.displayName ?? null });
  }, signal);
  return users.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Active directory role assignments (GET /roleManagement/directory/roleAssignments?$expand=principal)
 * named by their role definitions, and the users of every group that holds a role — only those
 * groups are expanded, so a tenant with thousands of groups costs a handful of extra calls.
 */
export async function collectDirectoryRoles(session: GraphSession, emit: Emit, signal: AbortSignal): Promise<CollectionError | null> {
  let assignments: Assignment[] = [];
  const roles = new Map<string, { displayName: string | null; templateId: string | null }>();
  try {
    await forEachPage(session.client, session.client.api('/roleManagement/directory/roleDefinitions').select(['id', 'displayName', 'templateId']), definitionSchema, (page) => {
      for (const d of page) roles.set(d.id.toLowerCase(), { displayName: d.displayName ?? null, templateId: d.templateId ?? null });
    }, signal);
    await forEachPage(session.client, session.client.api('/roleManagement/directory/roleAssignments').select(['id', 'roleDefinitionId', 'principalId', 'directoryScopeId']).expand('principal'), assignmentSchema, (page) => {
      assignments = assignments.concat(page);
    }, signal);
  } catch (err) {
    return kindError(err, 'reading directory role assignments', ENTRA_PERMISSIONS.roleManagement);
  }

  const groupIds = [...new Set(assignments.filter((a) => principalType(a.principal) === 'group').map((a) => a.principalId))];
  let members: Map<string, EntraGroupMember[]>;
  try {
    const expanded = await mapLimited(groupIds, EXPANSION_CONCURRENCY, async (id) => [id, await groupUsers(session, id, signal)] as const);
    members = new Map(expanded);
  } catch (err) {
    // Without the members of role-holding groups, "who holds a role" would be understated: fail the kind.
    return kindError(err, 'expanding the members of role-holding groups', ENTRA_PERMISSIONS.groupMembers);
  }

  for (const a of assignments) {
    const role = roles.get(a.roleDefinitionId.toLowerCase());
    const type = principalType(a.principal);
    const evidence: EntraDirectoryRoleAssignment = {
      id: a.id,
      roleDefinitionId: a.roleDefinitionId,
      roleTemplateId: role?.templateId ?? null,
      roleDisplayName: role?.displayName ?? null,
      directoryScopeId: a.directoryScopeId ?? '/',
      principal: { id: a.principalId, type, displayName: a.principal?.displayName ?? null, userPrincipalName: type === 'user' ? (a.principal?.userPrincipalName ?? null) : null },
      groupMembers: type === 'group' ? (members.get(a.principalId) ?? []) : null,
    };
    emit(ENTRA_KINDS.directoryRoleAssignment, entraRoleAssignmentResourceId(a.id), evidence);
  }
  return null;
}
