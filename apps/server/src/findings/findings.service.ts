import type { FindingView, SlaDays } from '@astrolabe/api-contract';
import type { FindingStatus, Severity } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import { badRequest } from '../http/problem';
import { Clock } from '../platform/clock.adapter';
import { RegistryRef } from '../platform/registry.provider';
import { ControlRepository } from '../scoring/control.repository';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { FindingRepository, type SlaByCheck, type StoredFinding } from './finding.repository';

export interface FindingsQuery {
  status?: FindingStatus;
  checkId?: string;
  resource?: string;
  controlId?: string;
  connectionId?: string;
  overdue?: boolean;
  cursor?: string;
  limit: number;
}

const DAY_MS = 86_400_000;
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
    private readonly controls: ControlRepository,
    private readonly workspaces: WorkspacesService,
    private readonly registryRef: RegistryRef,
    private readonly clock: Clock,
  ) {}

  /** The workspace SLA as a per-check deadline table (a check's severity picks the row). */
  slaByCheck(sla: SlaDays, checkIds?: readonly string[]): SlaByCheck {
    const checks = this.registryRef.registry.checks.filter((c) => !checkIds || checkIds.includes(c.metadata.id));
    return { checkIds: checks.map((c) => c.metadata.id), days: checks.map((c) => sla[c.metadata.severity]) };
  }

  async page(workspaceId: string, q: FindingsQuery): Promise<{ items: FindingView[]; nextCursor: string | null }> {
    let checkIds: string[] | undefined;
    if (q.controlId) {
      const control = await this.controls.get(workspaceId, q.controlId);
      if (!control) throw badRequest([{ field: 'controlId', message: `unknown control "${q.controlId}"` }]);
      checkIds = [...control.checkIds];
    }
    if (q.checkId) checkIds = checkIds ? checkIds.filter((id) => id === q.checkId) : [q.checkId];
    const sla = (await this.workspaces.require(workspaceId)).slaDays;
    const rows = await this.findings.page(
      workspaceId,
      {
        status: q.status,
        checkIds,
        resource: q.resource,
        connectionId: q.connectionId,
        overdue: q.overdue ? this.slaByCheck(sla, checkIds) : undefined,
        afterId: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: q.limit + 1,
      },
      this.clock.now(),
    );
    const items = rows.slice(0, q.limit).map((r) => this.toView(r, sla));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
  }

  toView(r: StoredFinding, sla: Record<Severity, number>): FindingView {
    const check = this.registryRef.registry.check(r.checkId);
    const severity = check?.metadata.severity ?? 'info';
    // The clock starts when the finding started failing; an excepted finding has no deadline.
    const dueAt = r.status === 'fail' && r.exceptionId === null ? new Date(r.statusSince.getTime() + sla[severity] * DAY_MS) : null;
    return {
      id: r.id,
      checkId: r.checkId,
      checkTitle: check?.metadata.title ?? r.checkId,
      severity,
      connectionId: r.connectionId,
      status: r.status,
      resource: { id: r.resourceId, type: r.resourceType, name: r.resourceName },
      reason: r.reason,
      evidence: r.evidenceHashes,
      controlIds: this.registryRef.registry.controlIdsForCheck(r.checkId),
      firstSeenAt: r.firstSeenAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      statusSince: r.statusSince.toISOString(),
      dueAt: dueAt?.toISOString() ?? null,
      overdue: dueAt !== null && dueAt.getTime() < this.clock.now().getTime(),
      exceptionId: r.exceptionId,
    };
  }
}
