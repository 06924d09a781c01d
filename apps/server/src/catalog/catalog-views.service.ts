import type { CheckView, FindingCounts, Overview } from '@astrolabe/api-contract';
import { CONTROL_STATUSES, type ControlStatus } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectionsService } from '../connections/connections.service';
import { ControlsService } from '../controls/controls.service';
import { ExceptionRepository } from '../exceptions/exception.repository';
import { FindingRepository } from '../findings/finding.repository';
import { notFound } from '../http/problem';
import { Clock } from '../platform/clock.adapter';
import { RegistryRef } from '../platform/registry.provider';
import { WriteRevision } from '../platform/write-revision';
import { FrameworksService } from '../program/frameworks.service';
import { ScoringService } from '../scoring/scoring.service';
import { ReadCache } from './read-cache';
import { toWorkspaceView, WorkspacesService } from '../workspaces/workspaces.service';

const ZERO: FindingCounts = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
/** How stale an overview may be for changes this process did not make (runs, other API processes). */
const OVERVIEW_MAX_AGE_MS = 2_000;

/** Read models for the console: checks and the overview. */
@Injectable()
export class CatalogViewsService {
  constructor(
    private readonly ds: DataSource,
    private readonly findings: FindingRepository,
    private readonly controls: ControlsService,
    private readonly frameworks: FrameworksService,
    private readonly exceptions: ExceptionRepository,
    private readonly connections: ConnectionsService,
    private readonly workspaces: WorkspacesService,
    private readonly registryRef: RegistryRef,
    private readonly clock: Clock,
    private readonly scoring: ScoringService,
    private readonly writes: WriteRevision,
  ) {}

  // Wall-clock age on purpose: this bounds how long a cached answer lives, not a domain time.
  private readonly overviews = new ReadCache(OVERVIEW_MAX_AGE_MS, () => Date.now());

  async checks(workspaceId: string): Promise<CheckView[]> {
    const counts = await this.findings.countsByCheck(this.ds, workspaceId, this.clock.now());
    const { registry } = this.registryRef;
    return registry.checks.map((c) => {
      const n = counts.get(c.metadata.id);
      // Excepted failures are still failures of the resource; the check view counts them as fail.
      const view = n ? { pass: n.pass, fail: n.fail + n.excepted, unknown: n.unknown, not_applicable: n.not_applicable } : { ...ZERO };
      return { ...c.metadata, counts: view, controlIds: registry.controlIdsForCheck(c.metadata.id) };
    });
  }

  async check(workspaceId: string, checkId: string): Promise<CheckView> {
    const found = (await this.checks(workspaceId)).find((c) => c.id === checkId);
    if (!found) throw notFound('check', checkId);
    return found;
  }

  /**
   * The overview as JSON, cached per workspace: keyed by when the scores were computed and by
   * this process's write count, and at most two seconds old. The dashboard is the most-read page
   * and everyone polls it; a re-score or any write makes the next read rebuild it.
   */
  async overviewJson(workspaceId: string): Promise<string> {
    const scoredAt = await this.scoring.ensureFresh(workspaceId, this.clock.now());
    const key = `${scoredAt?.getTime() ?? 'never'}:${this.writes.value}`;
    return this.overviews.get(workspaceId, key, async () => JSON.stringify(await this.overview(workspaceId)));
  }

  /**
   * The compliance lead's page. Served from stored scores (refreshed when older than a few
   * minutes) so it stays fast with a million findings.
   */
  async overview(workspaceId: string): Promise<Overview> {
    const [frameworks, controls, connections, regressions, pendingExceptions, lastCollectedAt] = await Promise.all([
      this.frameworks.list(workspaceId),
      this.controls.all(workspaceId),
      this.connections.list(workspaceId),
      this.controls.regressions(workspaceId),
      this.exceptions.countPending(workspaceId),
      this.findings.lastCollectedAt(workspaceId),
    ]);
    const workspace = await this.workspaces.require(workspaceId);
    const controlCounts = Object.fromEntries(CONTROL_STATUSES.map((s) => [s, 0])) as Record<ControlStatus, number>;
    for (const c of controls) controlCounts[c.status] += 1;
    const lastRun =
      connections
        .map((c) => c.lastRun)
        .filter((r) => r !== null)
        .sort((a, b) => b.queuedAt.localeCompare(a.queuedAt))[0] ?? null;
    const evidence = controls.flatMap((c) => c.evidence);
    return {
      workspace: toWorkspaceView(workspace),
      frameworks: frameworks.filter((f) => f.enabled),
      controlCounts,
      findingCounts: { ...ZERO, ...workspace.findingCounts },
      connections,
      lastRun,
      lastCollectedAt: lastCollectedAt?.toISOString() ?? null,
      regressions,
      unownedControls: controls.filter((c) => c.owner === null).length,
      evidenceOverdue: evidence.filter((e) => e.state === 'overdue').length,
      evidenceDueSoon: evidence.filter((e) => e.state === 'due_soon').length,
      pendingExceptions,
      scoredAt: workspace.scoredAt?.toISOString() ?? null,
    };
  }
}
