import { ConnectorError, entraTenantResourceId, type ConnectorLogger, type ResourceRef } from '@astrolabe/core';
import { z } from 'zod';
import { describeGraphError, isForbidden, isGraphError } from '../graph-errors';
import type { GraphSession } from '../graph-session';
import { ENTRA_PERMISSIONS } from '../manifest';

const organizationSchema = z.object({ value: z.array(z.object({ id: z.string(), displayName: z.string().nullable().optional() })) });

/**
 * The tenant the connection is about (GET /organization), for the run's scope. Organization.Read.All
 * is optional: without it the tenant is named by its id. Graph being unreachable or rejecting the
 * token is fatal here, before any kind is attempted.
 */
export async function readTenant(session: GraphSession, logger: ConnectorLogger): Promise<ResourceRef> {
  const fallback: ResourceRef = { id: entraTenantResourceId(session.tenantId), type: 'entra-id:tenant', name: session.tenantId };
  try {
    const parsed = organizationSchema.safeParse(await session.client.api('/organization').select(['id', 'displayName']).get());
    const org = parsed.success ? parsed.data.value[0] : undefined;
    if (!org) return fallback;
    return { id: entraTenantResourceId(org.id), type: 'entra-id:tenant', name: org.displayName ?? org.id };
  } catch (err) {
    if (isForbidden(err)) {
      logger.info(`the tenant is named by its id: ${ENTRA_PERMISSIONS.organization} is not granted (${describeGraphError(err)})`);
      return fallback;
    }
    if (isGraphError(err) && err.statusCode === 401) throw new ConnectorError('credentials_invalid', `Microsoft Graph rejected the access token: ${describeGraphError(err)}`);
    if (isGraphError(err) && err.statusCode <= 0) throw new ConnectorError('endpoint_unreachable', `Microsoft Graph could not be reached: ${describeGraphError(err)}`);
    logger.warn(`GET /organization failed (${describeGraphError(err)}); the tenant is named by its id`);
    return fallback;
  }
}
