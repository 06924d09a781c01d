import { CurrentActor, type RequestActor } from '../auth/principal';
import { createExceptionBody, exceptionDecisionBody, exceptionsQuery, idParam } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { ExceptionsService } from './exceptions.service';

@Controller('api/v1/workspaces/:ws/exceptions')
export class ExceptionsController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly exceptions: ExceptionsService,
  ) {}

  @Get()
  async list(@Param('ws') ws: string, @Query() query: unknown) {
    return this.exceptions.list(await this.scope.resolve(ws), parseInput(exceptionsQuery, query));
  }

  @Post()
  @HttpCode(201)
  async request(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Body() body: unknown) {
    return this.exceptions.request(await this.scope.resolve(ws), actor, parseInput(createExceptionBody, body));
  }

  @Get(':id')
  async get(@Param('ws') ws: string, @Param('id') id: string) {
    return this.exceptions.get(await this.scope.resolve(ws), parseInput(idParam, id, 'exceptionId'));
  }

  @Post(':id/approve')
  @HttpCode(200)
  async approve(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Param('id') id: string, @Body() body: unknown) {
    const { note } = parseInput(exceptionDecisionBody, body ?? {});
    return this.exceptions.decide(await this.scope.resolve(ws), actor, parseInput(idParam, id, 'exceptionId'), 'approved', note);
  }

  @Post(':id/reject')
  @HttpCode(200)
  async reject(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Param('id') id: string, @Body() body: unknown) {
    const { note } = parseInput(exceptionDecisionBody, body ?? {});
    return this.exceptions.decide(await this.scope.resolve(ws), actor, parseInput(idParam, id, 'exceptionId'), 'rejected', note);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  async revoke(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Param('id') id: string, @Body() body: unknown) {
    const { note } = parseInput(exceptionDecisionBody, body ?? {});
    return this.exceptions.revoke(await this.scope.resolve(ws), actor, parseInput(idParam, id, 'exceptionId'), note);
  }
}
