import type { RequestActor } from '../auth/principal';
import type { FrameworkDetail, FrameworkView } from '@astrolabe/api-contract';
import type { ControlStatus } from '@astrolabe/core';
import { scoreFramework, type Framework, type FrameworkScore } from '@astrolabe/frameworks';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badRequest, notFound } from '../http/problem';
import { ActorService } from '../members/actor.service';
import { Clock } from '../platform/clock.adapter';
import { RegistryRef } from '../platform/registry.provider';
import { ControlRepository } from '../scoring/control.repository';
import { ScoringService } from '../scoring/scoring.service';
import { FrameworkProgramRepository, type MappingEntry, type ScopeEntry } from './framework-program.repository';

const DAY_MS = 86_400_000;

interface ProgramState {
  statuses: Record<string, ControlStatus>;
  enabled: Set<string>;
  scope: ScopeEntry[];
  mappings: MappingEntry[];
}

/** Frameworks as a workspace sees them: enabled or not, scope, its own crosswalk, readiness and history. */
@Injectable()
export class FrameworksService {
  constructor(
    private readonly ds: DataSource,
    private readonly program: FrameworkProgramRepository,
    private readonly controls: ControlRepository,
    private readonly scoring: ScoringService,
    private readonly actors: ActorService,
    private readonly registryRef: RegistryRef,
    private readonly clock: Clock,
  ) {}

  private async state(workspaceId: string): Promise<ProgramState> {
    await this.scoring.ensureFresh(workspaceId, this.clock.now());
    const [controls, enabled, scope, mappings] = await Promise.all([
      this.controls.list(workspaceId),
      this.program.enabled(workspaceId),
      this.program.outOfScope(workspaceId),
      this.program.mappings(workspaceId),
    ]);
    return { statuses: Object.fromEntries(controls.map((c) => [c.id, c.status])), enabled, scope, mappings };
  }

  private score(f: Framework, s: ProgramState): FrameworkScore {
    const extra = new Map<string, string[]>();
    for (const m of s.mappings) if (m.frameworkId === f.id) extra.set(m.requirementId, [...(extra.get(m.requirementId) ?? []), m.controlId]);
    return scoreFramework(f, s.statuses, {
      outOfScope: new Set(s.scope.filter((x) => x.frameworkId === f.id).map((x) => x.requirementId)),
      extraMappings: extra,
    });
  }

  private requireFramework(frameworkId: string): Framework {
    const f = this.registryRef.registry.catalog.getFramework(frameworkId);
    if (!f) throw notFound('framework', frameworkId);
    return f;
  }

  async list(workspaceId: string): Promise<FrameworkView[]> {
    const s = await this.state(workspaceId);
    return this.registryRef.registry.catalog.frameworks.map((f) => ({
      id: f.id,
      name: f.name,
      version: f.version,
      publisher: f.publisher,
      enabled: s.enabled.has(f.id),
      readiness: this.score(f, s).readiness,
    }));
  }

  async detail(workspaceId: string, frameworkId: string): Promise<FrameworkDetail> {
    const f = this.requireFramework(frameworkId);
    const s = await this.state(workspaceId);
    const score = this.score(f, s);
    // Out-of-scope requirements are listed too, with the status their controls would give: one
    // scoring with nothing out of scope provides those (readiness still comes from `score`).
    const unscoped = new Map(this.score(f, { ...s, scope: [] }).requirements.map((r) => [r.requirementId, r.status]));
    const scopeById = new Map(s.scope.filter((x) => x.frameworkId === f.id).map((x) => [x.requirementId, x]));
    const custom = s.mappings.filter((m) => m.frameworkId === f.id);
    const requirements = f.sections.flatMap((section) =>
      section.requirements.map((r) => {
        const out = scopeById.get(r.id);
        const customIds = custom.filter((m) => m.requirementId === r.id).map((m) => m.controlId);
        return {
          id: r.id,
          section: section.id,
          title: r.title,
          controlIds: [...new Set([...r.controlIds, ...customIds])],
          customControlIds: customIds,
          status: unscoped.get(r.id) ?? 'not_monitored',
          outOfScope: out ? { justification: out.justification, setBy: out.setBy, setAt: out.setAt.toISOString() } : null,
        };
      }),
    );
    return {
      id: f.id,
      name: f.name,
      version: f.version,
      publisher: f.publisher,
      enabled: s.enabled.has(f.id),
      readiness: score.readiness,
      sections: f.sections.map((x) => ({ id: x.id, title: x.title, group: x.group ?? null })),
      requirements,
    };
  }

  async history(workspaceId: string, frameworkId: string, days: number) {
    this.requireFramework(frameworkId);
    await this.scoring.ensureFresh(workspaceId, this.clock.now());
    const now = this.clock.now();
    const since = new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
    const rows = await this.program.frameworkHistory(workspaceId, frameworkId, since, now.toISOString().slice(0, 10));
    return {
      items: rows.map((r) => ({
        day: r.day,
        percent: r.percent,
        readiness: {
          percent: r.percent,
          passing: r.counts.passing ?? 0,
          atRisk: r.counts.atRisk ?? 0,
          failing: r.counts.failing ?? 0,
          excepted: r.counts.excepted ?? 0,
          unknown: r.counts.unknown ?? 0,
          notMonitored: r.counts.notMonitored ?? 0,
          inScope: r.counts.inScope ?? 0,
        },
      })),
    };
  }

  async setEnabled(workspaceId: string, by: RequestActor, frameworkId: string, enabled: boolean): Promise<FrameworkDetail> {
    this.requireFramework(frameworkId);
    this.actors.require(workspaceId, by, 'program.configure');
    await this.ds.transaction(async (manager) => {
      const now = this.clock.now();
      await this.program.setEnabled(manager, workspaceId, [frameworkId], enabled, now);
      await this.scoring.recompute(manager, workspaceId, now);
    });
    return this.detail(workspaceId, frameworkId);
  }

  async setScope(workspaceId: string, by: RequestActor, frameworkId: string, requirementId: string, body: { inScope: true } | { inScope: false; justification: string }) {
    const f = this.requireFramework(frameworkId);
    if (!f.sections.some((s) => s.requirements.some((r) => r.id === requirementId))) throw notFound('requirement', requirementId);
    const actor = this.actors.require(workspaceId, by, 'program.configure');
    await this.ds.transaction(async (manager) => {
      const now = this.clock.now();
      if (body.inScope) await this.program.setInScope(manager, workspaceId, frameworkId, requirementId);
      else await this.program.setOutOfScope(manager, workspaceId, frameworkId, requirementId, body.justification, actor.id, now);
      await this.scoring.recompute(manager, workspaceId, now);
    });
    return this.detail(workspaceId, frameworkId);
  }

  async map(workspaceId: string, by: RequestActor, frameworkId: string, requirementId: string, controlId: string, add: boolean) {
    const f = this.requireFramework(frameworkId);
    const requirement = f.sections.flatMap((s) => s.requirements).find((r) => r.id === requirementId);
    if (!requirement) throw notFound('requirement', requirementId);
    const actor = this.actors.require(workspaceId, by, 'program.configure');
    if (!(await this.controls.get(workspaceId, controlId))) throw badRequest([{ field: 'controlId', message: `no control "${controlId}" in this workspace` }]);
    if (!add && requirement.controlIds.includes(controlId)) {
      throw badRequest([{ field: 'controlId', message: 'built-in mappings cannot be removed; mark the requirement out of scope instead' }]);
    }
    await this.ds.transaction(async (manager) => {
      const now = this.clock.now();
      const entry = { frameworkId, requirementId, controlId };
      if (add) await this.program.addMapping(manager, workspaceId, entry, actor.id, now);
      else if (!(await this.program.removeMapping(manager, workspaceId, entry))) throw notFound('mapping', `${requirementId} → ${controlId}`);
      await this.scoring.recompute(manager, workspaceId, now);
    });
    return this.detail(workspaceId, frameworkId);
  }
}
