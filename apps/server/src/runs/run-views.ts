import type { Connection, Run } from '@astrolabe/api-contract';
import type { CollectionRunEntity, ConnectionEntity } from '../database/entities';

export function toRunView(run: CollectionRunEntity): Run {
  return {
    id: run.id,
    connectionId: run.connectionId,
    state: run.state,
    trigger: run.trigger,
    attempt: run.attempt,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    progress: run.progress,
    kinds: run.kinds,
    error: run.error,
    findingCounts: run.findingCounts,
    usage: run.usage,
  };
}

export function connectionHealth(lastFinished: CollectionRunEntity | undefined): Connection['health'] {
  if (!lastFinished) return 'never_run';
  if (lastFinished.state === 'succeeded') return 'healthy';
  if (lastFinished.state === 'partial') return 'degraded';
  return 'failing';
}

export function toConnectionView(c: ConnectionEntity, lastRun: CollectionRunEntity | undefined, lastFinished: CollectionRunEntity | undefined): Connection {
  return {
    id: c.id,
    workspaceId: c.workspaceId,
    connectorId: c.connectorId,
    name: c.name,
    config: c.config,
    hasSecret: c.secretSealed !== null,
    schedule: c.schedule,
    enabled: c.enabled,
    scope: c.scope,
    createdAt: c.createdAt.toISOString(),
    lastRun: lastRun ? toRunView(lastRun) : null,
    health: connectionHealth(lastFinished),
  };
}
