import { createWorkspaceBody } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { MembershipRepository } from '../auth/membership.repository';
import { CurrentActor, CurrentPrincipal, type Principal, type RequestActor } from '../auth/principal';
import { forbidden, parseInput } from '../http/problem';
import { WorkspaceScope } from './workspace-scope.service';
import { toWorkspaceView, WorkspacesService } from './workspaces.service';

@Controller('api/v1/workspaces')
export class WorkspacesController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly memberships: MembershipRepository,
    private readonly scope: WorkspaceScope,
  ) {}

  /** The workspaces the caller belongs to: a person's memberships, a token's one workspace. */
  @Get()
  async list(@CurrentPrincipal() principal: Principal) {
    if (principal.kind === 'token') return { items: [toWorkspaceView(await this.workspaces.require(await this.scope.resolve(principal.workspaceId)))] };
    const memberships = await this.memberships.ofUser(principal.user.id, principal.confinedTo);
    return {
      items: memberships.map((m) => ({ id: m.workspaceId, slug: m.workspaceSlug, name: m.workspaceName, demo: m.workspaceDemo, createdAt: m.workspaceCreatedAt.toISOString() })),
    };
  }

  /** Anyone signed in may start a workspace, and owns it. Tokens act inside their workspace only. */
  @Post()
  @HttpCode(201)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    if (principal.kind !== 'session') throw forbidden('An API token acts inside its own workspace; sign in to create a workspace.');
    if (principal.confinedTo !== null) throw forbidden('A single sign-on session acts only in the workspace that signed you in; sign in with your password to create a workspace.');
    const input = parseInput(createWorkspaceBody, body);
    const { user } = principal;
    return toWorkspaceView(await this.workspaces.create({ ...input, owner: { displayName: user.displayName, email: user.email, userId: user.id } }));
  }

  @Get(':ws')
  async get(@Param('ws') _ws: string, @CurrentActor() actor: RequestActor) {
    return toWorkspaceView(await this.workspaces.require(actor.workspaceId));
  }
}
