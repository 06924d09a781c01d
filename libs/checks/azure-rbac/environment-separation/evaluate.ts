import { defineCheck, type AzureResourceGroup, type AzureRoleAssignment, type AzureSubscription, type CheckFinding } from '@astrolabe/core';
import { indexBy, INACTIVE_SUBSCRIPTION_STATES, readEach, readResourceGroups, readRoleAssignments, readRoleDefinitions, readSubscriptions, type Entry } from '../../src/azure-rbac/evidence';
import { grantsWrite } from '../../src/azure-rbac/permissions';
import { firstNames, principalLabel, subscriptionRef } from '../../src/azure-rbac/resources';
import { fail, listPhrase, notApplicable, orNotApplicable, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

interface Marks {
  /** Why the subscription holds production (`resource group rg-web (tag environment=prod)`). */
  production: string[];
  nonProduction: string[];
  hashes: string[];
}

function marksOf(sub: Entry<AzureSubscription>, groups: readonly Entry<AzureResourceGroup>[]): Marks {
  const out: Marks = { production: [], nonProduction: [], hashes: [sub.item.hash] };
  const note = (environment: string | null, what: string, basis: string | null, hash: string): void => {
    if (environment === null) return;
    (environment === 'production' ? out.production : out.nonProduction).push(`${what}${basis ? ` (${basis})` : ''}`);
    out.hashes.push(hash);
  };
  note(sub.data.classification.environment, 'the subscription itself', sub.data.classification.basis, sub.item.hash);
  for (const g of groups) note(g.data.classification.environment, `resource group ${g.data.name}`, g.data.classification.basis, g.item.hash);
  out.hashes = [...new Set(out.hashes)];
  return out;
}

interface Writer {
  label: string;
  /** false while every role that gives it write access here is a definition we did not see. */
  certain: boolean;
  hashes: string[];
}

// One finding per subscription: separation is a property of where production sits and who can change it.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readEach({
    subscriptions: readSubscriptions(evidence),
    groups: readResourceGroups(evidence),
    assignments: readRoleAssignments(evidence),
    definitions: readRoleDefinitions(evidence),
  });
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  const { subscriptions, groups, assignments, definitions } = read.entries;
  const definitionById = indexBy(definitions, (d) => d.id);

  const groupsBySubscription = new Map<string, Entry<AzureResourceGroup>[]>();
  for (const g of groups) {
    const key = g.data.subscriptionId.toLowerCase();
    groupsBySubscription.set(key, [...(groupsBySubscription.get(key) ?? []), g]);
  }
  const active = subscriptions.filter((s) => !INACTIVE_SUBSCRIPTION_STATES.has(s.data.state.toLowerCase()));
  const marks = new Map(active.map((s) => [s.data.subscriptionId.toLowerCase(), marksOf(s, groupsBySubscription.get(s.data.subscriptionId.toLowerCase()) ?? [])]));

  // Who can write where: a principal per subscription, from assignments on it, below it or inherited.
  const writers = new Map<string, Map<string, Writer>>();
  const missingRoles = new Set<string>();
  for (const { item, data: a } of assignments) {
    const definition = definitionById.get(a.roleDefinitionId);
    if (definition && !grantsWrite(definition.data)) continue;
    if (!definition) missingRoles.add(a.roleDefinitionId);
    for (const subscriptionId of a.subscriptionIds) writerOf(writers, subscriptionId, a, definition !== undefined, [item.hash, ...(definition ? [definition.item.hash] : [])]);
  }

  const names = new Map(subscriptions.map((s) => [s.data.subscriptionId.toLowerCase(), s.data.displayName]));
  const nonProductionIds = [...marks].filter(([, m]) => m.nonProduction.length > 0).map(([id]) => id);

  const findings = subscriptions.map((sub): CheckFinding => {
    const resource = subscriptionRef(sub.data);
    const name = sub.data.displayName;
    const m = marks.get(sub.data.subscriptionId.toLowerCase());
    if (!m) return toFinding(resource, notApplicable(`The subscription ${name} is ${sub.data.state}: Azure keeps it read-only, so it cannot mix environments.`), [sub.item.hash]);
    if (m.production.length > 0 && m.nonProduction.length > 0) {
      return toFinding(
        resource,
        fail(
          `The subscription ${name} holds production (${listPhrase(firstNames(m.production))}) and non-production (${listPhrase(firstNames(m.nonProduction))}) together: whoever may change one may change the other. Move the resource groups of one environment to a subscription of their own.`,
        ),
        m.hashes,
      );
    }
    if (m.nonProduction.length > 0) {
      return toFinding(resource, pass(`The subscription ${name} holds only non-production (${listPhrase(firstNames(m.nonProduction))}); write access it shares with production is reported on the production subscriptions.`), m.hashes);
    }
    if (m.production.length === 0) {
      return toFinding(
        resource,
        notApplicable(`Neither the subscription ${name} nor its resource groups are identified as production or non-production by the connection's tag and name rules; tag them (e.g. environment=production) to have separation checked.`),
        m.hashes,
      );
    }
    const shared = sharedWriters(writers, sub.data.subscriptionId, nonProductionIds, names);
    const certain = shared.filter((s) => s.certain);
    const hashes = [...new Set([...m.hashes, ...shared.flatMap((s) => s.hashes)])];
    if (certain.length > 0) {
      const who = listPhrase(firstNames(certain.map((s) => `${s.label} (also ${listPhrase(s.elsewhere)})`)));
      return toFinding(
        resource,
        fail(
          `The production subscription ${name} (${listPhrase(firstNames(m.production))}) can be changed by ${certain.length} principal${certain.length === 1 ? '' : 's'} that can also change non-production: ${who}. Give production changes to separate identities and remove these principals' write roles on one side.`,
        ),
        hashes,
      );
    }
    if (shared.length > 0) {
      return toFinding(
        resource,
        unknown(
          `Whether ${listPhrase(firstNames(shared.map((s) => s.label)))} can write to both the production subscription ${name} and non-production depends on role definitions that were not collected (${listPhrase([...missingRoles])}); re-run the collection.`,
        ),
        hashes,
      );
    }
    return toFinding(resource, pass(`The production subscription ${name} (${listPhrase(firstNames(m.production))}) shares no principal with write access with non-production subscriptions.`), hashes);
  });
  return orNotApplicable(findings, scope, 'No subscription is in the scope of this connection.');
});

function writerOf(writers: Map<string, Map<string, Writer>>, subscriptionId: string, a: AzureRoleAssignment, certain: boolean, hashes: string[]): void {
  const key = subscriptionId.toLowerCase();
  const bySub = writers.get(key) ?? new Map<string, Writer>();
  writers.set(key, bySub);
  const principal = a.principalId.toLowerCase();
  const existing = bySub.get(principal);
  if (existing) {
    existing.certain ||= certain;
    existing.hashes.push(...hashes);
  } else {
    bySub.set(principal, { label: principalLabel(a.principalId, a.principalType), certain, hashes: [...hashes] });
  }
}

interface SharedWriter extends Writer {
  /** The non-production subscriptions it can also change. */
  elsewhere: string[];
}

function sharedWriters(writers: ReadonlyMap<string, ReadonlyMap<string, Writer>>, productionId: string, nonProductionIds: readonly string[], names: ReadonlyMap<string, string>): SharedWriter[] {
  const inProduction = writers.get(productionId.toLowerCase()) ?? new Map<string, Writer>();
  const out: SharedWriter[] = [];
  for (const [principal, writer] of [...inProduction].sort(([, a], [, b]) => a.label.localeCompare(b.label))) {
    const others = nonProductionIds.flatMap((id) => {
      const there = writers.get(id)?.get(principal);
      return there ? [{ id, there }] : [];
    });
    if (others.length === 0) continue;
    // Certain only when the write access on both sides rests on definitions we saw.
    const certainOthers = others.filter((o) => o.there.certain);
    const certain = writer.certain && certainOthers.length > 0;
    const counted = certain ? certainOthers : others;
    out.push({
      label: writer.label,
      certain,
      elsewhere: counted.map((o) => names.get(o.id) ?? o.id),
      hashes: [...writer.hashes, ...counted.flatMap((o) => o.there.hashes)],
    });
  }
  return out;
}
