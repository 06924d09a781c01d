import type { FindingView } from '@astrolabe/api-contract';
import type { FindingStatus } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import { badRequest } from '../http/problem';
import { Clock } from '../platform/clock.adapter';
import { RegistryRef } from '../platform/registry.provider';
import { FindingRepository, type StoredFinding } from './finding.repository';

export interface FindingsQuery {
  status?: FindingStatus;
  checkId?: string;
  resource?: string;
  controlId?: string;
  connectionId?: string;
  cursor?: string;
  limit: number;
}

const encodeCursor = (id: string) => Buffer.from(JSON.stringify({ id }), 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed && 'id' in parsed && typeof parsed.id === 'string' && /^\d{1,18}$/.test(parsed.id)) return parsed.id;
  } catch {
    // fall through to the 400 below
  }
  throw badRequest([{ field: 'cursor', message: 'not a cursor returned by this API' }]);
}

@Injectable()
export class FindingsService {
  constructor(
    private readonly findings: FindingRepository,
    private readonly registryRef: RegistryRef,
    private readonly clock: Clock,
  ) {}

  async page(workspaceId: string, q: FindingsQuery): Promise<{ items: FindingView[]; nextCursor: string | null }> {
    const { registry } = this.registryRef;
    let checkIds: string[] | undefined;
    if (q.controlId) {
      const control = registry.catalog.getControl(q.controlId);
      if (!control) throw badRequest([{ field: 'controlId', message: `unknown control "${q.controlId}"` }]);
      checkIds = [...control.checkIds];
    }
    if (q.checkId) checkIds = checkIds ? checkIds.filter((id) => id === q.checkId) : [q.checkId];
    const rows = await this.findings.page(
      workspaceId,
      { status: q.status, checkIds, resource: q.resource, connectionId: q.connectionId, afterId: q.cursor ? decodeCursor(q.cursor) : undefined, limit: q.limit + 1 },
      this.clock.now(),
    );
    const items = rows.slice(0, q.limit).map((r) => this.toView(r));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
  }

  private toView(r: StoredFinding): FindingView {
    const check = this.registryRef.registry.check(r.checkId);
    return {
      id: r.id,
      checkId: r.checkId,
      checkTitle: check?.metadata.title ?? r.checkId,
      severity: check?.metadata.severity ?? 'info',
      connectionId: r.connectionId,
      status: r.status,
      resource: { id: r.resourceId, type: r.resourceType, name: r.resourceName },
      reason: r.reason,
      evidence: r.evidenceHashes,
      controlIds: this.registryRef.registry.controlIdsForCheck(r.checkId),
      firstSeenAt: r.firstSeenAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      statusSince: r.statusSince.toISOString(),
    };
  }
}
