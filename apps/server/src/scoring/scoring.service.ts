import type { FindingStatus } from '@astrolabe/core';
import { dueSoonDaysFor, scoreControl, scoreFramework, type ControlScore as LibControlScore } from '@astrolabe/frameworks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ControlEntity, StoredEvidenceState, StoredFindingCounts } from '../database/entities';
import { SystemDb } from '../database/system-db';
import { ExceptionRepository } from '../exceptions/exception.repository';
import { FindingRepository, type CountsByCheck } from '../findings/finding.repository';
import { ManualEvidenceRepository, type LatestEvidence } from '../manual-evidence/manual-evidence.repository';
import { RegistryRef } from '../platform/registry.provider';
import { TenantContext } from '../platform/tenant-context';
import { FrameworkProgramRepository } from '../program/framework-program.repository';
import { ControlRepository, type ControlStatusUpdate } from './control.repository';

export type ControlScore = ControlStatusUpdate;

const ZERO: StoredFindingCounts = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
const FINDING_KEYS: readonly FindingStatus[] = ['pass', 'fail', 'unknown', 'not_applicable'];

/** An effective date is a calendar day: the evidence counts from the start of that day, UTC. */
const startOfDay = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);

/**
 * Derives control statuses (DESIGN.md "Scoring") from the workspace's current findings, manual
 * evidence and exceptions, and stores them with the daily history. Reads serve the stored
 * scores; `ensureFresh` re-scores when they are older than a few minutes, so evidence ageing past
 * its window is noticed even when no scheduler runs.
 */
@Injectable()
export class ScoringService {
  /** Stored scores older than this are recomputed on read (the scheduler re-scores every 5 minutes). */
  static readonly MAX_SCORE_AGE_MS = 10 * 60_000;

  /** One freshness re-score per workspace at a time in this process; later callers share it. */
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(
    private readonly ds: DataSource,
    private readonly findings: FindingRepository,
    private readonly controls: ControlRepository,
    private readonly evidence: ManualEvidenceRepository,
    private readonly exceptions: ExceptionRepository,
    private readonly program: FrameworkProgramRepository,
    private readonly registryRef: RegistryRef,
    private readonly system: SystemDb,
    private readonly tenant: TenantContext,
  ) {}

  /**
   * Re-scores every workspace: evidence ages, exceptions expire, and the history needs a row even
   * on quiet days. The list comes from SystemDb; each workspace is scored in its own context.
   */
  async recomputeAll(now: Date): Promise<void> {
    for (const id of await this.system.workspaceIds()) await this.tenant.run(id, () => this.ds.transaction((manager) => this.recompute(manager, id, now)));
  }

  /**
   * Re-scores when the stored scores are missing, older than MAX_SCORE_AGE_MS, or from the
   * "future" of a rewound clock. Returns when the scores were computed. Concurrent callers in this
   * process share one re-score, and a re-score that finds another process already refreshed them
   * (checked under the workspace lock) does nothing: a burst of reads never queues a pile of
   * recomputes on the connection pool.
   */
  async ensureFresh(workspaceId: string, now: Date): Promise<Date | null> {
    const at = await this.scoredAt(this.ds, workspaceId);
    if (isFresh(at, now)) return at;
    let pending = this.refreshing.get(workspaceId);
    if (!pending) {
      pending = this.ds
        .transaction(async (manager) => {
          await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`scoring:${workspaceId}`]);
          if (isFresh(await this.scoredAt(manager, workspaceId), now)) return;
          await this.recompute(manager, workspaceId, now);
        })
        .finally(() => this.refreshing.delete(workspaceId));
      this.refreshing.set(workspaceId, pending);
    }
    await pending;
    return this.scoredAt(this.ds, workspaceId);
  }

  private async scoredAt(db: EntityManager | DataSource, workspaceId: string): Promise<Date | null> {
    const rows: { scored_at: Date | null }[] = await db.query('SELECT scored_at FROM workspace WHERE id = $1', [workspaceId]);
    return rows[0]?.scored_at ?? null;
  }

  /**
   * Stores current statuses, today's history rows (controls and frameworks) and expiry events.
   * Serialized per workspace: two commits scoring at once could otherwise write counts read
   * before the other's findings landed.
   */
  async recompute(manager: EntityManager, workspaceId: string, now: Date): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`scoring:${workspaceId}`]);
    await this.exceptions.recordExpiries(manager, workspaceId, now);
    const { updates, byCheck } = await this.scoreWith(manager, workspaceId, now);
    await this.controls.saveStatuses(manager, workspaceId, updates, now);

    const statuses = Object.fromEntries(updates.map((u) => [u.id, u.status]));
    // Sequential on purpose: a transaction is one connection, which runs one query at a time.
    const enabled = await this.program.enabled(workspaceId, manager);
    const outOfScope = await this.program.outOfScope(workspaceId, manager);
    const mappings = await this.program.mappings(workspaceId, manager);
    const frameworkScores = this.registryRef.registry.catalog.frameworks
      .filter((f) => enabled.has(f.id))
      .map((f) => {
        const score = scoreFramework(f, statuses, {
          outOfScope: new Set(outOfScope.filter((s) => s.frameworkId === f.id).map((s) => s.requirementId)),
          extraMappings: groupMappings(mappings.filter((m) => m.frameworkId === f.id)),
        });
        return { frameworkId: f.id, percent: score.readiness.percent, counts: score.readiness };
      });
    await this.program.saveFrameworkDay(manager, workspaceId, now, frameworkScores);

    const totals = { ...ZERO };
    for (const c of byCheck.values()) for (const k of FINDING_KEYS) totals[k] += c[k];
    // Excepted failures are still failing findings on the resource: the totals show them as fail.
    for (const c of byCheck.values()) totals.fail += c.excepted;
    await manager.query('UPDATE workspace SET scored_at = $2, finding_counts = $3::jsonb WHERE id = $1', [workspaceId, now, JSON.stringify(totals)]);
  }

  /** Statuses as of `now`, without writing. */
  async score(manager: EntityManager | DataSource, workspaceId: string, now: Date): Promise<ControlScore[]> {
    return (await this.scoreWith(manager, workspaceId, now)).updates;
  }

  private async scoreWith(manager: EntityManager | DataSource, workspaceId: string, now: Date): Promise<{ updates: ControlScore[]; byCheck: CountsByCheck }> {
    // Sequential: `manager` is usually a transaction, i.e. a single connection.
    const byCheck = await this.findings.countsByCheck(manager, workspaceId, now);
    const controls = await this.controls.list(workspaceId, manager);
    const latest = await this.evidence.latest(manager, workspaceId);
    const controlExceptions = await this.exceptions.liveControlExceptions(manager, workspaceId, now);
    const latestByKey = new Map(latest.map((l) => [`${l.controlId}\u0000${l.requirementId}`, l]));
    const updates = controls.map((control) => scoreOne(control, byCheck, latestByKey, controlExceptions.get(control.id) ?? null, now));
    return { updates, byCheck };
  }
}

function scoreOne(control: ControlEntity, byCheck: CountsByCheck, latest: ReadonlyMap<string, LatestEvidence>, exceptionExpiry: Date | null, now: Date): ControlScore {
  const items = control.manualEvidence.map((req) => {
    const newest = latest.get(`${control.id}\u0000${req.id}`) ?? null;
    return { req, newest };
  });
  const result: LibControlScore = scoreControl({
    automation: control.automation,
    checkIds: control.checkIds,
    findingCounts: Object.fromEntries(byCheck),
    manualEvidence: items.map(({ req, newest }) => ({
      id: req.id,
      title: req.title,
      cadenceDays: req.cadenceDays,
      dueSoonDays: dueSoonDaysFor(req),
      latestEffectiveAt: newest ? startOfDay(newest.effectiveOn) : null,
    })),
    controlException: exceptionExpiry ? { expiresAt: exceptionExpiry } : null,
    now,
  });
  const counts = { ...ZERO };
  for (const checkId of control.checkIds) {
    const c = byCheck.get(checkId);
    if (!c) continue;
    for (const k of FINDING_KEYS) counts[k] += c[k];
    counts.fail += c.excepted;
  }
  const evidence: StoredEvidenceState[] = result.evidence.map((e, i) => {
    const newest = items[i]?.newest ?? null;
    return {
      id: e.id,
      state: e.state,
      dueAt: e.dueAt?.toISOString() ?? null,
      latest: newest ? { id: newest.id, effectiveOn: newest.effectiveOn, uploadedAt: newest.uploadedAt.toISOString() } : null,
    };
  });
  return { id: control.id, status: result.status, reason: result.reason, counts, evidence };
}

function isFresh(scoredAt: Date | null, now: Date): boolean {
  if (!scoredAt) return false;
  const age = now.getTime() - scoredAt.getTime();
  return age >= 0 && age < ScoringService.MAX_SCORE_AGE_MS;
}

function groupMappings(mappings: readonly { requirementId: string; controlId: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of mappings) out.set(m.requirementId, [...(out.get(m.requirementId) ?? []), m.controlId]);
  return out;
}
