import { AZURE_BUILT_IN_ROLES, defineCheck, type AzureDirectoryMember, type AzurePrincipal, type AzureRoleAssignment, type CheckFinding } from '@astrolabe/core';
import { appliesToSubscription, indexBy, INACTIVE_SUBSCRIPTION_STATES, readEach, readPrincipals, readRoleAssignments, readSubscriptions, type Entry } from '../../src/azure-rbac/evidence';
import { firstNames, principalLabel, subscriptionRef } from '../../src/azure-rbac/resources';
import { fail, listPhrase, notApplicable, orNotApplicable, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

export const MIN_OWNERS = 2;
export const MAX_OWNERS = 3;

/** Owner on the subscription itself or inherited from above; Owner of one resource group is not a subscription owner. */
const SUBSCRIPTION_OWNER_LEVELS: ReadonlySet<AzureRoleAssignment['scopeLevel']> = new Set(['root', 'management-group', 'subscription']);

interface Identity {
  label: string;
  enabled: boolean | null;
}

interface OwnerCount {
  identities: Map<string, Identity>;
  /** Owner principals whose people could not be counted (group not expanded, principal not looked up). */
  uncounted: string[];
  /** Owner assignments of principals deleted from the directory: they grant nobody anything. */
  orphaned: string[];
  hashes: string[];
}

function countOwners(owners: readonly Entry<AzureRoleAssignment>[], principals: ReadonlyMap<string, Entry<AzurePrincipal>>): OwnerCount {
  const out: OwnerCount = { identities: new Map(), uncounted: [], orphaned: [], hashes: [] };
  const addIdentity = (m: AzureDirectoryMember): void => {
    if (m.type === 'Group' || m.type === 'Unknown') return; // a nested group's people are listed themselves (transitive)
    out.identities.set(m.id.toLowerCase(), { label: principalLabel(m.id, m.type, m), enabled: m.accountEnabled });
  };
  for (const { item, data: a } of owners) {
    out.hashes.push(item.hash);
    const principal = principals.get(a.principalId.toLowerCase());
    if (!principal) {
      out.uncounted.push(`${principalLabel(a.principalId, a.principalType)} (not looked up in the directory)`);
      continue;
    }
    out.hashes.push(principal.item.hash);
    const p = principal.data;
    if (p.type === 'Unknown') out.orphaned.push(principalLabel(a.principalId, a.principalType, p));
    else if (p.type !== 'Group') addIdentity(p);
    else if (p.members === null) out.uncounted.push(`${principalLabel(a.principalId, a.principalType, p)} (its members were not expanded)`);
    else p.members.forEach(addIdentity);
  }
  out.hashes = [...new Set(out.hashes)];
  return out;
}

// One finding per subscription: the count is a property of all Owner assignments that reach it.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readEach({ subscriptions: readSubscriptions(evidence), assignments: readRoleAssignments(evidence), principals: readPrincipals(evidence) });
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  const { subscriptions, assignments, principals } = read.entries;

  const principalById = indexBy(principals, (p) => p.id);
  const ownerAssignments = assignments.filter((e) => e.data.roleDefinitionId === AZURE_BUILT_IN_ROLES.owner && SUBSCRIPTION_OWNER_LEVELS.has(e.data.scopeLevel));

  const findings = subscriptions.map(({ item, data: sub }): CheckFinding => {
    const resource = subscriptionRef(sub);
    if (INACTIVE_SUBSCRIPTION_STATES.has(sub.state.toLowerCase())) {
      return toFinding(resource, notApplicable(`The subscription ${sub.displayName} is ${sub.state}: Azure keeps it read-only, so its owners cannot change anything.`), [item.hash]);
    }
    const count = countOwners(
      ownerAssignments.filter((e) => appliesToSubscription(e.data, sub.subscriptionId)),
      principalById,
    );
    const hashes = [item.hash, ...count.hashes];
    if (count.uncounted.length > 0) {
      return toFinding(
        resource,
        unknown(`The owners of ${sub.displayName} cannot be counted: Owner is held by ${listPhrase(count.uncounted)}; grant the connector Directory.Read.All in Microsoft Graph and re-run the collection.`),
        hashes,
      );
    }
    const all = [...count.identities.values()];
    const active = all.filter((i) => i.enabled !== false).map((i) => i.label).sort();
    const disabled = all.filter((i) => i.enabled === false).map((i) => i.label).sort();
    const notes = [
      ...(disabled.length > 0 ? [`disabled account${disabled.length === 1 ? '' : 's'} not counted: ${listPhrase(disabled)}`] : []),
      ...(count.orphaned.length > 0 ? [`Owner assignments of deleted principals to remove: ${listPhrase(count.orphaned)}`] : []),
    ];
    const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    const names = listPhrase(firstNames(active));
    if (active.length === 0) {
      return toFinding(
        resource,
        fail(`The subscription ${sub.displayName} has no active owner${note}: nobody can administer or recover it. Assign Owner to two trusted administrators (Access control (IAM) → Add role assignment → Owner).`),
        hashes,
      );
    }
    if (active.length < MIN_OWNERS) {
      return toFinding(
        resource,
        fail(`The subscription ${sub.displayName} has a single owner (${names})${note}: if that identity is lost or taken over, nobody else can administer or recover it. Assign Owner to a second trusted administrator.`),
        hashes,
      );
    }
    if (active.length > MAX_OWNERS) {
      return toFinding(
        resource,
        fail(`The subscription ${sub.displayName} has ${active.length} owners (${names})${note}; replace the Owner assignments of those who do not need full control with narrower roles so that only ${MIN_OWNERS} or ${MAX_OWNERS} remain.`),
        hashes,
      );
    }
    return toFinding(resource, pass(`The subscription ${sub.displayName} has ${active.length} owners (${names})${note}, within the ${MIN_OWNERS}–${MAX_OWNERS} that keep continuity without spreading full control.`), hashes);
  });
  return orNotApplicable(findings, scope, 'No subscription is in the scope of this connection.');
});
