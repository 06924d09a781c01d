import type { CollectionError } from '@astrolabe/core';
import { GraphError } from '@microsoft/microsoft-graph-client';

/** Graph's answer for sign-in activity and the authentication methods reports on a tenant without Entra ID P1/P2. */
export const NON_PREMIUM_TENANT = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

export function isGraphError(err: unknown): err is GraphError {
  return err instanceof GraphError;
}

/** The first line of an error: enough to act on, never a stack or a multi-line SDK dump. */
export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').trim();
}

/** `403 Authorization_RequestDenied: Insufficient privileges to complete the operation.` */
export function describeGraphError(err: unknown): string {
  if (isGraphError(err)) {
    if (err.statusCode <= 0) return firstLine(err);
    return `${err.statusCode}${err.code ? ` ${err.code}` : ''}: ${firstLine(err)}`;
  }
  return firstLine(err);
}

export const isLicenceError = (err: unknown): boolean => isGraphError(err) && err.statusCode === 403 && err.code === NON_PREMIUM_TENANT;
export const isForbidden = (err: unknown): boolean => isGraphError(err) && err.statusCode === 403 && err.code !== NON_PREMIUM_TENANT;

/** A response that arrived but is not what Graph promised (a truncated or reshaped page). */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

/**
 * Turns a failed read into the kind-level error a check shows: what failed, why, and which Graph
 * permission (or licence) the next run needs.
 */
export function kindError(err: unknown, what: string, permission: string): CollectionError {
  if (err instanceof MalformedResponseError) return { code: 'malformed_response', message: `${what}: ${err.message}` };
  if (isLicenceError(err)) {
    return {
      code: 'licence_required',
      message: `${what}: Microsoft Graph requires a Microsoft Entra ID P1 or P2 licence in the tenant (${describeGraphError(err)}). Assign P1/P2 licences, or accept that checks reading it stay unknown.`,
    };
  }
  if (isForbidden(err)) {
    return {
      code: 'access_denied',
      message: `${what}: Microsoft Graph refused it (${describeGraphError(err)}); grant the app the ${permission} application permission, with admin consent.`,
      missingPermission: permission,
    };
  }
  if (isGraphError(err)) {
    if (err.statusCode === 401) return { code: 'credentials_invalid', message: `${what}: Microsoft Graph rejected the access token (${describeGraphError(err)})` };
    if (err.statusCode === 429) return { code: 'rate_limited', message: `${what}: Microsoft Graph kept throttling the requests (${describeGraphError(err)}); it is read again next run` };
    if (err.statusCode >= 200 && err.statusCode < 300) return { code: 'malformed_response', message: `${what}: Microsoft Graph returned a response that could not be read (${firstLine(err)})` };
    if (err.statusCode <= 0) return { code: 'endpoint_unreachable', message: `${what}: Microsoft Graph could not be reached (${firstLine(err)})` };
  }
  return { code: 'provider_error', message: `${what}: ${describeGraphError(err)}` };
}
