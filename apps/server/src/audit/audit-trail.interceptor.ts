import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../auth/principal';
import { catchError, concatMap, defer, type Observable } from 'rxjs';
import { ProblemException } from '../http/problem';
import { routeAudit } from './audit-actions';
import type { AuditActor } from './audit-log.repository';
import { AuditTrail, type FailureFacts, type RequestFacts } from './audit-trail.service';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function statusOf(err: unknown): number {
  return err instanceof HttpException ? err.getStatus() : 500;
}

export function failureOf(err: unknown): FailureFacts {
  if (err instanceof ProblemException) return { title: err.problem.title, fields: (err.problem.errors ?? []).map((e) => e.field) };
  if (err instanceof HttpException) return { title: err.name, fields: [] };
  return { title: 'Internal Server Error', fields: [] };
}

/** Who did it, as the audit log names them: the member (by session), the token, or nobody signed in. */
export function auditActorOf(req: AuthenticatedRequest): AuditActor | null {
  const a = req.actor;
  if (a?.principal.kind === 'token') return { type: 'token', id: a.principal.tokenId, label: `${a.principal.tokenName} (token of ${a.member.displayName})` };
  if (a) return { type: 'member', id: a.member.id, label: a.member.displayName };
  const p = req.principal;
  if (p?.kind === 'session') return { type: 'user', id: p.user.id, label: p.user.displayName };
  if (p?.kind === 'token') return { type: 'token', id: p.tokenId, label: p.tokenName };
  return null;
}

export function factsOf(req: AuthenticatedRequest): RequestFacts {
  const route: unknown = req.route;
  const routePath = route && typeof route === 'object' && 'path' in route && typeof route.path === 'string' ? route.path : null;
  // Route params are strings (Express 5 gives arrays only for wildcards, which /api/v1 has none of).
  const params = Object.fromEntries(Object.entries(req.params ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { method: req.method, routePath, params, body: req.body, actor: auditActorOf(req), sourceIp: req.ip ?? null };
}

/**
 * Records every mutating /api/v1 request that reaches a handler — succeeded, refused (403) or
 * failed (400, 404, 409, 500) — after the handler and before the response is written. Requests
 * stopped before any handler (unknown route, unparsable or oversized body, rate limit, CSRF)
 * name no action or target; they are in the HTTP access log, and recording them here would let
 * a flood of junk requests grow the chain.
 */
@Injectable()
export class AuditTrailInterceptor implements NestInterceptor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!MUTATING.has(req.method) || !req.path.startsWith('/api/v1/')) return next.handle();
    const route = routeAudit(context.getClass().name, context.getHandler().name);
    // The status Nest will send for a returned value: @HttpCode, else 201 for POST and 200 otherwise.
    const successStatus = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        await this.trail.recordRequest(factsOf(req), route, successStatus, result, null);
        return result;
      }),
      // recordRequest never throws, so this sees only the handler's own errors.
      catchError((err: unknown) =>
        defer(async () => {
          await this.trail.recordRequest(factsOf(req), route, statusOf(err), undefined, failureOf(err));
          throw err;
        }),
      ),
    );
  }
}
