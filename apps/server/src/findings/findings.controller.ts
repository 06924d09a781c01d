import { findingsQuery } from '@astrolabe/api-contract';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { FindingsService } from './findings.service';

@Controller('api/v1/workspaces/:ws/findings')
export class FindingsController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly findings: FindingsService,
  ) {}

  @Get()
  async list(@Param('ws') ws: string, @Query() query: unknown) {
    return this.findings.page(await this.scope.resolve(ws), parseInput(findingsQuery, query));
  }
}
