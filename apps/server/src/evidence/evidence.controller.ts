import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';
import { notFound, parseInput } from '../http/problem';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';
import { EvidenceRepository } from './evidence.repository';

const hashParam = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');

/** Raw evidence by content hash: how an auditor traces a finding to what the connector saw. */
@Controller('api/v1/workspaces/:ws/evidence')
export class EvidenceController {
  constructor(
    private readonly scope: WorkspaceScope,
    private readonly evidence: EvidenceRepository,
  ) {}

  @Get(':hash')
  async get(@Param('ws') ws: string, @Param('hash') hash: string) {
    const workspaceId = await this.scope.resolve(ws);
    const h = parseInput(hashParam, hash, 'hash');
    const found = await this.evidence.get(workspaceId, h);
    if (!found) throw notFound('evidence item', h);
    return { hash: found.blob.hash, kind: found.blob.kind, resourceId: found.resourceId ?? '', data: found.blob.canonical, firstObservedAt: found.blob.firstObservedAt.toISOString() };
  }
}
