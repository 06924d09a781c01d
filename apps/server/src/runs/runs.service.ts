import type { Run } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { ConnectionRepository } from '../connections/connection.repository';
import type { RunTrigger } from '../database/entities';
import { notFound } from '../http/problem';
import { JobQueue } from '../queue/job-queue.adapter';
import { RunRepository } from './run.repository';
import { toRunView } from './run-views';

@Injectable()
export class RunsService {
  constructor(
    private readonly runs: RunRepository,
    private readonly connections: ConnectionRepository,
    private readonly queue: JobQueue,
  ) {}

  /**
   * Queues a run of a connection. If one is already waiting, that run is returned instead of a
   * second one: "run now" pressed twice, or a tick during a run, never stacks up duplicates.
   */
  async request(workspaceId: string, connectionId: string, trigger: RunTrigger): Promise<Run> {
    const connection = await this.connections.get(workspaceId, connectionId);
    if (!connection) throw notFound('connection', connectionId);
    const live = await this.runs.findLive(workspaceId, connectionId);
    if (live?.state === 'queued') return toRunView(live);
    const run = await this.runs.createQueued(workspaceId, connectionId, trigger);
    const accepted = await this.queue.enqueue({ workspaceId, connectionId, runId: run.id });
    if (accepted) return toRunView(run);
    await this.runs.delete(run.id);
    const waiting = await this.runs.findLive(workspaceId, connectionId);
    if (!waiting) throw new Error('queue refused the run but no live run exists');
    return toRunView(waiting);
  }

  async get(workspaceId: string, runId: string): Promise<Run> {
    const run = await this.runs.get(workspaceId, runId);
    if (!run) throw notFound('run', runId);
    return toRunView(run);
  }

  async list(workspaceId: string, connectionId: string, limit = 20): Promise<Run[]> {
    const connection = await this.connections.get(workspaceId, connectionId);
    if (!connection) throw notFound('connection', connectionId);
    return (await this.runs.listForConnection(workspaceId, connectionId, limit)).map(toRunView);
  }
}
