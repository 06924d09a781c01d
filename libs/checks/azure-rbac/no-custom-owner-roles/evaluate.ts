import { azureScopeLevel, defineCheck, type AzureRoleDefinition, type CheckFinding } from '@astrolabe/core';
import { readRoleDefinitions } from '../../src/azure-rbac/evidence';
import { isOwnerEquivalent } from '../../src/azure-rbac/permissions';
import { roleDefinitionRef } from '../../src/azure-rbac/resources';
import { fail, listPhrase, orNotApplicable, pass, toFinding, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

/** Scopes at which a role administers a whole subscription (CIS: "/ or a subscription"; a management group covers subscriptions). */
const SUBSCRIPTION_WIDE = new Set(['root', 'management-group', 'subscription']);

function judge(role: AzureRoleDefinition): Verdict {
  const label = `Custom role ${role.roleName}`;
  if (!isOwnerEquivalent(role)) return pass(`${label} does not allow every action ("*") with role assignments included.`);
  const wide = role.assignableScopes.filter((s) => SUBSCRIPTION_WIDE.has(azureScopeLevel(s)));
  if (wide.length === 0) {
    return pass(`${label} allows every action ("*") but is assignable only on resource groups or resources (${listPhrase(role.assignableScopes)}), so it is not a subscription administrator role.`);
  }
  return fail(
    `${label} allows every action ("*"), role assignments included, and is assignable on ${listPhrase(wide)}: it is an Owner that Owner reviews do not see. Replace "*" with the actions its holders need, or move them to a built-in role and delete it.`,
  );
}

// One finding per custom role; built-in roles are Microsoft's and out of this check's reach.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readRoleDefinitions(evidence);
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  const findings = read.entries
    .filter((e) => e.data.roleType === 'CustomRole')
    .map(({ item, data }): CheckFinding => toFinding(roleDefinitionRef(data.id, data.roleName), judge(data), [item.hash]));
  return orNotApplicable(findings, scope, 'No custom role is defined on the subscriptions and management groups read.');
});
