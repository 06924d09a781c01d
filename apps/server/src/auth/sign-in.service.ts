import type { SessionView } from '@astrolabe/api-contract';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';
import { SessionClock } from '../platform/clock.adapter';
import { unauthorized } from './authentication.service';
import { MembershipRepository } from './membership.repository';
import { PasswordHasher } from './password-hasher.adapter';
import type { Principal } from './principal';
import { SessionService, type LiveSession } from './session.service';
import type { SignInMethod } from './session.repository';
import { UserRepository, type UserRow } from './user.repository';

/** One message for every way a password sign-in fails, so it never tells which part was wrong. */
export const SIGN_IN_FAILED = 'Email or password is incorrect, or the account is temporarily locked after repeated failures. Try again later or ask an owner to invite you again.';

/** Password sign-in with per-account lockout, and the session view every sign-in returns. */
@Injectable()
export class SignInService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly memberships: MembershipRepository,
    private readonly clock: SessionClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Checks the password (always paying for one argon2 verification, so unknown and locked
   * accounts take as long as wrong passwords), counts failures toward a temporary lock, and
   * starts a fresh session on success.
   */
  async withPassword(req: Request, res: Response, email: string, password: string): Promise<SessionView> {
    const user = await this.users.findByEmail(email);
    const now = this.clock.now();
    const locked = user?.lockedUntil !== null && user?.lockedUntil !== undefined && user.lockedUntil > now;
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || locked) {
      if (user && !locked && user.passwordHash !== null) {
        await this.users.recordFailure(user.id, this.config.login.maxFailures, new Date(now.getTime() + this.config.login.lockoutMinutes * 60_000));
      }
      // The reason stays in the server log (without the email: it may be a mistyped password).
      this.logger.warn({ event: 'sign_in_failed', userId: user?.id ?? null, reason: !user ? 'unknown account' : locked ? 'locked' : user.passwordHash === null ? 'no password' : 'wrong password', ip: req.ip }, 'sign-in refused');
      throw unauthorized(SIGN_IN_FAILED);
    }
    await this.users.clearFailures(user.id);
    return this.start(req, res, user, 'password');
  }

  /** Starts a session for a user whose identity another step established (invitation, SSO, demo). */
  async start(req: Request, res: Response, user: UserRow, method: SignInMethod, confinedTo: string | null = null): Promise<SessionView> {
    const session = await this.sessions.start(req, res, user.id, method, confinedTo);
    this.logger.info({ event: 'signed_in', userId: user.id, method, ip: req.ip }, 'signed in');
    return this.view({ id: user.id, email: user.email, displayName: user.displayName }, session);
  }

  async current(principal: Principal): Promise<SessionView> {
    if (principal.kind !== 'session') throw unauthorized('This endpoint describes a browser session; an API token has none.');
    return this.view(principal.user, { csrfToken: principal.csrfToken, method: principal.method, expiresAt: principal.expiresAt, confinedTo: principal.confinedTo });
  }

  private async view(user: { id: string; email: string; displayName: string }, session: Pick<LiveSession, 'csrfToken' | 'method' | 'expiresAt' | 'confinedTo'>): Promise<SessionView> {
    const memberships = await this.memberships.ofUser(user.id, session.confinedTo);
    return {
      user,
      csrfToken: session.csrfToken,
      method: session.method,
      expiresAt: session.expiresAt.toISOString(),
      memberships: memberships.map((m) => ({
        workspaceId: m.workspaceId,
        workspaceName: m.workspaceName,
        memberId: m.memberId,
        role: m.role,
        accessStartsAt: m.accessStartsAt?.toISOString() ?? null,
        accessEndsAt: m.accessEndsAt?.toISOString() ?? null,
      })),
    };
  }
}
