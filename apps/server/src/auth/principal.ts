import type { MemberRole } from '@astrolabe/api-contract';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { MemberRow } from '../members/member.repository';
import type { SignInMethod } from './session.repository';

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
}

/** Who a request comes from: a person with a session cookie, or an API token. */
export type Principal =
  | { kind: 'session'; user: SignedInUser; sessionHash: string; csrfToken: string; method: SignInMethod; expiresAt: Date; confinedTo: string | null }
  | { kind: 'token'; tokenId: string; tokenName: string; workspaceId: string; role: MemberRole; createdBy: string };

/** Astrolabe itself acting for a member it names (seeding the demo), never an HTTP request. */
export interface SystemPrincipal {
  kind: 'system';
  reason: string;
}

/**
 * Who performs a workspace request: the member it is attributed to (for a token, the member who
 * created it) and the role it acts with (for a token, the token's role).
 */
export interface RequestActor {
  principal: Principal | SystemPrincipal;
  workspaceId: string;
  member: MemberRow;
  role: MemberRole;
}

/** What the auth guard leaves on the request for handlers, the audit trail and the logs. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  actor?: RequestActor;
}

/** A short, secret-free description of a principal for logs and the audit trail. */
export function describePrincipal(p: Principal | SystemPrincipal): string {
  if (p.kind === 'session') return `user:${p.user.id}`;
  return p.kind === 'token' ? `token:${p.tokenId}` : `system:${p.reason}`;
}

/** The actor of a workspace route (set by the auth guard, which every workspace route passes). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestActor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // Unreachable unless a route is wired without the guard: fail closed, loudly, in development.
  if (!actor) throw new Error('CurrentActor used on a route the auth guard did not resolve to a workspace member');
  return actor;
});

/** The principal of a signed-in route. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route the auth guard did not authenticate');
  return principal;
});
