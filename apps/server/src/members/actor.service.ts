import { PERMISSIONS, roleMay } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import type { RequestActor } from '../auth/principal';
import { forbidden, notFound } from '../http/problem';
import type { MemberRow } from './member.repository';
import type { ProgramAction } from './permissions';

/**
 * The member a mutation is attributed to, re-checked against the action the service is about to
 * take. The auth guard already refused roles the route does not allow; services ask again for the
 * finer action they perform, so a route wired to a broader permission cannot widen what it does.
 */
@Injectable()
export class ActorService {
  require(workspaceId: string, actor: RequestActor, action: ProgramAction): MemberRow {
    if (actor.workspaceId !== workspaceId) throw notFound('workspace', workspaceId);
    const allowed = roleMay(actor.role, action) && roleMay(actor.member.role, action);
    if (!allowed) throw forbidden(`The ${actor.role} role may not ${action.replace('.', ': ')}; allowed roles: ${PERMISSIONS[action].join(', ')}.`);
    return { ...actor.member, role: actor.role };
  }
}
