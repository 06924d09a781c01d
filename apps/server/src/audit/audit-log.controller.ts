import { auditCsvQuery, auditLogQuery } from '@astrolabe/api-contract';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { parseInput } from '../http/problem';
import { LOGGER } from '../logging/logger';
import { Clock } from '../platform/clock.adapter';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { auditCsvHeader, auditCsvRow } from './audit-csv';
import { AuditLogService } from './audit-log.service';

@Controller('api/v1/workspaces/:ws')
export class AuditLogController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly workspaces: WorkspacesService,
    private readonly audit: AuditLogService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get('audit-log')
  async list(@Param('ws') ws: string, @Query() query: unknown) {
    return this.audit.page(await this.scope.resolve(ws), parseInput(auditLogQuery, query));
  }

  @Get('audit-log/verify')
  async verify(@Param('ws') ws: string) {
    return this.audit.verify(await this.scope.resolve(ws));
  }

  /**
   * Every row matching the filters, oldest first, as RFC 4180 CSV. Streamed batch by batch with
   * back-pressure, so an export of millions of rows holds one batch in memory.
   */
  @Get('audit-log.csv')
  async csv(@Param('ws') ws: string, @Query() query: unknown, @Res() res: Response): Promise<void> {
    const workspaceId = await this.scope.resolve(ws);
    const filters = parseInput(auditCsvQuery, query);
    const { slug } = await this.workspaces.require(workspaceId);
    const day = this.clock.now().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
    res.setHeader('Content-Disposition', `attachment; filename="audit-log-${slug}-${day}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    // Waits for the socket to take more, or for the client to go away (then nothing will drain).
    const write = async (text: string) => {
      if (res.write(text)) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    };
    try {
      await write(auditCsvHeader());
      for await (const batch of this.audit.rows(workspaceId, filters)) {
        if (res.destroyed) return;
        await write(batch.map(auditCsvRow).join(''));
      }
      res.end();
    } catch (err) {
      // Headers are gone: the only honest signal left is a cut connection (no truncated file posing as complete).
      this.logger.error({ err, workspaceId }, 'audit log export failed');
      res.destroy();
    }
  }
}
