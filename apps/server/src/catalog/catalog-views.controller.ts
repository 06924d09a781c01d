import { Controller, Get, Header, Param } from '@nestjs/common';
import { z } from 'zod';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { CatalogViewsService } from './catalog-views.service';

const textParam = z.string().min(1).max(200);

/** A workspace's overview and checks with finding counts. */
@Controller('api/v1/workspaces/:ws')
export class CatalogViewsController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly views: CatalogViewsService,
  ) {}

  @Get('overview')
  @Header('content-type', 'application/json; charset=utf-8')
  async overview(@Param('ws') ws: string): Promise<string> {
    return this.views.overviewJson(await this.scope.resolve(ws));
  }

  @Get('checks')
  async checkList(@Param('ws') ws: string) {
    return { items: await this.views.checks(await this.scope.resolve(ws)) };
  }

  @Get('checks/:checkId')
  async checkGet(@Param('ws') ws: string, @Param('checkId') checkId: string) {
    return this.views.check(await this.scope.resolve(ws), parseInput(textParam, checkId, 'checkId'));
  }
}
