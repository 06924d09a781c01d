import { CurrentActor, type RequestActor } from '../auth/principal';
import { controlsQuery, createControlBody, regressionsQuery, updateControlBody } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { ControlsService } from './controls.service';

const controlIdParam = z.string().min(1).max(80);

@Controller('api/v1/workspaces/:ws')
export class ControlsController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly controls: ControlsService,
  ) {}

  @Get('controls')
  async list(@Param('ws') ws: string, @Query() query: unknown) {
    return this.controls.list(await this.scope.resolve(ws), parseInput(controlsQuery, query));
  }

  @Post('controls')
  @HttpCode(201)
  async create(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Body() body: unknown) {
    return this.controls.create(await this.scope.resolve(ws), actor, parseInput(createControlBody, body));
  }

  @Get('controls/:controlId')
  async get(@Param('ws') ws: string, @Param('controlId') controlId: string) {
    return this.controls.detail(await this.scope.resolve(ws), parseInput(controlIdParam, controlId, 'controlId'));
  }

  @Patch('controls/:controlId')
  async update(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Param('controlId') controlId: string, @Body() body: unknown) {
    return this.controls.update(await this.scope.resolve(ws), actor, parseInput(controlIdParam, controlId, 'controlId'), parseInput(updateControlBody, body));
  }

  @Get('regressions')
  async regressions(@Param('ws') ws: string, @Query() query: unknown) {
    const { since } = parseInput(regressionsQuery, query);
    return { items: await this.controls.regressions(await this.scope.resolve(ws), since) };
  }
}
