import { grantableRoles, passwordSchema, type MemberRole, type SessionView } from '@astrolabe/api-contract';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { badRequest, conflict, forbidden, notFound, parseInput, ProblemException } from '../http/problem';
import { MemberRepository } from '../members/member.repository';
import { SessionClock } from '../platform/clock.adapter';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { unauthorized } from './authentication.service';
import { InvitationRepository, OpenInvitationExistsError, type InvitationRow } from './invitation.repository';
import { PasswordHasher } from './password-hasher.adapter';
import type { RequestActor } from './principal';
import { SecretTokens } from './secret-tokens.adapter';
import { SignInService, SIGN_IN_FAILED } from './sign-in.service';
import { UserRepository } from './user.repository';

const INVITATION_DAYS = 7;

export function invitationState(i: InvitationRow, now: Date): 'open' | 'accepted' | 'expired' | 'revoked' {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt <= now ? 'expired' : 'open';
}

export function toInvitationView(i: InvitationRow, now: Date) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    invitedBy: i.invitedBy,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    accessStartsAt: i.accessStartsAt?.toISOString() ?? null,
    accessEndsAt: i.accessEndsAt?.toISOString() ?? null,
    state: invitationState(i, now),
  };
}

const linkGone = () =>
  new ProblemException({ type: 'https://astrolabe.dev/problems/invitation-unusable', title: 'Gone', status: 410, detail: 'This invitation link has expired, was revoked or was already used. Ask an owner or admin for a new one.' });

/**
 * Invitations are how people join a workspace: an owner or admin invites an email with a role
 * (and, for auditors, an access window); the link (shown once, stored as a hash) lets that person
 * create an account, or prove an existing one, and join.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationRepository,
    private readonly members: MemberRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly secrets: SecretTokens,
    private readonly signIn: SignInService,
    private readonly scope: WorkspaceScope,
    private readonly ds: DataSource,
    private readonly clock: SessionClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(workspaceId: string) {
    const now = this.clock.now();
    return (await this.invitations.list(workspaceId)).map((i) => toInvitationView(i, now));
  }

  async create(req: Request, workspaceId: string, by: RequestActor, input: { email: string; role: MemberRole; accessStartsAt?: string; accessEndsAt?: string }) {
    if (!grantableRoles(by.role).includes(input.role)) throw forbidden(`A ${by.role} may not invite someone as ${input.role}.`);
    const accessStartsAt = input.accessStartsAt ? new Date(input.accessStartsAt) : null;
    const accessEndsAt = input.accessEndsAt ? new Date(input.accessEndsAt) : null;
    if (accessStartsAt && accessEndsAt && accessEndsAt <= accessStartsAt) throw badRequest([{ field: 'accessEndsAt', message: 'must be after accessStartsAt' }]);
    if (input.role === 'auditor' && !accessEndsAt) throw badRequest([{ field: 'accessEndsAt', message: "required for an auditor: when the engagement's access ends" }]);
    // A member added by email without an account (a control owner, say) may still be invited to sign in.
    if ((await this.members.getByEmail(workspaceId, input.email))?.userId) throw conflict(`${input.email} is already a member of this workspace.`);
    const now = this.clock.now();
    const token = this.secrets.mint();
    try {
      const row = await this.invitations.create(workspaceId, {
        email: input.email,
        role: input.role,
        tokenHash: this.secrets.hash(token),
        invitedBy: by.member.id,
        now,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
        accessStartsAt,
        accessEndsAt,
      });
      const base = this.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
      return { ...toInvitationView(row, now), acceptUrl: `${base}/accept-invitation#token=${token}` };
    } catch (err) {
      if (err instanceof OpenInvitationExistsError) throw conflict(err.message);
      throw err;
    }
  }

  async revoke(workspaceId: string, id: string) {
    if (!(await this.invitations.get(workspaceId, id))) throw notFound('invitation', id);
    const now = this.clock.now();
    await this.invitations.revoke(workspaceId, id, now);
    return toInvitationView((await this.invitations.get(workspaceId, id)) as InvitationRow, now);
  }

  async preview(token: string) {
    const inv = await this.open(token);
    const user = await this.users.findByEmail(inv.email);
    return { workspaceName: inv.workspaceName, email: inv.email, role: inv.role, hasAccount: Boolean(user?.passwordHash) };
  }

  async accept(req: Request, res: Response, input: { token: string; displayName?: string; password: string }): Promise<SessionView> {
    const inv = await this.open(input.token);
    let user = await this.users.findByEmail(inv.email);
    if (user?.passwordHash) {
      // An existing account proves itself with its password, exactly like a sign-in.
      if (!(await this.hasher.verify(user.passwordHash, input.password))) throw unauthorized(SIGN_IN_FAILED);
    } else {
      const password = parseInput(passwordSchema, input.password, 'password');
      if (!user && !input.displayName) throw badRequest([{ field: 'displayName', message: 'required for a new account' }]);
      user = await this.users.ensure({ email: inv.email, displayName: input.displayName ?? user?.displayName ?? inv.email });
      await this.users.setPassword(user.id, await this.hasher.hash(password));
    }
    const account = user;
    const workspaceId = await this.scope.resolve(inv.workspaceId);
    const now = this.clock.now();
    await this.ds.transaction(async (manager) => {
      const existing = await this.members.getByEmail(workspaceId, inv.email, manager);
      if (existing?.userId && existing.userId !== account.id) throw conflict('Another account is already this member.');
      const member =
        existing ??
        (await this.members.create(workspaceId, { displayName: account.displayName, email: inv.email, role: inv.role, userId: account.id, accessStartsAt: inv.accessStartsAt, accessEndsAt: inv.accessEndsAt }, manager));
      if (existing && !existing.userId) await this.members.linkUser(workspaceId, existing.id, account.id, manager);
      if (!(await this.invitations.accept(manager, workspaceId, inv.id, member.id, now))) throw linkGone();
    });
    return this.signIn.start(req, res, account, 'invitation');
  }

  private async open(token: string) {
    const inv = await this.invitations.findByTokenHash(this.secrets.hash(token));
    if (!inv || invitationState(inv, this.clock.now()) !== 'open') throw linkGone();
    return inv;
  }
}
