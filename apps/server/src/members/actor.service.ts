import { ACTOR_HEADER } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { badRequest, forbidden } from '../http/problem';
import { MemberRepository, type MemberRow } from './member.repository';
import { mayDo, PROGRAM_PERMISSIONS, type ProgramAction } from './permissions';

const memberId = z.string().uuid();

/**
 * Resolves who performs a mutation and whether their role allows it. Until sign-in exists the
 * acting member comes from the `x-astrolabe-member` header; the product-security issue swaps the
 * source for the session without touching the services that call this.
 */
@Injectable()
export class ActorService {
  constructor(private readonly members: MemberRepository) {}

  async require(workspaceId: string, header: string | undefined, action: ProgramAction): Promise<MemberRow> {
    if (header === undefined || header.trim() === '') {
      throw badRequest([{ field: ACTOR_HEADER, message: 'required: the id of the workspace member performing this action' }]);
    }
    const parsed = memberId.safeParse(header.trim());
    if (!parsed.success) throw badRequest([{ field: ACTOR_HEADER, message: 'must be a member id (uuid)' }]);
    const member = await this.members.get(workspaceId, parsed.data);
    if (!member) throw forbidden('The acting member is not a member of this workspace.');
    if (!mayDo(member.role, action)) {
      throw forbidden(`The ${member.role} role may not ${action.replace('.', ': ')}; allowed roles: ${PROGRAM_PERMISSIONS[action].join(', ')}.`);
    }
    return member;
  }
}
