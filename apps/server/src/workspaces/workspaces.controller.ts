import { createWorkspaceBody, idParam } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { toWorkspaceView, WorkspacesService } from './workspaces.service';

@Controller('api/v1/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Get()
  async list() {
    return { items: await this.workspaces.list() };
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown) {
    return toWorkspaceView(await this.workspaces.create(parseInput(createWorkspaceBody, body)));
  }

  @Get(':ws')
  async get(@Param('ws') ws: string) {
    return toWorkspaceView(await this.workspaces.require(parseInput(idParam, ws, 'workspaceId')));
  }
}
