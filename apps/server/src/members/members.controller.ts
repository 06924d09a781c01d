import { CurrentActor, type RequestActor } from '../auth/principal';
import { createMemberBody, idParam, updateMemberBody } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { MembersService, toMemberView } from './members.service';

@Controller('api/v1/workspaces/:ws/members')
export class MembersController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly members: MembersService,
  ) {}

  @Get()
  async list(@Param('ws') ws: string) {
    return { items: await this.members.list(await this.scope.resolve(ws)) };
  }

  @Post()
  @HttpCode(201)
  async create(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Body() body: unknown) {
    return this.members.create(await this.scope.resolve(ws), actor, parseInput(createMemberBody, body));
  }

  @Get(':id')
  async get(@Param('ws') ws: string, @Param('id') id: string) {
    return toMemberView(await this.members.require(await this.scope.resolve(ws), parseInput(idParam, id, 'memberId')));
  }

  @Patch(':id')
  async update(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Param('id') id: string, @Body() body: unknown) {
    return this.members.update(await this.scope.resolve(ws), actor, parseInput(idParam, id, 'memberId'), parseInput(updateMemberBody, body));
  }
}
