import { hasPermission, hasScope } from '../model/access';
import { httpErrors } from './http-error';
import type { RestContext } from './rest-context';

export interface OrgRequirement {
  /** Classic scope needed (broader scopes count). */
  readonly scope: string;
  /** Fine-grained / app permission needed (read is enough). */
  readonly permission: string;
  readonly ownersOnly: boolean;
  /** What GitHub says to a non-owner. */
  readonly ownerMessage: string;
  readonly docs: string;
}

/**
 * Refuses an organization endpoint the way GitHub does for each token kind: 401 without a token,
 * "Resource not accessible by …" for app and fine-grained tokens missing a permission, 403 for a
 * classic token without the scope (the scope headers name it), 403 for a non-owner.
 */
export function requireOrgAccess(ctx: RestContext, need: OrgRequirement): void {
  const p = ctx.principal;
  if (p.kind === 'anonymous') throw httpErrors.requiresAuthentication(need.docs);
  if (p.kind === 'app' || p.kind === 'fine-grained') {
    if (!hasPermission(p, need.permission)) throw httpErrors.notAccessible(p.kind, need.docs);
  } else if (!hasScope(p, need.scope)) {
    throw httpErrors.missingScope(need.scope, need.docs);
  }
  if (need.ownersOnly && p.kind !== 'app' && !p.isOrgOwner) throw httpErrors.forbidden(need.ownerMessage, need.docs);
}
