import type { AzurePermission, AzureRoleDefinition } from '@astrolabe/core';

/** The operation that makes a role an administrator of access: whoever holds it can grant themselves anything. */
export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write';

/**
 * Whether an Azure action pattern matches an operation. Azure compares case-insensitively and `*`
 * stands for any run of characters anywhere in the pattern: a lone star, a star before `/read`, or one
 * between `Microsoft.Authorization/` and `/Write`.
 */
export function actionMatches(pattern: string, operation: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(operation.toLowerCase());
}

/** Allowed by some permission block and not taken away by that block's notActions. */
export function allowsOperation(permissions: readonly AzurePermission[], operation: string): boolean {
  return permissions.some((p) => p.actions.some((a) => actionMatches(a, operation)) && !p.notActions.some((n) => actionMatches(n, operation)));
}

/**
 * A copy of Owner: `*` in actions without excluding role assignments — CIS's "custom subscription
 * administrator role". A star whose notActions remove authorization writes is a Contributor, not an owner.
 */
export function isOwnerEquivalent(definition: Pick<AzureRoleDefinition, 'permissions'>): boolean {
  return definition.permissions.some((p) => p.actions.includes('*') && !p.notActions.some((n) => actionMatches(n, ROLE_ASSIGNMENT_WRITE)));
}

/**
 * Whether the role can change anything on the control plane: some action that is not a read and
 * that its notActions do not remove entirely (Contributor yes, Reader no). Data actions are not
 * counted; they act on data inside resources, not on the resources an environment consists of.
 */
export function grantsWrite(definition: Pick<AzureRoleDefinition, 'permissions'>): boolean {
  return definition.permissions.some((p) =>
    p.actions.some((a) => !a.toLowerCase().endsWith('/read') && !p.notActions.some((n) => actionMatches(n, a))),
  );
}
