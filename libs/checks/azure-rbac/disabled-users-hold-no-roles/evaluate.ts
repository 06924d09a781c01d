import { defineCheck, type AzureRoleAssignment, type CheckFinding } from '@astrolabe/core';
import { indexBy, readEach, readPrincipals, readRoleAssignments, readRoleDefinitions, type Entry } from '../../src/azure-rbac/evidence';
import { BUILT_IN_ROLE_NAMES, firstNames, principalLabel, principalRef, scopeLabel } from '../../src/azure-rbac/resources';
import { capitalize, fail, listPhrase, orNotApplicable, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

// One finding per user who holds at least one role assignment directly.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readEach({ assignments: readRoleAssignments(evidence), definitions: readRoleDefinitions(evidence), principals: readPrincipals(evidence) });
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  const { assignments, definitions, principals } = read.entries;
  const principalById = indexBy(principals, (p) => p.id);
  const definitionById = indexBy(definitions, (d) => d.id);
  const roleName = (a: AzureRoleAssignment): string => definitionById.get(a.roleDefinitionId)?.data.roleName ?? BUILT_IN_ROLE_NAMES[a.roleDefinitionId] ?? `role ${a.roleDefinitionId}`;
  const describe = (held: readonly Entry<AzureRoleAssignment>[]): string => listPhrase(firstNames(held.map((e) => `${roleName(e.data)} on ${scopeLabel(e.data)}`)));

  const byUser = new Map<string, { principalId: string; held: Entry<AzureRoleAssignment>[] }>();
  for (const e of assignments) {
    if (e.data.principalType !== 'User') continue;
    const key = e.data.principalId.toLowerCase();
    const entry = byUser.get(key) ?? { principalId: e.data.principalId, held: [] };
    entry.held.push(e);
    byUser.set(key, entry);
  }

  const findings = [...byUser.values()].map(({ principalId, held }): CheckFinding => {
    const principal = principalById.get(principalId.toLowerCase());
    const hashes = held.map((e) => e.item.hash);
    const count = `${held.length} role assignment${held.length === 1 ? '' : 's'}`;
    if (!principal) {
      return toFinding(
        principalRef('User', principalId, principalId),
        unknown(`User ${principalId} holds ${count} (${describe(held)}) but was not looked up in the directory, so whether the account is enabled is unknown; re-run the collection.`),
        hashes,
      );
    }
    const p = principal.data;
    const who = principalLabel(p.id, 'User', p);
    const resource = principalRef(p.type === 'Unknown' ? 'Unknown' : 'User', p.id, p.userPrincipalName ?? p.displayName ?? p.id);
    const evidenceHashes = [principal.item.hash, ...hashes];
    if (p.type === 'Unknown') {
      return toFinding(resource, fail(`User ${p.id} no longer exists in the directory but still holds ${count}: ${describe(held)}. Remove them ("Identity not found" in Access control (IAM)).`), evidenceHashes);
    }
    if (p.accountEnabled === null) {
      return toFinding(resource, unknown(`Microsoft Graph did not say whether ${who} is enabled; it holds ${count} (${describe(held)}).`), evidenceHashes);
    }
    if (!p.accountEnabled) {
      return toFinding(resource, fail(`${capitalize(who)} is disabled but still holds ${count}: ${describe(held)}. Remove them to finish offboarding; re-enabling the account would restore that access.`), evidenceHashes);
    }
    return toFinding(resource, pass(`${capitalize(who)} is enabled and holds ${count}.`), evidenceHashes);
  });
  return orNotApplicable(findings, scope, 'No user holds a role assignment directly on the scopes read.');
});
