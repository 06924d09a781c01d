import { ACTOR_HEADER, createMemberBody, idParam, updateMemberBody } from '@astrolabe/api-contract';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
  async create(@Param('ws') ws: string, @Headers(ACTOR_HEADER) actor: string | undefined, @Body() body: unknown) {
    return this.members.create(await this.scope.resolve(ws), actor, parseInput(createMemberBody, body));
  }

  @Get(':id')
  async get(@Param('ws') ws: string, @Param('id') id: string) {
    return toMemberView(await this.members.require(await this.scope.resolve(ws), parseInput(idParam, id, 'memberId')));
  }

  @Patch(':id')
  async update(@Param('ws') ws: string, @Headers(ACTOR_HEADER) actor: string | undefined, @Param('id') id: string, @Body() body: unknown) {
    const { role } = parseInput(updateMemberBody, body);
    return this.members.updateRole(await this.scope.resolve(ws), actor, parseInput(idParam, id, 'memberId'), role);
  }
}
