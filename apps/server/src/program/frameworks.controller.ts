import { CurrentActor, type RequestActor } from '../auth/principal';
import { mapControlBody, requirementScopeBody, updateFrameworkBody } from '@astrolabe/api-contract';
import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { FrameworksService } from './frameworks.service';

const idText = z.string().min(1).max(80);
const historyQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(90) });

@Controller('api/v1/workspaces/:ws/frameworks')
export class FrameworksController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly frameworks: FrameworksService,
  ) {}

  @Get()
  async list(@Param('ws') ws: string) {
    return { items: await this.frameworks.list(await this.scope.resolve(ws)) };
  }

  @Get(':frameworkId')
  async get(@Param('ws') ws: string, @Param('frameworkId') frameworkId: string) {
    return this.frameworks.detail(await this.scope.resolve(ws), parseInput(idText, frameworkId, 'frameworkId'));
  }

  @Put(':frameworkId')
  async update(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Param('frameworkId') frameworkId: string, @Body() body: unknown) {
    const { enabled } = parseInput(updateFrameworkBody, body);
    return this.frameworks.setEnabled(await this.scope.resolve(ws), actor, parseInput(idText, frameworkId, 'frameworkId'), enabled);
  }

  @Get(':frameworkId/history')
  async history(@Param('ws') ws: string, @Param('frameworkId') frameworkId: string, @Query() query: unknown) {
    const { days } = parseInput(historyQuery, query);
    return this.frameworks.history(await this.scope.resolve(ws), parseInput(idText, frameworkId, 'frameworkId'), days);
  }

  @Put(':frameworkId/requirements/:requirementId/scope')
  async setScope(
    @Param('ws') ws: string,
    @CurrentActor() actor: RequestActor,
    @Param('frameworkId') frameworkId: string,
    @Param('requirementId') requirementId: string,
    @Body() body: unknown,
  ) {
    return this.frameworks.setScope(
      await this.scope.resolve(ws),
      actor,
      parseInput(idText, frameworkId, 'frameworkId'),
      parseInput(idText, requirementId, 'requirementId'),
      parseInput(requirementScopeBody, body),
    );
  }

  @Post(':frameworkId/requirements/:requirementId/controls')
  async map(
    @Param('ws') ws: string,
    @CurrentActor() actor: RequestActor,
    @Param('frameworkId') frameworkId: string,
    @Param('requirementId') requirementId: string,
    @Body() body: unknown,
  ) {
    const { controlId } = parseInput(mapControlBody, body);
    return this.frameworks.map(await this.scope.resolve(ws), actor, parseInput(idText, frameworkId, 'frameworkId'), parseInput(idText, requirementId, 'requirementId'), controlId, true);
  }

  @Delete(':frameworkId/requirements/:requirementId/controls/:controlId')
  async unmap(
    @Param('ws') ws: string,
    @CurrentActor() actor: RequestActor,
    @Param('frameworkId') frameworkId: string,
    @Param('requirementId') requirementId: string,
    @Param('controlId') controlId: string,
  ) {
    return this.frameworks.map(
      await this.scope.resolve(ws),
      actor,
      parseInput(idText, frameworkId, 'frameworkId'),
      parseInput(idText, requirementId, 'requirementId'),
      parseInput(idText, controlId, 'controlId'),
      false,
    );
  }
}
