import { demoLoginBody, loginBody } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { forbidden, notFound, parseInput } from '../http/problem';
import { DEMO_MEMBERS } from '../demo/demo-program';
import { MembershipRepository } from './membership.repository';

const DEMO_PERSONA_EMAILS = DEMO_MEMBERS.map((m) => m.email);
import { CurrentPrincipal, type Principal } from './principal';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { UserRepository } from './user.repository';

@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly sessions: SessionService,
    private readonly memberships: MembershipRepository,
    private readonly users: UserRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('options')
  async options() {
    const demo = this.config.demo ? await this.memberships.demoPersonas(DEMO_PERSONA_EMAILS) : null;
    return {
      password: true,
      demo: demo && { workspaceId: demo.workspaceId, workspaceName: demo.workspaceName, members: demo.members.map((m) => ({ id: m.id, displayName: m.displayName, role: m.role })) },
    };
  }

  @Post('login')
  @HttpCode(200)
  async login(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const { email, password } = parseInput(loginBody, body);
    return this.signIn.withPassword(req, res, email, password);
  }

  /** Demo mode only (npm start): become one of the demo personas, to see the product as each role does. */
  @Post('demo')
  @HttpCode(200)
  async demo(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: unknown) {
    const { memberId } = parseInput(demoLoginBody, body);
    if (!this.config.demo) throw forbidden('Demo sign-in exists only in demo mode (npm start).');
    const persona = (await this.memberships.demoPersonas(DEMO_PERSONA_EMAILS))?.members.find((m) => m.id === memberId);
    if (!persona) throw notFound('demo member', memberId);
    const user = await this.users.get(persona.userId);
    if (!user) throw notFound('demo member', memberId);
    return this.signIn.start(req, res, user, 'demo');
  }

  @Get('session')
  async session(@CurrentPrincipal() principal: Principal) {
    return this.signIn.current(principal);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.end(req, res);
  }

  @Post('logout-all')
  @HttpCode(200)
  async logoutAll(@Req() req: Request, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() principal: Principal) {
    if (principal.kind !== 'session') throw forbidden('Log out everywhere ends browser sessions; revoke an API token under Access → API tokens.');
    return { ended: await this.sessions.endAll(req, res, principal.user) };
  }
}
