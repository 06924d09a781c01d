import { AZURE_BUILT_IN_ROLES, defineCheck, type AzureRoleAssignment, type CheckFinding } from '@astrolabe/core';
import { readRoleAssignments } from '../../src/azure-rbac/evidence';
import { principalLabel, roleAssignmentRef, scopeLabel } from '../../src/azure-rbac/resources';
import { fail, pass, toFinding, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

const ROLE = 'User Access Administrator';

function judge(a: AzureRoleAssignment): Verdict {
  const who = principalLabel(a.principalId, a.principalType);
  const where = scopeLabel(a);
  if (a.scopeLevel === 'root') {
    return fail(
      `${who} holds ${ROLE} at the root scope (/), so they can grant themselves or anyone Owner on every management group and subscription in the tenant. This is what "Access management for Azure resources" elevation leaves behind: turn it off (Microsoft Entra ID → Properties) or remove the assignment once the task is done.`,
    );
  }
  if (a.scopeLevel === 'management-group') {
    return fail(`${who} holds ${ROLE} on ${where}, so they can grant anyone Owner on every subscription below it; remove the assignment, or replace it with a constrained Role Based Access Control Administrator assignment where the job needs one.`);
  }
  if (a.condition) return pass(`${who} holds ${ROLE} on ${where}, constrained by a condition on what they may assign.`);
  return fail(
    `${who} holds ${ROLE} on ${where} without a condition, so they can grant anyone (themselves included) Owner there; replace it with Role Based Access Control Administrator constrained to the roles they must assign, or remove it.`,
  );
}

// One finding per User Access Administrator assignment; none at all is the state this control wants.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readRoleAssignments(evidence);
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  const findings = read.entries
    .filter((e) => e.data.roleDefinitionId === AZURE_BUILT_IN_ROLES.userAccessAdministrator)
    .map(({ item, data }): CheckFinding => toFinding(roleAssignmentRef(data, `${ROLE} for ${principalLabel(data.principalId, data.principalType)} at ${data.scope}`), judge(data), [item.hash]));
  if (findings.length > 0) return findings;
  return [toFinding(scope, pass(`No principal holds ${ROLE} on the root scope, a management group or any subscription read.`), read.entries.map((e) => e.item.hash))];
});
