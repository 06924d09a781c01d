import { PERMISSIONS, roleMay, CSRF_HEADER, type MemberRole, type Permission } from '@astrolabe/api-contract';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { routeAudit } from '../audit/audit-actions';
import { factsOf, failureOf } from '../audit/audit-trail.interceptor';
import { AuditTrail } from '../audit/audit-trail.service';
import { forbidden, notFound, ProblemException } from '../http/problem';
import { MemberRepository, type MemberRow } from '../members/member.repository';
import { Clock } from '../platform/clock.adapter';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { AuthenticationService, unauthorized } from './authentication.service';
import type { AuthenticatedRequest, Principal } from './principal';
import { accessOf } from './route-access';
import { SecretTokens } from './secret-tokens.adapter';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function routePathOf(req: AuthenticatedRequest): string | null {
  const route: unknown = req.route;
  return route && typeof route === 'object' && 'path' in route && typeof route.path === 'string' ? route.path : null;
}

/** Outside the access window nothing is allowed, whatever the role. */
export function windowProblem(member: Pick<MemberRow, 'accessStartsAt' | 'accessEndsAt'>, now: Date): string | null {
  if (member.accessStartsAt && now < member.accessStartsAt) return `Your access to this workspace starts at ${member.accessStartsAt.toISOString()}.`;
  if (member.accessEndsAt && now >= member.accessEndsAt) return `Your access to this workspace ended at ${member.accessEndsAt.toISOString()}.`;
  return null;
}

/**
 * The one gate in front of every /api route (registered globally): looks up what the route
 * requires in the route table, authenticates (token or session), checks the CSRF token of
 * cookie-authenticated writes, and for workspace routes resolves the caller's membership and
 * role there. A workspace the caller is not a member of answers 404, exactly like one that does
 * not exist, so ids from other tenants reveal nothing.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authn: AuthenticationService,
    private readonly scope: WorkspaceScope,
    private readonly members: MemberRepository,
    private readonly secrets: SecretTokens,
    private readonly clock: Clock,
    private readonly trail: AuditTrail,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    try {
      return await this.check(req);
    } catch (err) {
      // A signed-in caller refused a change (role, CSRF, access window) is a security event for
      // the audit log. 401s and 404s are not: they come from outside the workspace, and letting
      // strangers append to a workspace's chain would let them flood it (they are in the access log).
      if (err instanceof ProblemException && err.getStatus() === 403 && !SAFE_METHODS.has(req.method) && req.principal) {
        await this.trail.recordRequest(factsOf(req), routeAudit(context.getClass().name, context.getHandler().name), 403, undefined, failureOf(err));
      }
      throw err;
    }
  }

  private async check(req: AuthenticatedRequest): Promise<boolean> {
    const routePath = routePathOf(req);
    const access = routePath ? accessOf(req.method, routePath) : undefined;
    // Fail closed: a handler that is not in the route table has declared no permission.
    if (access === undefined) throw forbidden('This endpoint declares no permission, so nobody may call it.');

    const principal = await this.authn.identify(req);
    if (principal) req.principal = principal;
    if (access === 'public') return true;
    if (!principal) throw unauthorized();
    if (access === 'signed_in') {
      this.checkCsrf(req, principal);
      return true;
    }
    const raw = req.params['ws'];
    if (typeof raw !== 'string') throw forbidden('This endpoint names a workspace permission but has no workspace in its path.');
    // Membership first (404 for outsiders), then CSRF and role: a refusal is then always about
    // a member of this workspace, and lands in its audit log.
    await this.resolveActor(req, principal, raw);
    this.checkCsrf(req, principal);
    this.authorize(req, access);
    return true;
  }

  /**
   * SameSite cookies already stop most cross-site writes; the token stops the rest (a sibling
   * subdomain, a browser without SameSite). API tokens are not sent by browsers automatically,
   * so they need none.
   */
  private checkCsrf(req: AuthenticatedRequest, principal: Principal): void {
    if (principal.kind !== 'session' || SAFE_METHODS.has(req.method)) return;
    const sent = req.header(CSRF_HEADER);
    if (!sent || !this.secrets.equal(sent, principal.csrfToken)) {
      throw forbidden(`Missing or wrong ${CSRF_HEADER} header: send the csrfToken from GET /api/v1/auth/session with every change.`);
    }
  }

  private async resolveActor(req: AuthenticatedRequest, principal: Principal, raw: string): Promise<void> {
    if (principal.kind === 'token' && principal.workspaceId !== raw.toLowerCase()) throw notFound('workspace', raw);
    if (principal.kind === 'session' && principal.confinedTo !== null && principal.confinedTo !== raw.toLowerCase()) throw notFound('workspace', raw);
    // One read: the caller's member row, which exists only if the workspace does (foreign key).
    const workspaceId = this.scope.enter(raw);
    const member = principal.kind === 'session' ? await this.members.getByUser(workspaceId, principal.user.id) : await this.members.get(workspaceId, principal.createdBy);
    if (!member) throw notFound('workspace', raw);
    this.scope.proven();
    const role: MemberRole = principal.kind === 'token' ? principal.role : member.role;
    // Set before any refusal below, so the audit log names the member who was refused.
    req.actor = { principal, workspaceId, member, role };
    const outside = windowProblem(member, this.clock.now());
    if (outside) throw forbidden(outside);
  }

  private authorize(req: AuthenticatedRequest, permission: Permission): void {
    const actor = req.actor;
    if (!actor || actor.principal.kind === 'system') throw forbidden('No workspace member resolved for this request.');
    const { principal, member, role } = actor;
    // A token never does more than its creator may do today: demoting a member demotes their tokens.
    const allowed = roleMay(role, permission) && (principal.kind === 'session' || roleMay(member.role, permission));
    if (!allowed) {
      const who = principal.kind === 'token' ? `This ${role} token (created by a ${member.role})` : `The ${role} role`;
      throw forbidden(`${who} may not do this (${permission}); allowed roles: ${PERMISSIONS[permission].join(', ')}.`);
    }
  }
}
