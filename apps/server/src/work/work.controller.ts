import { CurrentActor, type RequestActor } from '../auth/principal';
import { idParam, slaSchema } from '@astrolabe/api-contract';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { WorkService } from './work.service';

@Controller('api/v1/workspaces/:ws')
export class WorkController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly work: WorkService,
  ) {}

  @Get('settings/sla')
  async sla(@Param('ws') ws: string) {
    return this.work.sla(await this.scope.resolve(ws));
  }

  @Put('settings/sla')
  async setSla(@Param('ws') ws: string, @CurrentActor() actor: RequestActor, @Body() body: unknown) {
    return this.work.setSla(await this.scope.resolve(ws), actor, parseInput(slaSchema, body));
  }

  @Get('sla/overdue')
  async overdue(@Param('ws') ws: string) {
    return { items: await this.work.overdueByOwner(await this.scope.resolve(ws)) };
  }

  @Get('members/:id/work')
  async myWork(@Param('ws') ws: string, @Param('id') id: string) {
    return this.work.myWork(await this.scope.resolve(ws), parseInput(idParam, id, 'memberId'));
  }
}
