import { idParam } from '@astrolabe/api-contract';
import { Controller, Get, Param } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { RunsService } from './runs.service';

@Controller('api/v1/workspaces/:ws/runs')
export class RunsController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly runs: RunsService,
  ) {}

  @Get(':runId')
  async get(@Param('ws') ws: string, @Param('runId') runId: string) {
    return this.runs.get(await this.scope.resolve(ws), parseInput(idParam, runId, 'runId'));
  }
}
