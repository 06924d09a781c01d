import { acceptInvitationBody, createInvitationBody, idParam, invitationTokenQuery } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseInput } from '../http/problem';
import { InvitationsService } from './invitations.service';
import { CurrentActor, type RequestActor } from './principal';

@Controller('api/v1/workspaces/:ws/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  async list(@CurrentActor() actor: RequestActor) {
    return { items: await this.invitations.list(actor.workspaceId) };
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: Request, @CurrentActor() actor: RequestActor, @Body() body: unknown) {
    return this.invitations.create(req, actor.workspaceId, actor, parseInput(createInvitationBody, body));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  async revoke(@CurrentActor() actor: RequestActor, @Param('id') id: string) {
    return this.invitations.revoke(actor.workspaceId, parseInput(idParam, id, 'invitationId'));
  }
}

/** The invitee's side: no session yet, the link's secret is the credential. */
@Controller('api/v1/invitations')
export class InvitationAcceptController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('preview')
  async preview(@Query() query: unknown) {
    return this.invitations.preview(parseInput(invitationTokenQuery, query).token);
  }

  @Post('accept')
  @HttpCode(200)
  async accept(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    return this.invitations.accept(req, res, parseInput(acceptInvitationBody, body));
  }
}
