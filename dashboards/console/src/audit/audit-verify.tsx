import type { AuditVerification } from '@astrolabe/api-contract';
import { useState } from 'react';
import type { ApiError } from '../api/client';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { ProblemAlert } from '../components/page-state';
import { formatDateTime } from '../lib/format';
import { actionLabel } from './audit-labels';

export interface AuditVerificationState {
  run: () => Promise<void>;
  pending: boolean;
  error: ApiError | undefined;
  result: AuditVerification | null;
}

/** "Verify chain": the server walks the whole chain and answers intact, or where it first breaks. */
export function useAuditVerification(workspaceId: string): AuditVerificationState {
  const [done, setDone] = useState<{ workspaceId: string; result: AuditVerification } | null>(null);
  const action = useAction(() => api.verifyAuditLog(workspaceId));
  const run = async () => {
    setDone(null);
    const result = await action.run();
    if (result) setDone({ workspaceId, result });
  };
  // A verdict belongs to the workspace it was computed for.
  return { run, pending: action.pending, error: action.error, result: done?.workspaceId === workspaceId ? done.result : null };
}

export function AuditVerifyButton({ state }: { state: AuditVerificationState }) {
  return (
    <button type="button" className="btn" onClick={() => void state.run()} disabled={state.pending} data-testid="audit-verify">
      {state.pending ? 'Verifying…' : 'Verify chain'}
    </button>
  );
}

export function AuditVerifyResult({ state }: { state: AuditVerificationState }) {
  const v = state.result;
  if (state.error) return <ProblemAlert error={state.error} />;
  if (!v) return null;
  if (v.intact) {
    return (
      <div className="alert alert-success section" role="status" data-testid="audit-verify-result" data-intact="true" data-rows={v.rows}>
        <div>
          <strong>Chain intact.</strong> {v.rows.toLocaleString('en')} row{v.rows === 1 ? '' : 's'} verified: every hash recomputed, every row linked to the one before.
          {v.headHash && (
            <p className="small">
              Head: seq {v.headSeq}, hash <code className="break">{v.headHash}</code>. Keep it outside Astrolabe to detect a later removal of the newest rows.
            </p>
          )}
        </div>
      </div>
    );
  }
  const row = v.row;
  return (
    <div className="alert alert-error section" role="alert" data-testid="audit-verify-result" data-intact="false" data-first-broken-seq={v.firstBrokenSeq} data-reason={v.reason}>
      <div>
        <strong>
          Chain broken at seq {v.firstBrokenSeq}: {v.reason}.
        </strong>{' '}
        The {v.rows.toLocaleString('en')} row{v.rows === 1 ? '' : 's'} before it verify; from there on the log was changed outside Astrolabe.
        {row && (
          <p className="small" data-testid="audit-verify-row">
            Row found there: seq {row.seq}, {formatDateTime(row.at)}, {row.actorLabel}, {actionLabel(row.action)}
            {row.targetId ? ` on ${row.targetType} ${row.targetId}` : ''}, {row.outcome}.
          </p>
        )}
      </div>
    </div>
  );
}
