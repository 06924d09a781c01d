import { Injectable, Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail, type ThrottlerOptions } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { ProblemException } from './problem';

const MINUTE_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Liveness probes come from load balancers and orchestrators: never answer them 429. */
const UNLIMITED_PATHS = new Set(['/api/v1/health']);

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<Request>();
const isMutation = (context: ExecutionContext) => !SAFE_METHODS.has(requestOf(context).method);
const unlimited = (context: ExecutionContext) => UNLIMITED_PATHS.has(requestOf(context).path);

/**
 * Named throttlers, each counted per client IP across every route (not per route): reads and
 * mutations have separate budgets, so a burst of page loads does not use up the budget for saves.
 */
/** Password guessing goes through these; each gets its own, much smaller budget per client IP. */
const SIGN_IN_PATHS = new Set(['/api/v1/auth/login', '/api/v1/invitations/accept']);
const signIn = (context: ExecutionContext) => requestOf(context).method === 'POST' && SIGN_IN_PATHS.has(requestOf(context).path);

export function rateLimitThrottlers(limits: AppConfig['rateLimit'] & { signInsPerMinute?: number }): ThrottlerOptions[] {
  const throttlers: ThrottlerOptions[] = [];
  // Per IP, on top of the per-account lockout: spraying one password over many accounts is slowed too.
  if (limits.signInsPerMinute && limits.signInsPerMinute > 0) {
    throttlers.push({ name: 'sign-in', ttl: MINUTE_MS, limit: limits.signInsPerMinute, skipIf: (c) => !signIn(c) });
  }
  if (limits.readsPerMinute > 0) {
    throttlers.push({ name: 'reads', ttl: MINUTE_MS, limit: limits.readsPerMinute, skipIf: (c) => unlimited(c) || isMutation(c) });
  }
  if (limits.mutationsPerMinute > 0) {
    throttlers.push({ name: 'mutations', ttl: MINUTE_MS, limit: limits.mutationsPerMinute, skipIf: (c) => unlimited(c) || !isMutation(c) });
  }
  return throttlers;
}

/** Answers an exceeded limit as problem+json with Retry-After (seconds), like every other error. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    const what = detail.key.startsWith('sign-in:') ? 'sign-in attempts' : isMutation(context) ? 'changes' : 'reads';
    throw new ProblemException({
      type: 'https://astrolabe.dev/problems/rate-limited',
      title: 'Too Many Requests',
      status: 429,
      detail: `More than ${detail.limit} ${what} per minute from this client; retry in ${retryAfter} s.`,
    });
  }
}

@Module({})
export class RateLimitModule {
  /** Without any limit configured (both 0) no guard is installed at all. */
  static register(limits: AppConfig['rateLimit'] & { signInsPerMinute?: number }): DynamicModule {
    const throttlers = rateLimitThrottlers(limits);
    if (throttlers.length === 0) return { module: RateLimitModule };
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers,
          // One budget per client and throttler across all routes; the default key is per route.
          generateKey: (_context, tracker, name) => `${name}:${tracker}`,
          setHeaders: false,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
