import {
  AZURE_RBAC_KINDS,
  azurePrincipalSchema,
  azureResourceGroupSchema,
  azureRoleAssignmentSchema,
  azureRoleDefinitionSchema,
  azureSubscriptionSchema,
  type AzurePrincipal,
  type AzureResourceGroup,
  type AzureRoleAssignment,
  type AzureRoleDefinition,
  type AzureSubscription,
  type EvidenceItem,
  type EvidenceSet,
} from '@astrolabe/core';
import type { z } from 'zod';
import { parseItems } from '../shared/evidence';

export interface Entry<T> {
  item: EvidenceItem;
  data: T;
}

export type AllRead<T> = { ok: true; entries: Entry<T>[] } | { ok: false; reason: string; evidence: string[] };

/**
 * Every item of a kind, or why not: these checks join kinds (assignments × definitions ×
 * principals), so one malformed item could silently change any verdict; it makes the check
 * `unknown` on the connection, naming the item, instead.
 */
export function readAll<T>(evidence: EvidenceSet, kind: string, schema: z.ZodType<T>, noun: string): AllRead<T> {
  const parsed = parseItems(evidence, kind, schema);
  const broken = parsed.flatMap((p) => (p.ok ? [] : [p]));
  if (broken.length > 0) {
    const detail = broken.map((p) => `${p.item.resourceId} (${p.problem})`).join(', ');
    return { ok: false, reason: `The ${noun} evidence is malformed for ${detail}; re-run the collection.`, evidence: broken.map((p) => p.item.hash) };
  }
  return { ok: true, entries: parsed.flatMap((p) => (p.ok ? [{ item: p.item, data: p.data }] : [])) };
}

export const readSubscriptions = (evidence: EvidenceSet): AllRead<AzureSubscription> => readAll(evidence, AZURE_RBAC_KINDS.subscription, azureSubscriptionSchema, 'subscription');
export const readResourceGroups = (evidence: EvidenceSet): AllRead<AzureResourceGroup> =>
  readAll(evidence, AZURE_RBAC_KINDS.resourceGroup, azureResourceGroupSchema, 'resource group');
export const readRoleAssignments = (evidence: EvidenceSet): AllRead<AzureRoleAssignment> =>
  readAll(evidence, AZURE_RBAC_KINDS.roleAssignment, azureRoleAssignmentSchema, 'role assignment');
export const readRoleDefinitions = (evidence: EvidenceSet): AllRead<AzureRoleDefinition> =>
  readAll(evidence, AZURE_RBAC_KINDS.roleDefinition, azureRoleDefinitionSchema, 'role definition');
export const readPrincipals = (evidence: EvidenceSet): AllRead<AzurePrincipal> => readAll(evidence, AZURE_RBAC_KINDS.principal, azurePrincipalSchema, 'principal');

/** Entries by a lower-cased key (ARM and Graph ids compare case-insensitively). */
export function indexBy<T>(entries: readonly Entry<T>[], key: (data: T) => string): Map<string, Entry<T>> {
  return new Map(entries.map((e) => [key(e.data).toLowerCase(), e]));
}

/** Subscriptions that are not running workloads: Azure keeps them read-only, so access checks do not apply. */
export const INACTIVE_SUBSCRIPTION_STATES: ReadonlySet<string> = new Set(['disabled', 'deleted']);

export function appliesToSubscription(assignment: AzureRoleAssignment, subscriptionId: string): boolean {
  const id = subscriptionId.toLowerCase();
  return assignment.subscriptionIds.some((s) => s.toLowerCase() === id);
}

type EntriesOf<R> = { [K in keyof R]: R[K] extends AllRead<infer T> ? Entry<T>[] : never };

/** Several kinds at once: their entries by name, or the first kind's reason for answering `unknown`. */
export function readEach<R extends Record<string, AllRead<unknown>>>(reads: R): { ok: true; entries: EntriesOf<R> } | { ok: false; reason: string; evidence: string[] } {
  const entries: Record<string, unknown> = {};
  for (const [name, read] of Object.entries(reads)) {
    if (!read.ok) return read;
    entries[name] = read.entries;
  }
  // Every key of R was copied above with its own entries.
  return { ok: true, entries: entries as EntriesOf<R> };
}
