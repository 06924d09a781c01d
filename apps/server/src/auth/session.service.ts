import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SessionClock } from '../platform/clock.adapter';
import type { SignedInUser } from './principal';
import { SecretTokens } from './secret-tokens.adapter';
import { SessionRepository, type SessionRow, type SignInMethod } from './session.repository';

export const SESSION_COOKIE = 'astrolabe_session';
/** last_seen_at is written at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export interface LiveSession {
  idHash: string;
  userId: string;
  method: SignInMethod;
  /** The one workspace an SSO session may act in; null for every other sign-in. */
  confinedTo: string | null;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Server-side sessions: the cookie holds a random value, the table its hash. A session ends at
 * the first of: logout, "log out everywhere", the idle timeout, the absolute timeout.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly tokens: SecretTokens,
    private readonly clock: SessionClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a session and sets its cookie. Any session the browser already had is ended first:
   * a new identity always gets a new id (no session fixation).
   */
  async start(req: Request, res: Response, userId: string, method: SignInMethod, confinedTo: string | null = null): Promise<LiveSession> {
    const previous = this.cookieOf(req);
    const now = this.clock.now();
    if (previous) await this.sessions.revoke(this.tokens.hash(previous), now);
    const value = this.tokens.mint();
    const idHash = this.tokens.hash(value);
    const expiresAt = new Date(now.getTime() + this.config.sessions.maxHours * 3_600_000);
    await this.sessions.create({ idHash, userId, method, confinedTo, now, expiresAt, sourceIp: req.ip ?? null });
    res.cookie(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'lax',
      // Browsers refuse Secure cookies over plain http; loopback is the one place http is fine.
      secure: !LOOPBACK_HOSTS.has(req.hostname),
      path: '/',
      expires: expiresAt,
    });
    return { idHash, userId, method, confinedTo, csrfToken: this.tokens.csrfFor(value), expiresAt };
  }

  /** The live session the request's cookie names, or null (no cookie, unknown, ended). */
  async resume(req: Request): Promise<(LiveSession & { user: SessionRow['user'] }) | null> {
    const value = this.cookieOf(req);
    if (!value) return null;
    const now = this.clock.now();
    const idHash = this.tokens.hash(value);
    const row = await this.sessions.findLive(idHash, now, new Date(now.getTime() - this.config.sessions.idleMinutes * 60_000));
    if (!row) return null;
    if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) await this.sessions.touch(idHash, now);
    return { idHash, userId: row.userId, user: row.user, method: row.method, confinedTo: row.confinedTo, csrfToken: this.tokens.csrfFor(value), expiresAt: row.expiresAt };
  }

  async end(req: Request, res: Response): Promise<void> {
    const value = this.cookieOf(req);
    if (value) await this.sessions.revoke(this.tokens.hash(value), this.clock.now());
    this.clearCookie(req, res);
  }

  /** "Log out everywhere": every session of the user, on every device. */
  async endAll(req: Request, res: Response, user: SignedInUser): Promise<number> {
    const n = await this.sessions.revokeAllOf(user.id, this.clock.now());
    this.clearCookie(req, res);
    return n;
  }

  private clearCookie(req: Request, res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: !LOOPBACK_HOSTS.has(req.hostname), path: '/' });
  }

  private cookieOf(req: Request): string | null {
    const cookies: unknown = req.cookies;
    if (!cookies || typeof cookies !== 'object') return null;
    const value: unknown = (cookies as Record<string, unknown>)[SESSION_COOKIE];
    // A well-formed value is 43 base64url characters; anything else is not worth a lookup.
    return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
  }
}
