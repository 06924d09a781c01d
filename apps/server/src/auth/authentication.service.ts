import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from '../http/problem';
import { SessionClock } from '../platform/clock.adapter';
import { ApiTokenRepository } from './api-token.repository';
import type { Principal } from './principal';
import { SecretTokens } from './secret-tokens.adapter';
import { SessionService } from './session.service';

export const TOKEN_PREFIX = 'astro_';
const BEARER = /^Bearer\s+(\S+)$/i;

export function unauthorized(detail = 'Sign in, or send an API token as "Authorization: Bearer astro_…".'): ProblemException {
  return new ProblemException({ type: 'https://astrolabe.dev/problems/unauthorized', title: 'Unauthorized', status: 401, detail });
}

/** Who a request comes from: an API token in Authorization, else the session cookie. */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly sessions: SessionService,
    private readonly tokens: ApiTokenRepository,
    private readonly secrets: SecretTokens,
    private readonly clock: SessionClock,
  ) {}

  /** The principal, or null when the request carries no credential at all. A bad credential is 401. */
  async identify(req: Request): Promise<Principal | null> {
    const authorization = req.header('authorization');
    if (authorization !== undefined) {
      const match = BEARER.exec(authorization.trim());
      const value = match?.[1];
      if (!value || !value.startsWith(TOKEN_PREFIX)) throw unauthorized('The Authorization header must be "Bearer astro_…" (an Astrolabe API token).');
      const now = this.clock.now();
      const token = await this.tokens.findUsable(this.secrets.hash(value), now);
      // One answer for unknown, revoked and expired: the caller learns nothing about other tokens.
      if (!token) throw unauthorized('The API token is not valid: it may have been revoked or have expired.');
      await this.tokens.touch(token.id, now);
      return { kind: 'token', tokenId: token.id, tokenName: token.name, workspaceId: token.workspaceId, role: token.role, createdBy: token.createdBy.id };
    }
    const session = await this.sessions.resume(req);
    if (!session) return null;
    return {
      kind: 'session',
      user: session.user,
      sessionHash: session.idHash,
      csrfToken: session.csrfToken,
      method: session.method,
      expiresAt: session.expiresAt,
      confinedTo: session.confinedTo,
    };
  }
}
