import type { RequestActor } from '../auth/principal';
import type { FindingView, MemberRef, MyWork, SlaDays } from '@astrolabe/api-contract';
import { roleMay } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { ControlsService } from '../controls/controls.service';
import { ExceptionsService } from '../exceptions/exceptions.service';
import { FindingRepository } from '../findings/finding.repository';
import { FindingsService } from '../findings/findings.service';
import { ActorService } from '../members/actor.service';
import { MembersService, toMemberView } from '../members/members.service';
import { Clock } from '../platform/clock.adapter';
import { WorkspaceRepository } from '../workspaces/workspace.repository';
import { WorkspacesService } from '../workspaces/workspaces.service';

/** How many overdue findings one list shows; the total is reported beside it. */
const OVERDUE_PAGE = 200;

/** Remediation SLAs, overdue findings per owner, and one member's work queue. */
@Injectable()
export class WorkService {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly workspaceRepo: WorkspaceRepository,
    private readonly findings: FindingsService,
    private readonly findingRepo: FindingRepository,
    private readonly controls: ControlsService,
    private readonly exceptions: ExceptionsService,
    private readonly members: MembersService,
    private readonly actors: ActorService,
    private readonly clock: Clock,
  ) {}

  async sla(workspaceId: string): Promise<SlaDays> {
    return (await this.workspaces.require(workspaceId)).slaDays;
  }

  async setSla(workspaceId: string, by: RequestActor, sla: SlaDays): Promise<SlaDays> {
    this.actors.require(workspaceId, by, 'program.configure');
    await this.workspaceRepo.setSla(workspaceId, sla);
    return sla;
  }

  /** Failing findings past their SLA deadline, not excepted (first OVERDUE_PAGE by id). */
  private async overdueFindings(workspaceId: string, checkIds?: readonly string[]): Promise<FindingView[]> {
    const sla = await this.sla(workspaceId);
    const rows = await this.findingRepo.page(workspaceId, { overdue: this.findings.slaByCheck(sla, checkIds), checkIds, limit: OVERDUE_PAGE }, this.clock.now());
    return rows.map((r) => this.findings.toView(r, sla));
  }

  /** Overdue findings grouped by the owner of the controls they affect (unowned last). */
  async overdueByOwner(workspaceId: string): Promise<{ owner: MemberRef | null; findings: FindingView[]; total: number }[]> {
    const [findings, controls] = await Promise.all([this.overdueFindings(workspaceId), this.controls.all(workspaceId)]);
    const ownersByCheck = new Map<string, Map<string, MemberRef | null>>();
    for (const c of controls) {
      for (const checkId of c.checkIds) {
        const owners = ownersByCheck.get(checkId) ?? new Map<string, MemberRef | null>();
        owners.set(c.owner?.id ?? '', c.owner);
        ownersByCheck.set(checkId, owners);
      }
    }
    const groups = new Map<string, { owner: MemberRef | null; findings: FindingView[] }>();
    for (const f of findings) {
      const owners = ownersByCheck.get(f.checkId) ?? new Map([['', null]]);
      for (const [key, owner] of owners) {
        const g = groups.get(key) ?? { owner, findings: [] };
        g.findings.push(f);
        groups.set(key, g);
      }
    }
    return [...groups.values()]
      .map((g) => ({ ...g, total: g.findings.length }))
      .sort((a, b) => (a.owner === null ? 1 : b.owner === null ? -1 : a.owner.displayName.localeCompare(b.owner.displayName)));
  }

  /** What one member should act on: their controls not passing, evidence due, overdue findings, exceptions to decide. */
  async myWork(workspaceId: string, memberId: string): Promise<MyWork> {
    const member = await this.members.require(workspaceId, memberId);
    const owned = (await this.controls.all(workspaceId)).filter((c) => c.owner?.id === member.id);
    const attention = owned.filter((c) => c.status !== 'passing' && c.status !== 'excepted');
    const evidenceDue = owned.flatMap((c) =>
      c.evidence.filter((e) => e.state !== 'current').map((requirement) => ({ controlId: c.id, controlTitle: c.title, requirement })),
    );
    const checkIds = [...new Set(owned.flatMap((c) => c.checkIds))];
    const overdueFindings = checkIds.length > 0 ? await this.overdueFindings(workspaceId, checkIds) : [];
    const exceptionsToDecide = roleMay(member.role, 'exceptions.decide')
      ? (await this.exceptions.list(workspaceId, { state: 'requested', limit: 100 })).items.filter((e) => e.requestedBy.id !== member.id)
      : [];
    return { member: toMemberView(member), controls: attention, evidenceDue, overdueFindings, exceptionsToDecide };
  }
}
