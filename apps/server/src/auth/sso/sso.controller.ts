import { ssoConfigBody } from '@astrolabe/api-contract';
import { Body, Controller, Delete, Get, HttpCode, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseInput } from '../../http/problem';
import { CurrentActor, type RequestActor } from '../principal';
import { SsoService } from './sso.service';

/** A workspace's single sign-on settings (owners and admins: permission sso.manage). */
@Controller('api/v1/workspaces/:ws/sso')
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  /** The settings, or JSON `null` when SSO is off (Nest would send an empty body for a returned null). */
  @Get()
  async get(@Req() req: Request, @Res() res: Response, @CurrentActor() actor: RequestActor): Promise<void> {
    res.json(await this.sso.get(req, actor.workspaceId));
  }

  @Put()
  async update(@Req() req: Request, @CurrentActor() actor: RequestActor, @Body() body: unknown) {
    return this.sso.update(req, actor.workspaceId, parseInput(ssoConfigBody, body));
  }

  @Delete()
  @HttpCode(204)
  async remove(@CurrentActor() actor: RequestActor): Promise<void> {
    await this.sso.remove(actor.workspaceId);
  }
}
