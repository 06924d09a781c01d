import type { AuditEntry, AuditPage, AuditVerification } from '@astrolabe/api-contract';
import { auditCsvQuery, auditLogQuery } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { badRequest } from '../http/problem';
import { AuditLogRepository, type AuditFilter } from './audit-log.repository';

type Filters = z.infer<typeof auditCsvQuery>;

function toFilter(q: Filters): AuditFilter {
  return {
    actor: q.actor,
    action: q.action,
    target: q.target,
    targetType: q.targetType,
    outcome: q.outcome,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
  };
}

/** Cursor = the seq of the last row of the previous page, opaque to clients. */
function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  let seq: unknown;
  try {
    seq = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { seq?: unknown }).seq;
  } catch {
    seq = undefined;
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw badRequest([{ field: 'cursor', message: 'not a cursor returned by this endpoint' }]);
  return seq;
}

/** Reads of the audit log: filtered pages, CSV export batches and chain verification. */
@Injectable()
export class AuditLogService {
  constructor(private readonly log: AuditLogRepository) {}

  async page(workspaceId: string, q: z.infer<typeof auditLogQuery>): Promise<AuditPage> {
    const before = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await this.log.page(workspaceId, toFilter(q), before, q.limit + 1);
    const items = rows.slice(0, q.limit);
    return { items, nextCursor: rows.length > q.limit ? encodeCursor(items.at(-1)!.seq) : null };
  }

  /** Every matching row, oldest first, in batches. */
  rows(workspaceId: string, q: z.infer<typeof auditCsvQuery>): AsyncGenerator<AuditEntry[]> {
    return this.log.scan(workspaceId, toFilter(q));
  }

  verify(workspaceId: string): Promise<AuditVerification> {
    return this.log.verify(workspaceId);
  }
}
