import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { AuditFilterBar } from '../audit/audit-filter-bar';
import { readAuditFilters, toAuditQuery, writeAuditFilters, type AuditFilters } from '../audit/audit-query';
import { AuditTable } from '../audit/audit-table';
import { AuditVerifyButton, AuditVerifyResult, useAuditVerification } from '../audit/audit-verify';
import { useAuditPages } from '../audit/use-audit-pages';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { useMembers } from '../members/members-context';
import { useMay } from '../members/permissions';
import { RoleNote } from '../members/role-note';
import { useWorkspace } from '../workspace/workspace-context';

function AuditLog() {
  const { workspace } = useWorkspace();
  const { members } = useMembers();
  const [params, setParams] = useSearchParams();
  const filters = readAuditFilters(params);
  const setFilters = useCallback((next: AuditFilters) => setParams(writeAuditFilters(next), { replace: true }), [setParams]);
  const rows = useAuditPages(workspace.id, filters);
  const verification = useAuditVerification(workspace.id);
  const brokenSeq = verification.result && !verification.result.intact ? verification.result.firstBrokenSeq : null;
  const loaded = rows.latest !== undefined;

  return (
    <div className="page page-wide" data-testid="audit-log-page">
      <PageHeader
        title="Audit log"
        subtitle="Every change made through Astrolabe and every system event, refusals included. Append-only: each row carries the hash of the one before, so any later edit, deletion or reordering shows."
        actions={
          <>
            <AuditVerifyButton state={verification} />
            <a className="btn" href={api.auditLogCsvUrl(workspace.id, toAuditQuery(filters))} download data-testid="audit-export">
              Export CSV
            </a>
          </>
        }
      />
      <AuditVerifyResult state={verification} />
      <div className="toolbar">
        <AuditFilterBar filters={filters} members={members} onChange={setFilters} />
      </div>
      {rows.error && <ErrorState error={rows.error} onRetry={rows.reload} />}
      {!loaded && !rows.error && <LoadingState label="Loading the audit log" />}
      {loaded && (rows.items.length === 0 ? <EmptyState title="No audit entry matches" /> : <AuditTable entries={rows.items} brokenSeq={brokenSeq} />)}
      {rows.hasMore && (
        <div className="load-more">
          <button type="button" className="btn" onClick={rows.loadMore} disabled={rows.loading} data-testid="load-more">
            {rows.loading ? 'Loading…' : `Load older · ${rows.items.length} shown`}
          </button>
        </div>
      )}
    </div>
  );
}

export function AuditLogPage() {
  const { role } = useMembers();
  const mayRead = useMay('audit.read');
  if (mayRead) return <AuditLog />;
  return (
    <div className="page page-wide" data-testid="audit-log-page">
      <PageHeader title="Audit log" subtitle="Every change made through Astrolabe and every system event, refusals included." />
      {role && (
        <div className="card">
          <RoleNote permission="audit.read" action="read the audit log" testId="audit-log-forbidden" />
        </div>
      )}
    </div>
  );
}
