import type { FindingStatus } from '@astrolabe/core';
import { controlStatus } from '@astrolabe/frameworks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StoredFindingCounts } from '../database/entities';
import { FindingRepository } from '../findings/finding.repository';
import { ControlRepository, type ControlStatusUpdate } from './control.repository';

export type ControlScore = ControlStatusUpdate;

const ZERO: StoredFindingCounts = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };

/** Derives control statuses from the workspace's current findings (DESIGN.md "Scoring"). */
@Injectable()
export class ScoringService {
  constructor(
    private readonly ds: DataSource,
    private readonly findings: FindingRepository,
    private readonly controls: ControlRepository,
  ) {}

  /**
   * Re-scores every workspace without a new run: evidence ages past its freshness window
   * (turning verdicts unknown) and the daily history needs a row even on days nothing ran.
   */
  async recomputeAll(now: Date): Promise<void> {
    const workspaces: { id: string }[] = await this.ds.query('SELECT id FROM workspace');
    for (const w of workspaces) await this.ds.transaction((manager) => this.recompute(manager, w.id, now));
  }

  /**
   * Stores current statuses and today's history row. Serialized per workspace: two commits
   * scoring at once could otherwise write counts read before the other's findings landed.
   */
  async recompute(manager: EntityManager, workspaceId: string, now: Date): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`scoring:${workspaceId}`]);
    const updates = await this.score(manager, workspaceId, now);
    await this.controls.saveStatuses(manager, workspaceId, updates, now);
  }

  /**
   * Statuses as of `now`, from live finding counts (stale evidence counts as unknown), without
   * writing: what the API shows, so a stopped scheduler can never leave an old verdict on screen.
   */
  async score(manager: EntityManager | DataSource, workspaceId: string, now: Date): Promise<ControlScore[]> {
    const byCheck = await this.findings.countsByCheck(manager, workspaceId, now);
    const findingCounts: Record<string, Record<FindingStatus, number>> = Object.fromEntries(byCheck);
    const controls = await this.controls.list(workspaceId, manager);
    return controls.map((control) => {
      const { status, reason } = controlStatus({ checkIds: control.checkIds, findingCounts });
      const counts = { ...ZERO };
      for (const checkId of control.checkIds) {
        const c = byCheck.get(checkId);
        if (!c) continue;
        for (const s of Object.keys(counts) as FindingStatus[]) counts[s] += c[s];
      }
      return { id: control.id, status, reason, counts };
    });
  }
}
