import { ENTRA_KINDS, ENTRA_ROLE_TEMPLATES, defineCheck, entraDirectoryRoleAssignmentSchema, type EntraDirectoryRoleAssignment } from '@astrolabe/core';
import { parseItems } from '../../src/shared/evidence';
import { fail, listPhrase, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

export const MIN_GLOBAL_ADMINS = 2;
export const MAX_GLOBAL_ADMINS = 4;

const isGlobalAdmin = (a: EntraDirectoryRoleAssignment): boolean =>
  (a.roleTemplateId ?? a.roleDefinitionId).toLowerCase() === ENTRA_ROLE_TEMPLATES.globalAdministrator && a.directoryScopeId === '/';

// One finding on the tenant: the count is a property of every Global Administrator assignment together.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const parsed = parseItems(evidence, ENTRA_KINDS.directoryRoleAssignment, entraDirectoryRoleAssignmentSchema);
  const broken = parsed.flatMap((p) => (p.ok ? [] : [p]));
  if (broken.length > 0) {
    const detail = broken.map((p) => `${p.item.resourceId} (${p.problem})`).join(', ');
    return [toFinding(scope, unknown(`The role assignment evidence is malformed for ${detail}, so Global Administrators cannot be counted; re-run the collection.`), broken.map((p) => p.item.hash))];
  }
  const assignments = parsed.flatMap((p) => (p.ok && isGlobalAdmin(p.data) ? [{ data: p.data, hash: p.item.hash }] : []));
  const hashes = assignments.map((a) => a.hash);
  const unexpanded = assignments.filter((a) => a.data.principal.type === 'group' && a.data.groupMembers === null);
  if (unexpanded.length > 0) {
    const groups = listPhrase(unexpanded.map((a) => a.data.principal.displayName ?? a.data.principal.id));
    return [toFinding(scope, unknown(`The members of ${groups}, which hold Global Administrator, were not collected, so the holders cannot be counted; re-run the collection.`), hashes)];
  }

  // A user holding the role directly and through a group (or two groups) counts once.
  const users = new Map<string, string>();
  for (const { data } of assignments) {
    if (data.principal.type === 'user') users.set(data.principal.id, data.principal.userPrincipalName ?? data.principal.displayName ?? data.principal.id);
    for (const m of data.groupMembers ?? []) users.set(m.id, m.userPrincipalName ?? m.displayName ?? m.id);
  }
  const names = [...users.values()].sort();
  const viaGroups = assignments.filter((a) => a.data.principal.type === 'group').map((a) => a.data.principal.displayName ?? a.data.principal.id);
  const apps = assignments.filter((a) => a.data.principal.type === 'servicePrincipal').map((a) => a.data.principal.displayName ?? a.data.principal.id);
  const notes = [
    ...(viaGroups.length > 0 ? [`counting the members of ${listPhrase(viaGroups.map((g) => `"${g}"`))}`] : []),
    ...(apps.length > 0 ? [`the role is also held by the app${apps.length === 1 ? '' : 's'} ${listPhrase(apps)}, which should be reviewed`] : []),
  ];
  const holders = names.length === 1 ? '' : ` (${listPhrase(names)})`;
  const remarks = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  const tenant = scope.name;
  if (names.length === 0) {
    return [
      toFinding(
        scope,
        unknown(
          `No user holds an active Global Administrator assignment in ${tenant}. If the role is only eligible through Privileged Identity Management, its holders are not collected, so the count cannot be judged.`,
        ),
        hashes,
      ),
    ];
  }
  if (names.length < MIN_GLOBAL_ADMINS) {
    return [
      toFinding(
        scope,
        fail(
          `Only ${names[0] ?? ''} holds Global Administrator in ${tenant}${remarks}: if that account is lost or locked out, nobody can administer or recover the tenant. Assign a second trusted administrator or an emergency access account (Roles & admins → Global Administrator → Add assignments).`,
        ),
        hashes,
      ),
    ];
  }
  if (names.length > MAX_GLOBAL_ADMINS) {
    return [
      toFinding(
        scope,
        fail(
          `${names.length} users hold Global Administrator in ${tenant}${holders}${remarks}. Keep ${MIN_GLOBAL_ADMINS} to ${MAX_GLOBAL_ADMINS}: give the others a narrower role, or make the role eligible through Privileged Identity Management.`,
        ),
        hashes,
      ),
    ];
  }
  return [toFinding(scope, pass(
        `${names.length} users hold Global Administrator in ${tenant}${holders}, within the ${MIN_GLOBAL_ADMINS}–${MAX_GLOBAL_ADMINS} that keep continuity without spreading full control${remarks}.`,
      ), hashes)];
});
