import { entraTenantResourceId, entraUserResourceId, type EntraUser, type ResourceRef } from '@astrolabe/core';

/** Resource types of entra-id findings; the console groups and filters by them. */
export const ENTRA_RESOURCE_TYPES = {
  tenant: 'entra-id:tenant',
  user: 'entra-id:user',
} as const;

export function tenantRef(tenantId: string, name: string): ResourceRef {
  return { id: entraTenantResourceId(tenantId), type: ENTRA_RESOURCE_TYPES.tenant, name };
}

/** Users are identified by object id (stable across renames) and named by their sign-in name. */
export function userRef(user: Pick<EntraUser, 'id' | 'userPrincipalName'>): ResourceRef {
  return { id: entraUserResourceId(user.id), type: ENTRA_RESOURCE_TYPES.user, name: user.userPrincipalName };
}

/** The ref of an evidence item whose data could not be read: `entra-id:user/<id>` → named `<id>`. */
export function refFromResourceId(resourceId: string, type: string): ResourceRef {
  return { id: resourceId, type, name: /^entra-id:[a-z-]+\/(.+)$/.exec(resourceId)?.[1] ?? resourceId };
}

/** `ann@contoso.com (guest)`-style label, with guests' `#EXT#` names shortened to their home address. */
export function userLabel(user: Pick<EntraUser, 'userPrincipalName'>): string {
  const ext = /^(.+)_([^_]+)#EXT#@/i.exec(user.userPrincipalName);
  return ext ? `${ext[1] ?? ''}@${ext[2] ?? ''} (guest)` : user.userPrincipalName;
}
