import { setMaxListeners } from 'node:events';
import {
  AZURE_RBAC_KINDS,
  azurePrincipalResourceId,
  azureRoleDefinitionResourceId,
  azureSubscriptionResourceId,
  azureTenantResourceId,
  ConnectorError,
  type AzurePrincipal,
  type AzureResourceGroup,
  type AzureRoleAssignment,
  type AzureRoleDefinition,
  type AzureSubscription,
  type CollectContext,
  type CollectionError,
} from '@astrolabe/core';
import { classifyAzureError } from './azure-errors';
import { openAzureSession, type AzureSession } from './azure-session';
import { AZURE_RBAC_CREDENTIAL_HELP, AZURE_RBAC_PERMISSIONS, type AzureRbacConfig, type AzureRbacSecret } from './manifest';
import { readPrincipals } from './steps/principals-step';
import { listResourceGroups, listRoleAssignments, listRoleDefinitions, managementGroupScope, subscriptionScope, type ListedAssignment } from './steps/scope-reads';
import { readSubscriptions, readTenantName } from './steps/subscriptions-step';

/** Subscriptions read at once: each costs three ARM list calls; ARM throttles reads per principal. */
const CONCURRENCY = 4;
const K = AZURE_RBAC_KINDS;
const ALL_KINDS = Object.values(K);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function eachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) await run(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What one run has read so far; every kind is complete or failed, never half a list. */
class Snapshot {
  readonly assignments = new Map<string, ListedAssignment & { subscriptionIds: Set<string> }>();
  readonly resourceGroups: AzureResourceGroup[] = [];
  readonly customRoles = new Map<string, AzureRoleDefinition>();
  builtInRoles: AzureRoleDefinition[] = [];
  principals: AzurePrincipal[] = [];

  /**
   * Adds a listing. An assignment on a management group or the root applies to every
   * subscription whose listing returned it; one on a subscription or below, to that one only.
   */
  addAssignments(listed: readonly ListedAssignment[], subscriptionId: string | null): void {
    for (const a of listed) {
      const key = a.id.toLowerCase();
      const entry = this.assignments.get(key) ?? { ...a, subscriptionIds: new Set<string>() };
      const own = /^\/subscriptions\/([^/]+)/i.exec(a.scope)?.[1]?.toLowerCase();
      if (own) entry.subscriptionIds.add(own);
      else if (subscriptionId) entry.subscriptionIds.add(subscriptionId);
      this.assignments.set(key, entry);
    }
  }

  roleAssignments(): AzureRoleAssignment[] {
    // Sorted, so the same tenant hashes the same whatever order the concurrent reads finished in.
    return [...this.assignments.values()].map((a) => ({ ...a, subscriptionIds: [...a.subscriptionIds].sort() }));
  }
}

/**
 * One tenant snapshot with list calls only: the subscription list, then per subscription its role
 * assignments (inherited ones included), resource groups and custom roles, the built-in roles
 * once, and the principals holding roles in Microsoft Graph. A failed read fails the kinds it
 * feeds and nothing else; credentials refused, an endpoint unreachable or untrusted, or no
 * subscription in sight end the run with a hint.
 */
export async function collectAzureRbac(ctx: CollectContext<AzureRbacConfig, AzureRbacSecret>): Promise<void> {
  const { config } = ctx;
  // Aborted by the caller, or by us when a fatal error makes the other calls pointless.
  const stop = new AbortController();
  setMaxListeners(64, stop.signal);
  const onCallerAbort = (): void => stop.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onCallerAbort();
  else ctx.signal.addEventListener('abort', onCallerAbort, { once: true });

  let session: AzureSession | undefined;
  const failures = new Map<string, CollectionError>();
  const outcome: { fatal: ConnectorError | null } = { fatal: null };
  const snapshot = new Snapshot();
  let subscriptions: AzureSubscription[] = [];
  try {
    session = await openAzureSession(config, ctx.secret, { signal: stop.signal, logger: ctx.logger });
    const s = session;
    const fail = (kinds: readonly string[], err: unknown): void => {
      if (stop.signal.aborted) return; // a fatal error or the caller already ended the run
      const c = classifyAzureError(err, { endpointAnswered: s.answered(), endpoints: `${s.armEndpoint} and ${s.graphBaseUrl}` });
      if (c.kind === 'fatal') {
        outcome.fatal = c.error;
        stop.abort(c.error);
        return;
      }
      ctx.logger.warn('azure-rbac evidence kinds not collected', { kinds, code: c.error.code, message: c.error.message });
      for (const kind of kinds) if (!failures.has(kind)) failures.set(kind, c.error);
    };
    const live = (kind: string): boolean => !failures.has(kind) && !stop.signal.aborted;

    try {
      const read = await readSubscriptions(s, config, stop.signal);
      subscriptions = read.subscriptions;
      if (subscriptions.length === 0 && config.managementGroupIds.length === 0) {
        const message =
          config.subscriptionIds.length > 0
            ? `The identity can see none of the configured subscriptions (${config.subscriptionIds.join(', ')}): it holds no Azure role on them.`
            : 'The identity can see no Azure subscription: it holds no Azure role on any.';
        throw new ConnectorError('no_subscriptions', message, AZURE_RBAC_CREDENTIAL_HELP);
      }
      if (read.missing.length > 0) {
        failures.set(K.subscription, {
          code: 'access_denied',
          message: `The identity cannot see the configured subscription${read.missing.length === 1 ? '' : 's'} ${read.missing.join(', ')}: grant it Reader there, or remove ${read.missing.length === 1 ? 'it' : 'them'} from subscriptionIds.`,
          missingPermission: `${AZURE_RBAC_PERMISSIONS.subscriptions} on /subscriptions/${read.missing[0] ?? ''}`,
        });
      }
    } catch (err) {
      if (err instanceof ConnectorError) throw err;
      // Every kind is read per subscription: without the list there is nothing to read.
      fail(ALL_KINDS, err);
    }

    const tenantId = config.tenantId && GUID.test(config.tenantId) ? config.tenantId : (subscriptions.find((x) => x.tenantId)?.tenantId ?? null);
    if (tenantId) ctx.identify({ id: azureTenantResourceId(tenantId), type: 'azure:tenant', name: (await readTenantName(s, tenantId, stop.signal)) ?? tenantId });

    const total = subscriptions.length + config.managementGroupIds.length + 2;
    let done = 0;
    await eachLimited(subscriptions, CONCURRENCY, async (sub) => {
      const scope = subscriptionScope(sub.subscriptionId);
      if (live(K.roleAssignment)) {
        try {
          snapshot.addAssignments(await listRoleAssignments(s, scope, stop.signal), sub.subscriptionId);
        } catch (err) {
          fail([K.roleAssignment, K.principal], err);
        }
      }
      if (live(K.resourceGroup)) {
        try {
          snapshot.resourceGroups.push(...(await listResourceGroups(s, sub.subscriptionId, config.environments, stop.signal)));
        } catch (err) {
          fail([K.resourceGroup], err);
        }
      }
      if (live(K.roleDefinition)) {
        try {
          for (const d of await listRoleDefinitions(s, scope, 'CustomRole', stop.signal)) snapshot.customRoles.set(d.id, d);
        } catch (err) {
          fail([K.roleDefinition], err);
        }
      }
      ctx.progress(++done, total, `subscription ${sub.displayName}`);
    });

    for (const groupId of config.managementGroupIds) {
      const scope = managementGroupScope(groupId);
      if (live(K.roleAssignment)) {
        try {
          snapshot.addAssignments(await listRoleAssignments(s, scope, stop.signal, { atScope: true }), null);
        } catch (err) {
          fail([K.roleAssignment, K.principal], err);
        }
      }
      if (live(K.roleDefinition)) {
        try {
          for (const d of await listRoleDefinitions(s, scope, 'CustomRole', stop.signal)) snapshot.customRoles.set(d.id, d);
        } catch (err) {
          fail([K.roleDefinition], err);
        }
      }
      ctx.progress(++done, total, `management group ${groupId}`);
    }

    // Built-in roles are the same everywhere: one listing, at the first scope in reach.
    const anyScope = subscriptions[0] ? subscriptionScope(subscriptions[0].subscriptionId) : config.managementGroupIds[0] ? managementGroupScope(config.managementGroupIds[0]) : null;
    if (anyScope && live(K.roleDefinition)) {
      try {
        snapshot.builtInRoles = await listRoleDefinitions(s, anyScope, 'BuiltInRole', stop.signal);
      } catch (err) {
        fail([K.roleDefinition], err);
      }
    }
    ctx.progress(++done, total, 'role definitions');

    if (live(K.roleAssignment) && live(K.principal)) {
      try {
        snapshot.principals = await readPrincipals(s, snapshot.roleAssignments(), stop.signal);
      } catch (err) {
        fail([K.principal], err);
      }
    }
    ctx.progress(++done, total, 'principals');
  } finally {
    ctx.signal.removeEventListener('abort', onCallerAbort);
    if (session) ctx.usage(session.usage.report());
  }
  if (outcome.fatal) throw outcome.fatal;
  if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('collection aborted');

  const assignments = snapshot.roleAssignments();
  for (const sub of subscriptions) ctx.emit(K.subscription, azureSubscriptionResourceId(sub.subscriptionId), sub);
  for (const g of snapshot.resourceGroups) ctx.emit(K.resourceGroup, g.id.toLowerCase(), g);
  for (const a of assignments) ctx.emit(K.roleAssignment, a.id.toLowerCase(), a);
  // Every custom role, and the built-in roles in use: the ~700 others would only be noise.
  const assigned = new Set(assignments.map((a) => a.roleDefinitionId));
  for (const d of [...snapshot.customRoles.values(), ...snapshot.builtInRoles.filter((r) => assigned.has(r.id))]) ctx.emit(K.roleDefinition, azureRoleDefinitionResourceId(d.id), d);
  for (const p of snapshot.principals) {
    const members = p.members ? [...p.members].sort((a, b) => a.id.localeCompare(b.id)) : null;
    ctx.emit(K.principal, azurePrincipalResourceId(p.type, p.id), { ...p, members });
  }
  for (const [kind, error] of failures) ctx.fail(kind, error);
}
