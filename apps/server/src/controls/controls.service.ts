import type { RequestActor } from '../auth/principal';
import type { ControlDetail, ControlPage, ControlView, CreateControlBody, RegressionView, TrustLabelValue } from '@astrolabe/api-contract';
import { CONTROL_STATUSES, type ControlStatus } from '@astrolabe/core';
import { controlSchema, statusRank } from '@astrolabe/frameworks';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ControlEntity } from '../database/entities';
import { badRequest, conflict, notFound, zodFieldErrors } from '../http/problem';
import { ActorService } from '../members/actor.service';
import { MemberRepository } from '../members/member.repository';
import { toMemberRef } from '../members/members.service';
import { Clock } from '../platform/clock.adapter';
import { RegistryRef } from '../platform/registry.provider';
import { FrameworkProgramRepository } from '../program/framework-program.repository';
import { ControlRepository } from '../scoring/control.repository';
import { ScoringService } from '../scoring/scoring.service';
import { requirementsByControl, toControlView, type ControlViewContext } from './control-views';

export interface ControlFilter {
  status?: ControlStatus;
  evidence?: 'missing' | 'current' | 'due_soon' | 'overdue';
  ownerId?: string;
  category?: string;
  frameworkId?: string;
  q?: string;
  cursor?: string;
  limit: number;
}

const RANK = Object.fromEntries((['passing', 'failing', 'at_risk', 'unknown', 'not_monitored', 'excepted'] as const).map((s) => [s, statusRank(s)])) as Record<ControlStatus, number>;
const DAY_MS = 86_400_000;

/** Controls of a workspace: scored views, custom controls, owners, trust labels, history, regressions. */
@Injectable()
export class ControlsService {
  constructor(
    private readonly ds: DataSource,
    private readonly controls: ControlRepository,
    private readonly members: MemberRepository,
    private readonly program: FrameworkProgramRepository,
    private readonly scoring: ScoringService,
    private readonly actors: ActorService,
    private readonly registryRef: RegistryRef,
    private readonly clock: Clock,
  ) {}

  async context(workspaceId: string): Promise<ControlViewContext> {
    const [members, mappings] = await Promise.all([this.members.list(workspaceId), this.program.mappings(workspaceId)]);
    const { catalog } = this.registryRef.registry;
    return {
      members: new Map(members.map((m) => [m.id, toMemberRef(m)])),
      requirements: requirementsByControl(catalog.controls, (id) => catalog.requirementsForControl(id), mappings),
    };
  }

  /** All controls as of now (stored scores, refreshed when old). */
  async all(workspaceId: string): Promise<ControlView[]> {
    await this.scoring.ensureFresh(workspaceId, this.clock.now());
    const [rows, ctx] = await Promise.all([this.controls.list(workspaceId), this.context(workspaceId)]);
    return rows.map((c) => toControlView(c, ctx));
  }

  async list(workspaceId: string, f: ControlFilter): Promise<ControlPage> {
    let items = await this.all(workspaceId);
    if (f.evidence) items = items.filter((c) => c.evidence.some((e) => e.state === f.evidence));
    if (f.ownerId) items = items.filter((c) => (f.ownerId === 'none' ? c.owner === null : c.owner?.id === f.ownerId));
    if (f.category) items = items.filter((c) => c.category === f.category);
    if (f.frameworkId) {
      if (!this.registryRef.registry.catalog.getFramework(f.frameworkId)) throw badRequest([{ field: 'frameworkId', message: `unknown framework "${f.frameworkId}"` }]);
      items = items.filter((c) => c.requirements.some((r) => r.frameworkId === f.frameworkId));
    }
    if (f.q) {
      const q = f.q.toLowerCase();
      items = items.filter((c) => c.id.includes(q) || c.title.toLowerCase().includes(q) || c.description.toLowerCase().includes(q));
    }
    const statusCounts = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as Record<ControlStatus, number>;
    for (const c of items) statusCounts[c.status] += 1;
    const total = items.length;
    if (f.status) items = items.filter((c) => c.status === f.status);
    // Worst first, then by id: what needs attention leads. The cursor is the (rank, id) of the
    // last item of the previous page, so paging stays exact while statuses are stable.
    const key = (c: ControlView): [number, string] => [-RANK[c.status], c.id];
    items.sort((a, b) => compareKeys(key(a), key(b)));
    const after = f.cursor ? decodeCursor(f.cursor) : null;
    const start = after === null ? 0 : items.findIndex((c) => compareKeys(key(c), after) > 0);
    const page = start < 0 ? [] : items.slice(start, start + f.limit);
    const last = page[page.length - 1];
    const more = start >= 0 && start + f.limit < items.length;
    return { items: page, nextCursor: more && last ? encodeCursor(key(last)) : null, statusCounts, total };
  }

  async require(workspaceId: string, controlId: string): Promise<ControlEntity> {
    const c = await this.controls.get(workspaceId, controlId);
    if (!c) throw notFound('control', controlId);
    return c;
  }

  async detail(workspaceId: string, controlId: string): Promise<ControlDetail> {
    await this.scoring.ensureFresh(workspaceId, this.clock.now());
    const [c, ctx] = await Promise.all([this.require(workspaceId, controlId), this.context(workspaceId)]);
    const now = this.clock.now();
    const since = new Date(now.getTime() - 90 * DAY_MS).toISOString().slice(0, 10);
    const history = await this.controls.history(workspaceId, controlId, since, now.toISOString().slice(0, 10));
    return { ...toControlView(c, ctx), history: history.map((h) => ({ day: String(h.day), status: h.status })) };
  }

  async create(workspaceId: string, by: RequestActor, body: CreateControlBody & { checkIds: string[]; manualEvidence: NonNullable<CreateControlBody['manualEvidence']> }): Promise<ControlDetail> {
    this.actors.require(workspaceId, by, 'controls.create');
    const { registry } = this.registryRef;
    const unknownChecks = body.checkIds.map((id, i) => ({ id, i })).filter(({ id }) => !registry.check(id));
    if (unknownChecks.length > 0) throw badRequest(unknownChecks.map(({ id, i }) => ({ field: `checkIds.${i}`, message: `unknown check "${id}"` })));
    if (registry.catalog.getControl(body.id)) throw conflict(`"${body.id}" is a built-in control id; choose another id for a custom control.`);
    if (body.ownerId && !(await this.members.get(workspaceId, body.ownerId))) throw badRequest([{ field: 'ownerId', message: 'not a member of this workspace' }]);
    const automation = body.checkIds.length === 0 ? 'manual' : body.manualEvidence.length === 0 ? 'automated' : 'hybrid';
    const candidate = {
      id: body.id,
      title: body.title,
      description: body.description,
      category: body.category,
      automation,
      checkIds: body.checkIds,
      manualEvidence: body.manualEvidence,
      defaultOwnerRole: 'compliance_lead' as const,
      publicTitle: body.publicTitle ?? body.title.slice(0, 80),
    };
    // The same rules as the built-in catalog: a control needs checks or manual evidence.
    const parsed = controlSchema.safeParse(candidate);
    if (!parsed.success) {
      const errors = zodFieldErrors(parsed.error);
      const explained = errors.map((e) => (e.field === 'manualEvidence' && body.checkIds.length === 0 ? { field: 'manualEvidence', message: 'a control needs at least one check or manual evidence requirement' } : e));
      throw badRequest(explained);
    }
    await this.ds.transaction(async (manager) => {
      const created = await this.controls.createCustom(manager, workspaceId, { ...parsed.data, ownerMemberId: body.ownerId ?? null });
      if (!created) throw conflict(`A control with id "${body.id}" already exists in this workspace.`);
      await this.scoring.recompute(manager, workspaceId, this.clock.now());
    });
    return this.detail(workspaceId, body.id);
  }

  async update(workspaceId: string, by: RequestActor, controlId: string, patch: { ownerId?: string | null; trustLabel?: TrustLabelValue | null }): Promise<ControlDetail> {
    this.actors.require(workspaceId, by, patch.trustLabel !== undefined ? 'program.configure' : 'controls.assign');
    await this.scoring.ensureFresh(workspaceId, this.clock.now());
    const control = await this.require(workspaceId, controlId);
    if (patch.ownerId) {
      const owner = await this.members.get(workspaceId, patch.ownerId);
      if (!owner) throw badRequest([{ field: 'ownerId', message: 'not a member of this workspace' }]);
      if (owner.role === 'auditor' || owner.role === 'viewer') throw badRequest([{ field: 'ownerId', message: `a ${owner.role} is read-only and cannot own a control` }]);
    }
    if (patch.trustLabel === 'implemented' && control.status === 'failing') {
      throw conflict('This control is failing: it cannot be published as Implemented until it passes or an approved exception covers it.');
    }
    await this.ds.transaction(async (manager) => {
      if (patch.ownerId !== undefined) await this.controls.setOwner(manager, workspaceId, controlId, patch.ownerId);
      if (patch.trustLabel !== undefined) await this.controls.setTrustLabel(manager, workspaceId, controlId, patch.trustLabel);
    });
    return this.detail(workspaceId, controlId);
  }

  /** Controls worse today than on `sinceDay` (default: yesterday), worst first. */
  async regressions(workspaceId: string, sinceDay?: string): Promise<RegressionView[]> {
    const now = this.clock.now();
    await this.scoring.ensureFresh(workspaceId, now);
    const since = sinceDay ?? new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
    const [rows, controls, ctx] = await Promise.all([this.controls.regressions(workspaceId, since, RANK), this.controls.list(workspaceId), this.context(workspaceId)]);
    const byId = new Map(controls.map((c) => [c.id, c]));
    return rows.map((r) => {
      const c = byId.get(r.controlId);
      return { controlId: r.controlId, title: c?.title ?? r.controlId, from: r.from, to: r.to, since: r.since, owner: c?.ownerMemberId ? (ctx.members.get(c.ownerMemberId) ?? null) : null };
    });
  }
}

function compareKeys(a: readonly [number, string], b: readonly [number, string]): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

const encodeCursor = (k: [number, string]) => Buffer.from(JSON.stringify({ rank: k[0], after: k[1] }), 'utf8').toString('base64url');

function decodeCursor(cursor: string): [number, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'after' in parsed && 'rank' in parsed && typeof parsed.after === 'string' && typeof parsed.rank === 'number') {
      return [parsed.rank, parsed.after];
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest([{ field: 'cursor', message: 'not a cursor returned by this API' }]);
}
