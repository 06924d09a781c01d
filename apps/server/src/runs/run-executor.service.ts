import { createEvidenceSet, evaluateChecks, type Finding, type FindingStatus, type ResourceRef, type RunState } from '@astrolabe/core';
import { runCollection, type CollectionResult } from '@astrolabe/evidence';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditJson } from '../audit/audit-log.repository';
import { AuditTrail } from '../audit/audit-trail.service';
import { ConnectionSecrets } from '../connections/connection-secrets.service';
import { ConnectionRepository } from '../connections/connection.repository';
import type { ConnectionEntity, StoredFindingCounts } from '../database/entities';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { FindingRepository } from '../findings/finding.repository';
import { LOGGER } from '../logging/logger';
import { Clock } from '../platform/clock.adapter';
import { RegistryRef } from '../platform/registry.provider';
import { JobQueue, type CollectJobContext } from '../queue/job-queue.adapter';
import { ScoringService } from '../scoring/scoring.service';
import { ResponseCacheRepository } from './response-cache.repository';
import { RunRepository } from './run.repository';

const PROGRESS_INTERVAL_MS = 500;
const BUSY_RETRY_SECONDS = 10;
/** A collection is cancelled after this long; the queue's job expiry is set well beyond it. */
const RUN_TIMEOUT_MS = 30 * 60_000;
const HEARTBEAT_INTERVAL_MS = 10_000;

export class RetryableRunError extends Error {}

function failedResult(code: string, message: string): CollectionResult {
  return { state: 'failed', scope: null, items: [], outcomes: {}, error: { code, message }, hint: null, usage: null };
}

/**
 * Executes one collection job: collect in memory → evaluate checks → commit evidence,
 * findings, scores and the run's final state in ONE transaction. A crash before the commit
 * leaves nothing behind but a `running` row that the reaper turns `failed`.
 */
@Injectable()
export class RunExecutor {
  constructor(
    private readonly ds: DataSource,
    private readonly runs: RunRepository,
    private readonly connections: ConnectionRepository,
    private readonly evidence: EvidenceRepository,
    private readonly findings: FindingRepository,
    private readonly scoring: ScoringService,
    private readonly secrets: ConnectionSecrets,
    private readonly registryRef: RegistryRef,
    private readonly clock: Clock,
    private readonly queue: JobQueue,
    private readonly responseCache: ResponseCacheRepository,
    private readonly audit: AuditTrail,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(job: CollectJobContext): Promise<void> {
    const { workspaceId, connectionId, runId } = job.data;
    const connection = await this.connections.get(workspaceId, connectionId);
    if (!connection) {
      this.logger.warn({ runId, connectionId }, 'job refers to a deleted connection; dropped');
      return;
    }
    const attempt = job.retryCount + 1;
    const log = this.logger.child({ runId, connectionId, connector: connection.connectorId, attempt });
    const claim = await this.runs.claim(runId, attempt, this.clock.now());
    if (claim === 'gone') {
      log.info('run is no longer queued (finished, failed or taken by another job); dropped');
      return;
    }
    if (claim === 'busy') {
      // Another run of this connection is in progress: wait for it rather than overlap.
      await this.queue.enqueue(job.data, { startAfterSeconds: BUSY_RETRY_SECONDS });
      log.info('connection busy; run deferred');
      return;
    }
    log.info('collection started');

    const lastAttempt = job.retryCount >= job.retryLimit;
    const t0 = performance.now();
    const result = await this.collect(connection, runId, log);
    const collectMs = Math.round(performance.now() - t0);
    if (result.state === 'failed' && !lastAttempt) {
      // Whole-run failures are often transient (network, throttling storm): let the queue retry with backoff.
      const message = `attempt ${attempt} failed: ${result.error?.message ?? 'collection failed'}; retrying`;
      log.warn({ error: result.error?.code }, 'collection failed; will retry');
      if (await this.runs.requeue(runId, message, this.clock.now())) throw new RetryableRunError(message);
      await this.auditFinish(undefined, connection, runId, attempt, 'failed', { errorCode: 'superseded' });
      return;
    }
    const t1 = performance.now();
    try {
      await this.commit(connection, runId, attempt, result);
    } catch (err) {
      // The transaction rolled back: nothing of this run is stored.
      const message = `the run could not be stored and was rolled back: ${err instanceof Error ? err.message : String(err)}`;
      log.error({ err }, 'run commit failed');
      if (!lastAttempt && (await this.runs.requeue(runId, `${message}; retrying`, this.clock.now()))) throw new RetryableRunError(message);
      await this.runs.markFailed(runId, message, this.clock.now());
      await this.auditFinish(undefined, connection, runId, attempt, 'failed', { errorCode: 'commit_failed' });
      return;
    }
    log.info({ state: result.state, items: result.items.length, collectMs, commitMs: Math.round(performance.now() - t1) }, 'run committed');
  }

  private async collect(connection: ConnectionEntity, runId: string, log: Logger): Promise<CollectionResult> {
    const connector = this.registryRef.registry.connector(connection.connectorId);
    if (!connector) return failedResult('unknown_connector', `connector ${connection.connectorId} is not installed`);
    // Stored settings are parsed again: defaults apply, and settings a newer connector version
    // no longer accepts fail the run with the field named instead of misbehaving.
    const config = connector.configSchema.safeParse(connection.config);
    const secret = connector.secretSchema.safeParse(this.secrets.open(connection.secretSealed));
    if (!config.success || !secret.success) {
      const fields = [...(config.success ? [] : config.error.issues.map((i) => `config.${i.path.join('.')}`)), ...(secret.success ? [] : secret.error.issues.map((i) => `secret.${i.path.join('.')}`))];
      return failedResult('invalid_settings', `the connection's settings are no longer valid (${fields.join(', ')}); edit the connection`);
    }
    let lastWrite = 0;
    let latest: { done: number; total: number; message: string | null } = { done: 0, total: 0, message: null };
    let pending: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(() => {
      pending = pending.then(() => this.runs.saveProgress(runId, latest, this.clock.now())).catch(() => undefined);
    }, HEARTBEAT_INTERVAL_MS);
    try {
      return await runCollection({
        connector,
        signal: AbortSignal.timeout(RUN_TIMEOUT_MS),
        config: config.data,
        secret: secret.data,
        now: () => this.clock.now(),
        cache: this.responseCache.forConnection(connection.workspaceId, connection.id, () => this.clock.now()),
        logger: { debug: (m, f) => log.debug(f ?? {}, m), info: (m, f) => log.info(f ?? {}, m), warn: (m, f) => log.warn(f ?? {}, m) },
        onProgress: (done, total, message) => {
          latest = { done, total, message: message ?? null };
          const t = Date.now();
          if (t - lastWrite < PROGRESS_INTERVAL_MS) return;
          lastWrite = t;
          pending = pending.then(() => this.runs.saveProgress(runId, latest, this.clock.now())).catch(() => undefined);
        },
      });
    } finally {
      clearInterval(heartbeat);
      await pending;
    }
  }

  private async commit(connection: ConnectionEntity, runId: string, attempt: number, result: CollectionResult): Promise<void> {
    const now = this.clock.now();
    const scope: ResourceRef = result.scope ?? connection.scope ?? { id: `astrolabe:connection:${connection.id}`, type: 'astrolabe:connection', name: connection.name };
    const checks = this.registryRef.registry.checksFor(connection.connectorId);
    const evidenceSet = createEvidenceSet(result.items, result.outcomes);
    // Checks that could not judge this run (evidence missing, or the check itself failed) keep
    // their resources, now `unknown`, instead of losing them as if they had been fixed.
    const unavailableChecks = new Map<string, string>();
    for (const check of checks) {
      const missing = check.metadata.reads.filter((k) => result.outcomes[k]?.status !== 'succeeded');
      if (missing.length > 0) {
        const why = missing.map((k) => result.outcomes[k]?.error?.message ?? `${k} was not collected`).join('; ');
        unavailableChecks.set(check.metadata.id, `Evidence could not be collected in the latest run: ${why}`);
      }
    }
    const findings: Finding[] = evaluateChecks(checks, evidenceSet, { now, scope }, (checkId, message) =>
      unavailableChecks.set(checkId, `The check could not evaluate the latest evidence: ${message}`),
    );

    const counts: StoredFindingCounts = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
    for (const f of findings) counts[f.status satisfies FindingStatus] += 1;
    const errorText = result.error ? [result.error.message, result.hint].filter(Boolean).join(' — ') : null;

    await this.ds.transaction(async (manager) => {
      await this.evidence.saveSnapshot(manager, connection.workspaceId, runId, result.items, now);
      await this.findings.applySnapshot(manager, {
        workspaceId: connection.workspaceId,
        connectionId: connection.id,
        runId,
        now,
        findings,
        unavailableChecks,
        coveredChecks: checks.map((c) => c.metadata.id).filter((id) => !unavailableChecks.has(id)),
      });
      if (result.scope) await this.connections.setScope(connection.workspaceId, connection.id, result.scope, manager);
      await this.scoring.recompute(manager, connection.workspaceId, now);
      // finishedAt is read after the writes so run duration includes storing, not just collecting.
      await this.runs.finish(manager, runId, { state: result.state, finishedAt: this.clock.now(), kinds: result.outcomes, error: errorText, findingCounts: counts, usage: result.usage });
      // In the run's transaction: the audit row exists exactly when the run's results do.
      await this.auditFinish(manager, connection, runId, attempt, result.state, {
        items: result.items.length,
        findings: { ...counts },
        ...(result.error && { errorCode: result.error.code }),
      });
    });
  }

  /** run.finish by the system. Outcome: succeeded → success; partial and failed → failed (details.state says which). */
  private async auditFinish(
    manager: EntityManager | undefined,
    connection: ConnectionEntity,
    runId: string,
    attempt: number,
    state: RunState,
    extra: Record<string, AuditJson>,
  ): Promise<void> {
    await this.audit.recordSystem(manager, {
      workspaceId: connection.workspaceId,
      action: 'run.finish',
      target: { type: 'run', id: runId },
      outcome: state === 'succeeded' ? 'success' : 'failed',
      details: { state, connectionId: connection.id, connectorId: connection.connectorId, attempt, ...extra },
    });
  }
}
