import { ssoDiscoveryQuery, type ssoConfigBody, type ssoConfigSchema, type ssoDiscoverySchema } from '@astrolabe/api-contract';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AuditLogRepository, type AuditActor, type AuditJson } from '../../audit/audit-log.repository';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { badRequest, conflict } from '../../http/problem';
import { LOGGER } from '../../logging/logger';
import { EmailTakenError, MemberRepository, type MemberRow } from '../../members/member.repository';
import { Clock } from '../../platform/clock.adapter';
import { SecretBox } from '../../platform/secret-box.adapter';
import { WorkspaceScope } from '../../workspaces/workspace-scope.service';
import { SecretTokens } from '../secret-tokens.adapter';
import { SignInService } from '../sign-in.service';
import { UserRepository, type UserRow } from '../user.repository';
import { IssuerError, issuerProblem, OidcClient, OidcSignInError, type OidcClientSettings } from './oidc-client.adapter';
import { OidcLoginStateRepository } from './oidc-login-state.repository';
import { SsoConfigRepository, type SsoConfigRow } from './sso-config.repository';

export type SsoConfigView = z.infer<typeof ssoConfigSchema>;
export type SsoDiscovery = z.infer<typeof ssoDiscoverySchema>;

/** Where the provider sends the browser back: the redirect URI to register at the provider. */
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';
/**
 * The sign-in's `state`, also kept in the browser that started it: a callback from any other
 * browser (a link an attacker completed with their own account: login CSRF) is refused.
 */
export const SSO_STATE_COOKIE = 'astrolabe_sso_state';
/** How long someone has to get through the provider's sign-in page. */
const STATE_LIFETIME_MS = 10 * 60_000;
/** As for the session cookie: browsers refuse Secure cookies over http, which loopback may use. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Why an SSO sign-in ended at the sign-in page: short codes the console explains. */
export type SsoErrorCode = 'sso_state' | 'sso_unavailable' | 'sso_denied' | 'sso_token' | 'sso_email' | 'sso_domain' | 'sso_account' | 'sso_failed';

/** A refused sign-in: `code` goes to the browser, the message only to the server log. */
class SsoRefusal extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Per-workspace OIDC single sign-on: the settings (issuer, client, the email domains routed to
 * it, the role new people get) and the sign-in itself — discover by email domain, start
 * (state, nonce, PKCE), and the callback that checks it all, provisions the member just in time
 * and starts a session.
 */
@Injectable()
export class SsoService {
  constructor(
    private readonly configs: SsoConfigRepository,
    private readonly states: OidcLoginStateRepository,
    private readonly oidc: OidcClient,
    private readonly box: SecretBox,
    private readonly secrets: SecretTokens,
    private readonly users: UserRepository,
    private readonly members: MemberRepository,
    private readonly signIn: SignInService,
    private readonly scope: WorkspaceScope,
    private readonly auditLog: AuditLogRepository,
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // ---- settings (workspace routes: the guard has resolved the workspace scope) ----

  async get(req: Request, workspaceId: string): Promise<SsoConfigView | null> {
    const row = await this.configs.get(workspaceId);
    return row ? this.view(req, row) : null;
  }

  async update(req: Request, workspaceId: string, input: z.infer<typeof ssoConfigBody>): Promise<SsoConfigView> {
    const existing = await this.configs.get(workspaceId);
    // Write-only: the stored secret is kept when an update leaves it out, but there must be one.
    if (!existing && !input.clientSecret) throw badRequest([{ field: 'clientSecret', message: 'required when single sign-on is first configured' }]);
    const issuerIssue = issuerProblem(input.issuer);
    if (issuerIssue) throw badRequest([{ field: 'issuer', message: issuerIssue }]);
    const domains = [...new Set(input.domains)].sort();
    // One workspace per domain, or sign-in could not tell which provider to send someone to.
    const taken = await this.configs.domainsClaimedElsewhere(workspaceId, domains);
    if (taken.length > 0) throw conflict(`${taken.join(', ')} already ${taken.length === 1 ? 'signs' : 'sign'} in through another workspace's identity provider: an email domain routes to one workspace only.`);
    try {
      // Checked now, not at the first sign-in: a typo should fail here, where an admin sees it.
      await this.oidc.discover(input.issuer, { fresh: true });
    } catch (err) {
      if (err instanceof IssuerError) throw badRequest([{ field: 'issuer', message: err.message }]);
      throw err;
    }
    const row = await this.configs.upsert(workspaceId, {
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecretSealed: input.clientSecret ? this.box.seal(input.clientSecret) : (existing as SsoConfigRow).clientSecretSealed,
      domains,
      defaultRole: input.defaultRole,
      updatedAt: this.clock.now(),
    });
    return this.view(req, row);
  }

  /** Turning SSO off is idempotent; sign-ins already started fail at their callback. */
  async remove(workspaceId: string): Promise<void> {
    await this.configs.delete(workspaceId);
  }

  // ---- sign-in (public routes: nobody is signed in yet) ----

  async discover(email: string): Promise<SsoDiscovery> {
    const found = await this.configs.findByDomain(domainOf(email));
    if (!found) return { sso: false, workspaceName: null, startUrl: null };
    return { sso: true, workspaceName: found.workspaceName, startUrl: `/api/v1/auth/sso/${found.workspaceId}/start` };
  }

  /**
   * Starts a sign-in with the workspace's provider; returns where to redirect the browser: the
   * provider, or the sign-in page with an error code when SSO is unavailable.
   */
  async start(req: Request, res: Response, rawWorkspaceId: string): Promise<string> {
    try {
      const workspaceId = await this.scope.resolve(rawWorkspaceId).catch(() => {
        throw new SsoRefusal('sso_unavailable', 'unknown workspace');
      });
      const sso = await this.configs.get(workspaceId);
      if (!sso) throw new SsoRefusal('sso_unavailable', 'single sign-on is not configured for this workspace');
      const started = await this.oidc.authorization(this.settings(sso), this.redirectUri(req)).catch((err: unknown) => {
        throw err instanceof IssuerError ? new SsoRefusal('sso_unavailable', err.message) : err;
      });
      const now = this.clock.now();
      await this.states.prune(workspaceId, new Date(now.getTime() - STATE_LIFETIME_MS));
      await this.states.create(workspaceId, { stateHash: this.secrets.hash(started.state), codeVerifier: started.codeVerifier, nonce: started.nonce, now });
      res.cookie(SSO_STATE_COOKIE, started.state, { ...this.stateCookieOptions(req), maxAge: STATE_LIFETIME_MS });
      return started.url.href;
    } catch (err) {
      return this.refused(req, err, null);
    }
  }

  /**
   * The redirect URI. Never throws and never answers 500: every failure lands on the sign-in page
   * with a short code (the reason is in the server log). Returns where to redirect the browser.
   */
  async finish(req: Request, res: Response): Promise<string> {
    let workspaceId: string | null = null;
    let email: string | null = null;
    try {
      const params = new URL(req.originalUrl, 'http://callback.invalid').searchParams;
      const state = params.get('state');
      const browserState = this.stateCookieOf(req);
      res.clearCookie(SSO_STATE_COOKIE, this.stateCookieOptions(req));
      if (!state) throw new SsoRefusal('sso_state', 'the callback has no state');
      const stateHash = this.secrets.hash(state);
      const started = await this.states.find(stateHash);
      if (!started) throw new SsoRefusal('sso_state', 'unknown, expired or already used state');
      workspaceId = await this.scope.resolve(started.workspaceId);
      // Single use, whatever happens next: a replayed callback finds nothing.
      if (!(await this.states.consume(workspaceId, stateHash))) throw new SsoRefusal('sso_state', 'state already used');
      if (this.clock.now().getTime() - started.createdAt.getTime() > STATE_LIFETIME_MS) throw new SsoRefusal('sso_state', 'the sign-in took longer than 10 minutes');
      if (!browserState || !this.secrets.equal(browserState, state)) throw new SsoRefusal('sso_state', 'the sign-in was not started in this browser');
      const sso = await this.configs.get(workspaceId);
      if (!sso) throw new SsoRefusal('sso_unavailable', 'single sign-on was turned off during the sign-in');

      // The URL the provider redirected to, on the redirect URI the authorization request named
      // (openid-client sends it again with the code, and the provider compares the two).
      const callbackUrl = new URL(this.redirectUri(req));
      callbackUrl.search = params.toString();
      const identity = await this.oidc.complete(this.settings(sso), callbackUrl, { state, nonce: started.nonce, codeVerifier: started.codeVerifier });

      const claimed = ssoDiscoveryQuery.shape.email.safeParse(identity.email ?? '');
      if (!claimed.success) throw new SsoRefusal('sso_email', 'the ID token has no usable email claim');
      email = claimed.data;
      // Providers that do not send email_verified at all are trusted; one that says false is not.
      if (identity.emailVerified === false) throw new SsoRefusal('sso_email', 'the provider says the email is not verified');
      // A workspace's provider may only sign in its own domains: the accounts are global, so a
      // provider asserting someone else's address would otherwise sign in as them.
      if (!sso.domains.includes(domainOf(email))) throw new SsoRefusal('sso_domain', `the email's domain is not one of this workspace's SSO domains`);

      const user = await this.users.ensure({ email, displayName: identity.name ?? email.slice(0, email.indexOf('@')) });
      const { member, provisioned } = await this.memberFor(req, workspaceId, sso, user);
      // Confined: this provider vouches for this workspace only, not the account's other ones.
      await this.signIn.start(req, res, user, 'oidc', workspaceId);
      await this.audit(req, workspaceId, { type: 'user', id: user.id, label: user.displayName }, 'success', email, { method: 'oidc', memberId: member.id, provisioned });
      return this.consoleUrl('/');
    } catch (err) {
      return this.refused(req, err, workspaceId, email);
    }
  }

  // ---- helpers ----

  /** `${public URL or the request's origin}/api/v1/auth/sso/callback`, as registered at the provider. */
  redirectUri(req: Request): string {
    const origin = this.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    return `${origin}${SSO_CALLBACK_PATH}`;
  }

  /**
   * The member this account is in the workspace: already linked, added earlier by email (linked
   * now), or created with the SSO default role (just-in-time provisioning).
   */
  private async memberFor(req: Request, workspaceId: string, sso: SsoConfigRow, user: UserRow): Promise<{ member: MemberRow; provisioned: boolean }> {
    const linked = await this.members.getByUser(workspaceId, user.id);
    if (linked) return { member: linked, provisioned: false };
    const byEmail = await this.members.getByEmail(workspaceId, user.email);
    if (byEmail) {
      if (byEmail.userId && byEmail.userId !== user.id) throw new SsoRefusal('sso_account', 'the member with this email belongs to another account');
      await this.members.linkUser(workspaceId, byEmail.id, user.id);
      return { member: byEmail, provisioned: false };
    }
    try {
      const member = await this.ds.transaction(async (manager) => {
        const created = await this.members.create(workspaceId, { displayName: user.displayName, email: user.email, role: sso.defaultRole, userId: user.id }, manager);
        // Nobody approved this membership by hand: the trail says who got in, how, and as what.
        await this.auditLog.append(manager, {
          workspaceId,
          at: this.clock.now(),
          actor: { type: 'user', id: user.id, label: user.displayName },
          action: 'member.create',
          target: { type: 'member', id: created.id },
          sourceIp: req.ip ?? null,
          outcome: 'success',
          statusCode: null,
          details: { role: created.role, via: 'sso' },
        });
        return created;
      });
      return { member, provisioned: true };
    } catch (err) {
      // Two first sign-ins at once: the other one created the member; use it.
      if (!(err instanceof EmailTakenError)) throw err;
      const raced = await this.members.getByEmail(workspaceId, user.email);
      if (!raced || (raced.userId && raced.userId !== user.id)) throw err;
      if (!raced.userId) await this.members.linkUser(workspaceId, raced.id, user.id);
      return { member: raced, provisioned: false };
    }
  }

  /** Logs why, records it in the workspace's trail once a workspace is known, and picks the code. */
  private async refused(req: Request, err: unknown, workspaceId: string | null, email: string | null = null): Promise<string> {
    const code: SsoErrorCode = err instanceof SsoRefusal || err instanceof OidcSignInError ? err.code : 'sso_failed';
    if (code === 'sso_failed') this.logger.error({ err, event: 'sso_sign_in_failed', workspaceId, ip: req.ip }, 'SSO sign-in failed unexpectedly');
    else this.logger.warn({ event: 'sso_sign_in_refused', code, reason: err instanceof Error ? err.message : String(err), workspaceId, ip: req.ip }, 'SSO sign-in refused');
    // Before a workspace is known the request may be anyone's junk: the log has it, the trail not.
    if (workspaceId) await this.audit(req, workspaceId, { type: 'anonymous', id: null, label: 'anonymous' }, 'denied', email, { method: 'oidc', error: code });
    return this.consoleUrl(`/login?error=${code}`);
  }

  private async audit(req: Request, workspaceId: string, actor: AuditActor, outcome: 'success' | 'denied', email: string | null, details: Record<string, AuditJson>): Promise<void> {
    try {
      await this.auditLog.append(undefined, { workspaceId, at: this.clock.now(), actor, action: 'auth.login', target: { type: 'user', id: email }, sourceIp: req.ip ?? null, outcome, statusCode: 302, details });
    } catch (err) {
      // The sign-in's outcome stands; a trail that cannot be written is an operator's problem.
      this.logger.error({ err, workspaceId }, 'audit log append failed');
    }
  }

  private settings(sso: SsoConfigRow): OidcClientSettings {
    return { issuer: sso.issuer, clientId: sso.clientId, clientSecret: this.box.open(sso.clientSecretSealed) };
  }

  private view(req: Request, row: SsoConfigRow): SsoConfigView {
    return { issuer: row.issuer, clientId: row.clientId, clientSecretSet: true, domains: row.domains, defaultRole: row.defaultRole, redirectUri: this.redirectUri(req), updatedAt: row.updatedAt.toISOString() };
  }

  private consoleUrl(path: string): string {
    return `${this.config.publicUrl ?? ''}${path}`;
  }

  private stateCookieOptions(req: Request) {
    // Sent back only to the callback; Lax, because the provider's redirect is a cross-site navigation.
    return { httpOnly: true, sameSite: 'lax', secure: !LOOPBACK_HOSTS.has(req.hostname), path: SSO_CALLBACK_PATH } as const;
  }

  private stateCookieOf(req: Request): string | null {
    const cookies: unknown = req.cookies;
    if (!cookies || typeof cookies !== 'object') return null;
    const value: unknown = (cookies as Record<string, unknown>)[SSO_STATE_COOKIE];
    return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null;
  }
}
