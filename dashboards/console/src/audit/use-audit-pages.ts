import type { AuditEntry, AuditPage } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { useCursorPages, type CursorPages } from '../api/use-cursor-pages';
import { toAuditQuery, writeAuditFilters, type AuditFilters } from './audit-query';

const PAGE_SIZE = 50;

/** The audit log under the filters, newest first, a page at a time. */
export function useAuditPages(workspaceId: string, filters: AuditFilters): CursorPages<AuditEntry, AuditPage> {
  const key = `audit:${workspaceId}:${new URLSearchParams(writeAuditFilters(filters)).toString()}`;
  return useCursorPages(key, (cursor, signal) => api.auditLog(workspaceId, { ...toAuditQuery(filters), cursor, limit: PAGE_SIZE }, signal));
}
