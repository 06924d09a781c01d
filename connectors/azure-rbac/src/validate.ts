import { azureTenantResourceId, ConnectorError, type ValidateContext, type ValidationResult, type ValidationStep } from '@astrolabe/core';
import { callAzure, classifyAzureError } from './azure-errors';
import { openAzureSession, type AzureSession } from './azure-session';
import { AZURE_RBAC_PERMISSIONS, type AzureRbacConfig, type AzureRbacSecret } from './manifest';
import { roleAssignmentOf, roleDefinitionOf } from './normalize';
import { listResourceGroups, managementGroupScope, subscriptionScope } from './steps/scope-reads';
import { readSubscriptions, readTenantName } from './steps/subscriptions-step';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined };
/** No directory object has this id: getByIds answers an empty list when the permission is there, 403 when not. */
const NO_SUCH_OBJECT = '00000000-0000-0000-0000-000000000000';

interface Probe {
  name: string;
  permission: string;
  run(session: AzureSession, scope: string, signal: AbortSignal, config: AzureRbacConfig): Promise<string>;
}

/** One cheap read per permission the manifest lists, each stopping after the first item it sees. */
const PROBES: readonly Probe[] = [
  {
    name: 'Read role assignments',
    permission: AZURE_RBAC_PERMISSIONS.roleAssignments,
    run: async (s, scope, signal) => {
      for await (const a of s.authorization.roleAssignments.listForScope(scope, { abortSignal: signal, filter: 'atScope()' })) {
        roleAssignmentOf(a);
        break;
      }
      return `Allowed on /${scope}`;
    },
  },
  {
    name: 'Read role definitions',
    permission: AZURE_RBAC_PERMISSIONS.roleDefinitions,
    run: async (s, scope, signal) => {
      for await (const d of s.authorization.roleDefinitions.list(scope, { abortSignal: signal, filter: "type eq 'CustomRole'" })) {
        roleDefinitionOf(d);
        break;
      }
      return `Allowed on /${scope}`;
    },
  },
  {
    name: 'Read resource groups',
    permission: AZURE_RBAC_PERMISSIONS.resourceGroups,
    run: async (s, scope, signal, config) => {
      const subscriptionId = /^subscriptions\/(.+)$/.exec(scope)?.[1];
      if (!subscriptionId) return 'Not applicable: no subscription in scope';
      const groups = await listResourceGroups(s, subscriptionId, config.environments, signal);
      return `Allowed: ${groups.length} resource groups in /${scope}`;
    },
  },
  {
    name: 'Look up principals in Microsoft Entra ID',
    permission: AZURE_RBAC_PERMISSIONS.directory,
    run: async (s, _scope, signal) => {
      await s.graphPost('/v1.0/directoryObjects/getByIds?$select=id', { ids: [NO_SUCH_OBJECT] }, signal);
      return 'Allowed';
    },
  },
];

/**
 * Proves a connection works before the first scheduled run: a token, the subscription list, then
 * one cheap read per permission on the first subscription in scope, each denied read naming the
 * grant that is missing.
 */
export async function validateAzureRbac(ctx: ValidateContext<AzureRbacConfig, AzureRbacSecret>): Promise<ValidationResult> {
  let session: AzureSession;
  try {
    session = await openAzureSession(ctx.config, ctx.secret, { signal: ctx.signal, logger: silent });
  } catch (err) {
    const message = err instanceof ConnectorError ? `${err.message}${err.hint ? `\n${err.hint}` : ''}` : String(err);
    return { ok: false, steps: [{ name: 'Get an access token for Azure Resource Manager', ok: false, message }] };
  }
  const classify = (err: unknown) => classifyAzureError(err, { endpointAnswered: session.answered(), endpoints: session.armEndpoint });
  const failed = (name: string, err: unknown): ValidationStep => {
    const c = classify(err);
    if (c.kind === 'fatal') return { name, ok: false, message: `${c.error.message}${c.error.hint ? `\n${c.error.hint}` : ''}` };
    return { name, ok: false, message: c.error.message, ...(c.error.missingPermission && { missingPermission: c.error.missingPermission }) };
  };

  const listName = `List subscriptions (${AZURE_RBAC_PERMISSIONS.subscriptions})`;
  let first: string | null = null;
  let tenantId: string | null = ctx.config.tenantId ?? null;
  const steps: ValidationStep[] = [];
  try {
    const read = await readSubscriptions(session, ctx.config, ctx.signal);
    first = read.subscriptions[0] ? subscriptionScope(read.subscriptions[0].subscriptionId) : ctx.config.managementGroupIds[0] ? managementGroupScope(ctx.config.managementGroupIds[0]) : null;
    tenantId = tenantId ?? read.subscriptions.find((s) => s.tenantId)?.tenantId ?? null;
    const missing = read.missing.length > 0 ? `; not visible: ${read.missing.join(', ')}` : '';
    steps.push({
      name: listName,
      ok: read.subscriptions.length > 0 && read.missing.length === 0,
      message: read.subscriptions.length > 0 ? `${read.subscriptions.length} subscriptions in scope${missing}` : `The identity holds no role on any subscription in scope${missing}`,
      ...((read.subscriptions.length === 0 || read.missing.length > 0) && { missingPermission: `Reader (${AZURE_RBAC_PERMISSIONS.subscriptions}) on the subscriptions to monitor` }),
    });
  } catch (err) {
    steps.push(failed(listName, err));
    return { ok: false, steps };
  }

  if (first) {
    const scope = first;
    for (const probe of PROBES) {
      const name = `${probe.name} (${probe.permission})`;
      try {
        steps.push({ name, ok: true, message: await callAzure(probe.name.toLowerCase(), probe.permission, () => probe.run(session, scope, ctx.signal, ctx.config)) });
      } catch (err) {
        steps.push(failed(name, err));
      }
    }
  }
  const scope = tenantId ? { id: azureTenantResourceId(tenantId), type: 'azure:tenant', name: (await readTenantName(session, tenantId, ctx.signal)) ?? tenantId } : undefined;
  return { ok: steps.every((s) => s.ok), ...(scope && { scope }), steps };
}
