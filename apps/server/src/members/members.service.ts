import type { MemberRef, MemberRole, MemberView } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { conflict, forbidden, notFound } from '../http/problem';
import { ActorService } from './actor.service';
import { EmailTakenError, MemberRepository, type MemberRow } from './member.repository';

export const toMemberView = (m: MemberRow): MemberView => ({ id: m.id, displayName: m.displayName, email: m.email, role: m.role, createdAt: m.createdAt.toISOString() });
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
   * Adds a member. The first member of a workspace bootstraps it and must be its owner; after
   * that an owner or admin adds people.
   */
  async create(workspaceId: string, actorHeader: string | undefined, input: { displayName: string; email: string; role: MemberRole }): Promise<MemberView> {
    if ((await this.members.count(workspaceId)) === 0) {
      if (input.role !== 'owner') throw forbidden('The first member of a workspace must be its owner.');
    } else {
      await this.actors.require(workspaceId, actorHeader, 'members.manage');
    }
    try {
      return toMemberView(await this.members.create(workspaceId, input));
    } catch (err) {
      if (err instanceof EmailTakenError) throw conflict(err.message);
      throw err;
    }
  }

  async updateRole(workspaceId: string, actorHeader: string | undefined, id: string, role: MemberRole): Promise<MemberView> {
    await this.actors.require(workspaceId, actorHeader, 'members.manage');
    const current = await this.require(workspaceId, id);
    // A workspace always keeps an owner: demoting the last one would lock everyone out of admin.
    if (current.role === 'owner' && role !== 'owner' && (await this.members.countByRole(workspaceId, 'owner')) <= 1) {
      throw conflict('This is the last owner of the workspace; make someone else owner first.');
    }
    const updated = await this.members.updateRole(workspaceId, id, role);
    if (!updated) throw notFound('member', id);
    return toMemberView(updated);
  }
}
