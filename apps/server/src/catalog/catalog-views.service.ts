import type { CheckView, ControlView, FindingCounts, FrameworkView, Overview } from '@astrolabe/api-contract';
import { CONTROL_STATUSES, type ControlStatus } from '@astrolabe/core';
import { scoreFramework, type ScoredControlStatus } from '@astrolabe/frameworks';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectionsService } from '../connections/connections.service';
import type { ControlEntity } from '../database/entities';
import { FindingRepository } from '../findings/finding.repository';
import { notFound } from '../http/problem';
import { Clock } from '../platform/clock.adapter';
import { RegistryRef } from '../platform/registry.provider';
import { ControlRepository } from '../scoring/control.repository';
import { ScoringService, type ControlScore } from '../scoring/scoring.service';
import { toWorkspaceView, WorkspacesService } from '../workspaces/workspaces.service';

const ZERO: FindingCounts = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };

/**
 * A control as of now: the live score, with "since" taken from the stored status when they
 * agree (when they differ the change is newer than the last stored score; its time is unknown).
 */
function toControlView(c: ControlEntity, live: ControlScore | undefined): ControlView {
  const status = live?.status ?? c.status;
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    category: c.category,
    checkIds: c.checkIds,
    status,
    statusSince: status === c.status ? (c.statusSince?.toISOString() ?? null) : null,
    reason: live?.reason ?? c.statusReason,
    counts: live?.counts ?? c.counts,
  };
}

/** Read models for the console: checks, controls, frameworks and the overview. */
@Injectable()
export class CatalogViewsService {
  constructor(
    private readonly ds: DataSource,
    private readonly findings: FindingRepository,
    private readonly controls: ControlRepository,
    private readonly scoring: ScoringService,
    private readonly connections: ConnectionsService,
    private readonly workspaces: WorkspacesService,
    private readonly registryRef: RegistryRef,
    private readonly clock: Clock,
  ) {}

  async checks(workspaceId: string): Promise<CheckView[]> {
    const counts = await this.findings.countsByCheck(this.ds, workspaceId, this.clock.now());
    const { registry } = this.registryRef;
    return registry.checks.map((c) => ({ ...c.metadata, counts: counts.get(c.metadata.id) ?? { ...ZERO }, controlIds: registry.controlIdsForCheck(c.metadata.id) }));
  }

  async check(workspaceId: string, checkId: string): Promise<CheckView> {
    const found = (await this.checks(workspaceId)).find((c) => c.id === checkId);
    if (!found) throw notFound('check', checkId);
    return found;
  }

  async controlList(workspaceId: string): Promise<ControlView[]> {
    const [stored, live] = await Promise.all([this.controls.list(workspaceId), this.liveScores(workspaceId)]);
    return stored.map((c) => toControlView(c, live.get(c.id)));
  }

  async control(workspaceId: string, controlId: string) {
    const c = (await this.controlList(workspaceId)).find((x) => x.id === controlId);
    if (!c) throw notFound('control', controlId);
    const since = new Date(this.clock.now().getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
    const history = await this.controls.history(workspaceId, controlId, since);
    return { ...c, history: history.map((h) => ({ day: String(h.day), status: h.status })) };
  }

  private async liveScores(workspaceId: string): Promise<Map<string, ControlScore>> {
    return new Map((await this.scoring.score(this.ds, workspaceId, this.clock.now())).map((s) => [s.id, s]));
  }

  async frameworks(workspaceId: string) {
    const statuses: Record<string, ScoredControlStatus> = {};
    for (const c of await this.controlList(workspaceId)) statuses[c.id] = scoredStatus(c.status);
    return this.registryRef.registry.catalog.frameworks.map((f) => {
      const score = scoreFramework(f, statuses);
      return {
        id: f.id,
        name: f.name,
        version: f.version,
        readiness: score.readiness,
        requirements: score.requirements.map((r) => ({ id: r.requirementId, section: r.sectionId, title: r.title, controlIds: [...r.controlIds], status: r.status })),
      };
    });
  }

  async framework(workspaceId: string, frameworkId: string) {
    const found = (await this.frameworks(workspaceId)).find((f) => f.id === frameworkId);
    if (!found) throw notFound('framework', frameworkId);
    return found;
  }

  async overview(workspaceId: string): Promise<Overview> {
    const workspace = await this.workspaces.require(workspaceId);
    const [frameworks, controls, checks, connections] = await Promise.all([
      this.frameworks(workspaceId),
      this.controlList(workspaceId),
      this.checks(workspaceId),
      this.connections.list(workspaceId),
    ]);
    const controlCounts = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as Record<ControlStatus, number>;
    for (const c of controls) controlCounts[c.status] += 1;
    const findingCounts = { ...ZERO };
    for (const c of checks) for (const k of Object.keys(findingCounts) as (keyof FindingCounts)[]) findingCounts[k] += c.counts[k];
    const lastRun =
      connections
        .map((c) => c.lastRun)
        .filter((r) => r !== null)
        .sort((a, b) => b.queuedAt.localeCompare(a.queuedAt))[0] ?? null;
    const frameworkViews: FrameworkView[] = frameworks.map(({ id, name, version, readiness }) => ({ id, name, version, readiness }));
    const lastCollectedAt = await this.findings.lastCollectedAt(workspaceId);
    return { workspace: toWorkspaceView(workspace), frameworks: frameworkViews, controlCounts, findingCounts, connections, lastRun, lastCollectedAt: lastCollectedAt?.toISOString() ?? null };
  }
}

/** Statuses arriving with later issues (at_risk, excepted) fold into the scored four for readiness. */
function scoredStatus(s: ControlStatus): ScoredControlStatus {
  if (s === 'at_risk') return 'unknown';
  if (s === 'excepted') return 'passing';
  return s;
}
