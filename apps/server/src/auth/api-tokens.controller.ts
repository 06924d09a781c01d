import { createTokenBody, idParam } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { ApiTokensService } from './api-tokens.service';
import { CurrentActor, type RequestActor } from './principal';

@Controller('api/v1/workspaces/:ws/tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  async list(@CurrentActor() actor: RequestActor) {
    return { items: await this.tokens.list(actor.workspaceId) };
  }

  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: RequestActor, @Body() body: unknown) {
    return this.tokens.create(actor.workspaceId, actor, parseInput(createTokenBody, body));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  async revoke(@CurrentActor() actor: RequestActor, @Param('id') id: string) {
    return this.tokens.revoke(actor.workspaceId, parseInput(idParam, id, 'tokenId'));
  }
}
