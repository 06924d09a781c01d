import type { AzureSubscription } from '@astrolabe/core';
import { callAzure } from '../azure-errors';
import type { AzureSession } from '../azure-session';
import { AZURE_RBAC_PERMISSIONS, type AzureRbacConfig } from '../manifest';
import { subscriptionOf } from '../normalize';

/** api-version of the subscription and tenant lists (Microsoft.Resources). */
const SUBSCRIPTIONS_API = '2022-12-01';

export interface SubscriptionsRead {
  /** The subscriptions in the connection's scope, as the identity sees them. */
  subscriptions: AzureSubscription[];
  /** Configured subscription ids the identity cannot see (no role on them, or they do not exist). */
  missing: string[];
}

/**
 * GET /subscriptions lists what the identity holds any role on (with tags and state), so one
 * paged call finds the scope; `subscriptionIds` narrows it. @azure/arm-subscriptions 6.x has no
 * such list (it moved to @azure/arm-resources-subscriptions), so it goes through the ARM client's
 * own pipeline: same credential, retries and endpoint.
 */
export async function readSubscriptions(session: AzureSession, config: AzureRbacConfig, signal: AbortSignal): Promise<SubscriptionsRead> {
  const raw = await callAzure('the subscription list', AZURE_RBAC_PERMISSIONS.subscriptions, () => session.armList(`/subscriptions?api-version=${SUBSCRIPTIONS_API}`, signal));
  const all = raw.map((s) => subscriptionOf(s, config.environments));
  const wanted = new Set(config.subscriptionIds.map((id) => id.toLowerCase()));
  if (wanted.size === 0) return { subscriptions: all, missing: [] };
  const seen = new Set(all.map((s) => s.subscriptionId));
  return { subscriptions: all.filter((s) => wanted.has(s.subscriptionId)), missing: [...wanted].filter((id) => !seen.has(id)) };
}

/** `Contoso (contoso.onmicrosoft.com)` for the connection's scope; null when ARM will not say (the scope keeps the id). */
export async function readTenantName(session: AzureSession, tenantId: string, signal: AbortSignal): Promise<string | null> {
  try {
    const tenants = await session.armList(`/tenants?api-version=${SUBSCRIPTIONS_API}`, signal);
    const tenant = tenants.find((t) => typeof t.tenantId === 'string' && t.tenantId.toLowerCase() === tenantId.toLowerCase());
    if (!tenant || typeof tenant.displayName !== 'string') return null;
    return typeof tenant.defaultDomain === 'string' ? `${tenant.displayName} (${tenant.defaultDomain})` : tenant.displayName;
  } catch {
    // Only the scope's display name depends on it.
    return null;
  }
}
