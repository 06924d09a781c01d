import { createConnectionBody, idParam, updateConnectionBody } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { RunsService } from '../runs/runs.service';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { ConnectionsService } from './connections.service';

@Controller('api/v1/workspaces/:ws/connections')
export class ConnectionsController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly connections: ConnectionsService,
    private readonly runs: RunsService,
  ) {}

  @Get()
  async list(@Param('ws') ws: string) {
    return { items: await this.connections.list(await this.scope.resolve(ws)) };
  }

  @Post()
  @HttpCode(201)
  async create(@Param('ws') ws: string, @Body() body: unknown) {
    return this.connections.create(await this.scope.resolve(ws), parseInput(createConnectionBody, body));
  }

  @Get(':id')
  async get(@Param('ws') ws: string, @Param('id') id: string) {
    return this.connections.get(await this.scope.resolve(ws), parseInput(idParam, id, 'connectionId'));
  }

  @Patch(':id')
  async update(@Param('ws') ws: string, @Param('id') id: string, @Body() body: unknown) {
    return this.connections.update(await this.scope.resolve(ws), parseInput(idParam, id, 'connectionId'), parseInput(updateConnectionBody, body));
  }

  @Post(':id/validate')
  @HttpCode(200)
  async validate(@Param('ws') ws: string, @Param('id') id: string) {
    return this.connections.validate(await this.scope.resolve(ws), parseInput(idParam, id, 'connectionId'));
  }

  @Post(':id/runs')
  @HttpCode(202)
  async runNow(@Param('ws') ws: string, @Param('id') id: string) {
    return this.runs.request(await this.scope.resolve(ws), parseInput(idParam, id, 'connectionId'), 'manual');
  }

  @Get(':id/runs')
  async runList(@Param('ws') ws: string, @Param('id') id: string) {
    return { items: await this.runs.list(await this.scope.resolve(ws), parseInput(idParam, id, 'connectionId')) };
  }
}
