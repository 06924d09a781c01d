import { ssoDiscoveryQuery } from '@astrolabe/api-contract';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { parseInput } from '../../http/problem';
import { SsoService } from './sso.service';

/**
 * The browser's side of single sign-on, before anyone is signed in. start and callback are
 * navigations, not API calls: they always answer with a redirect (to the provider, the console,
 * or the sign-in page with an error code), never with JSON.
 */
@Controller('api/v1/auth/sso')
export class SsoLoginController {
  constructor(private readonly sso: SsoService) {}

  /** Which workspace, if any, signs in this email's domain (the sign-in page asks as you type). */
  @Get('discover')
  async discover(@Query() query: unknown) {
    return this.sso.discover(parseInput(ssoDiscoveryQuery, query).email);
  }

  @Get(':ws/start')
  async start(@Req() req: Request, @Res() res: Response, @Param('ws') ws: string): Promise<void> {
    redirect(res, await this.sso.start(req, res, ws));
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    redirect(res, await this.sso.finish(req, res));
  }
}

function redirect(res: Response, location: string): void {
  // Each redirect carries a one-time state or code: no cache may keep or replay it.
  res.set('Cache-Control', 'no-store');
  res.redirect(302, location);
}
