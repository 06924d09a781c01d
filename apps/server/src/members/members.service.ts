import { grantableRoles, type MemberRef, type MemberRole, type MemberView } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import type { RequestActor } from '../auth/principal';
import { badRequest, conflict, forbidden, notFound } from '../http/problem';
import { ActorService } from './actor.service';
import { EmailTakenError, MemberRepository, type MemberRow } from './member.repository';

export const toMemberView = (m: MemberRow): MemberView => ({
  id: m.id,
  displayName: m.displayName,
  email: m.email,
  role: m.role,
  createdAt: m.createdAt.toISOString(),
  hasAccount: m.userId !== null,
  accessStartsAt: m.accessStartsAt?.toISOString() ?? null,
  accessEndsAt: m.accessEndsAt?.toISOString() ?? null,
});
export const toMemberRef = (m: Pick<MemberRow, 'id' | 'displayName'>): MemberRef => ({ id: m.id, displayName: m.displayName });

@Injectable()
export class MembersService {
  constructor(
    private readonly members: MemberRepository,
    private readonly actors: ActorService,
  ) {}

  async list(workspaceId: string): Promise<MemberView[]> {
    return (await this.members.list(workspaceId)).map(toMemberView);
  }

  async require(workspaceId: string, id: string): Promise<MemberRow> {
    const m = await this.members.get(workspaceId, id);
    if (!m) throw notFound('member', id);
    return m;
  }

  /**
   * Adds a person by email, without an account: someone who owns controls or reviews evidence.
   * To let them sign in, invite the same email; accepting links the account to this member.
   */
  async create(workspaceId: string, by: RequestActor, input: { displayName: string; email: string; role: MemberRole }): Promise<MemberView> {
    const actor = this.actors.require(workspaceId, by, 'members.manage');
    if (!grantableRoles(actor.role).includes(input.role)) throw forbidden(`A ${actor.role} may not make someone ${input.role}.`);
    try {
      return toMemberView(await this.members.create(workspaceId, input));
    } catch (err) {
      if (err instanceof EmailTakenError) throw conflict(err.message);
      throw err;
    }
  }

  async update(workspaceId: string, by: RequestActor, id: string, change: { role?: MemberRole; accessStartsAt?: string | null; accessEndsAt?: string | null }): Promise<MemberView> {
    const actor = this.actors.require(workspaceId, by, 'members.manage');
    const current = await this.require(workspaceId, id);
    const role = change.role ?? current.role;
    // An admin can neither make an owner nor unmake one: ownership changes hands between owners.
    if (role !== current.role && (!grantableRoles(actor.role).includes(role) || !grantableRoles(actor.role).includes(current.role))) {
      throw forbidden(`A ${actor.role} may not change a ${current.role} into a ${role}.`);
    }
    // A workspace always keeps an owner: demoting the last one would lock everyone out of admin.
    if (current.role === 'owner' && role !== 'owner' && (await this.members.countByRole(workspaceId, 'owner')) <= 1) {
      throw conflict('This is the last owner of the workspace; make someone else owner first.');
    }
    const accessStartsAt = change.accessStartsAt === undefined ? current.accessStartsAt : change.accessStartsAt === null ? null : new Date(change.accessStartsAt);
    const accessEndsAt = change.accessEndsAt === undefined ? current.accessEndsAt : change.accessEndsAt === null ? null : new Date(change.accessEndsAt);
    if (accessStartsAt && accessEndsAt && accessEndsAt <= accessStartsAt) throw badRequest([{ field: 'accessEndsAt', message: 'must be after accessStartsAt' }]);
    const updated = await this.members.update(workspaceId, id, { role, accessStartsAt, accessEndsAt });
    if (!updated) throw notFound('member', id);
    return toMemberView(updated);
  }
}
