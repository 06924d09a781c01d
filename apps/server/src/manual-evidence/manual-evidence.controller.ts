import { CurrentActor, type RequestActor } from '../auth/principal';
import { idParam, manualEvidenceFields } from '@astrolabe/api-contract';
import { Body, Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { z } from 'zod';
import { parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { MAX_EVIDENCE_FILE_BYTES, ManualEvidenceService, type UploadedFileLike } from './manual-evidence.service';

const controlIdParam = z.string().min(1).max(80);

@Controller('api/v1/workspaces/:ws/controls/:controlId/evidence')
export class ManualEvidenceController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly evidence: ManualEvidenceService,
  ) {}

  @Get()
  async list(@Param('ws') ws: string, @Param('controlId') controlId: string) {
    return { items: await this.evidence.list(await this.scope.resolve(ws), parseInput(controlIdParam, controlId, 'controlId')) };
  }

  /** multipart/form-data (fields + "file") for uploads, or JSON with a url for links. */
  @Post()
  @HttpCode(201)
  // One file of at most 25 MB and a few short fields (the longest, note and url, take 2,000
  // characters): anything larger is a 413 before it is buffered in memory.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_EVIDENCE_FILE_BYTES, files: 1, fields: 10, parts: 11, fieldSize: 16 * 1024, fieldNameSize: 100 } }))
  async add(
    @Param('ws') ws: string,
    @CurrentActor() actor: RequestActor,
    @Param('controlId') controlId: string,
    @Body() body: unknown,
    @UploadedFile() file: UploadedFileLike | undefined,
  ) {
    const fields = parseInput(manualEvidenceFields, body ?? {});
    return this.evidence.add(await this.scope.resolve(ws), actor, parseInput(controlIdParam, controlId, 'controlId'), fields, file);
  }

  @Get(':evidenceId/file')
  async download(@Param('ws') ws: string, @Param('controlId') controlId: string, @Param('evidenceId') evidenceId: string, @Res() res: Response) {
    const { name, content } = await this.evidence.file(await this.scope.resolve(ws), parseInput(controlIdParam, controlId, 'controlId'), parseInput(idParam, evidenceId, 'evidenceId'));
    // Always a download, never rendered: an uploaded HTML or SVG must not run in the console's origin.
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(content);
  }
}
