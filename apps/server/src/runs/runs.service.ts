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
    // Two tries: the queued run we collided with may be claimed by a worker before we read it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const run = await this.runs.createQueued(workspaceId, connectionId, trigger);
      if (run) {
        await this.queue.enqueue({ workspaceId, connectionId, runId: run.id });
        return toRunView(run);
      }
      const waiting = await this.runs.findQueued(workspaceId, connectionId);
      if (waiting) return toRunView(waiting);
    }
    throw new Error(`could not queue a run for connection ${connectionId}`);
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
