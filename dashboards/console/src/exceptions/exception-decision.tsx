import type { ExceptionView } from '@astrolabe/api-contract';
import { useState, type FormEvent } from 'react';
import { api, type ExceptionDecision } from '../api/client';
import { useAction } from '../api/use-action';
import { ProblemAlert } from '../components/page-state';
import type { MemberRole } from '../api/client';
import { mayDo } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

const VERB: Record<ExceptionDecision, string> = { approve: 'Approve', reject: 'Reject', revoke: 'Revoke', withdraw: 'Withdraw' };
const CONSEQUENCE: Record<ExceptionDecision, string> = {
  approve: 'The failing target is accepted until the expiry date, then fails again.',
  reject: 'The request is closed; the target keeps failing.',
  revoke: 'The exception stops applying now; what it covered fails again.',
  withdraw: 'Your request is closed without a decision; the target keeps failing.',
};

/**
 * Which decisions the exception's state and the signed-in member's role allow (the server still
 * decides). Whoever requested it may only withdraw it: someone else decides (four eyes).
 */
export function decisionsFor(x: ExceptionView, me: { id: string; role: MemberRole } | undefined): ExceptionDecision[] {
  if (!me) return [];
  if (x.state === 'requested') {
    if (x.requestedBy.id === me.id) return mayDo(me.role, 'exceptions.request') ? ['withdraw'] : [];
    return [...(mayDo(me.role, 'exceptions.decide') ? (['approve', 'reject'] as const) : []), ...(mayDo(me.role, 'exceptions.revoke') ? (['revoke'] as const) : [])];
  }
  if (x.state === 'active') return mayDo(me.role, 'exceptions.revoke') ? ['revoke'] : [];
  return [];
}

/** Confirm one decision with an optional note; a refusal from the server (role, four eyes) is shown right here. */
export function ExceptionDecisionForm({ exception, decision, onDone, onCancel }: { exception: ExceptionView; decision: ExceptionDecision; onDone: (x: ExceptionView) => void; onCancel: () => void }) {
  const { workspace } = useWorkspace();
  const [note, setNote] = useState('');
  const act = useAction(() => api.decideException(workspace.id, exception.id, decision, note.trim()));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await act.run();
    if (saved) onDone(saved);
  }

  return (
    <form className={`decision-form decision-${decision}`} onSubmit={submit} data-testid="exception-decision" data-decision={decision}>
      <p className="small">
        <strong>{VERB[decision]}.</strong> {CONSEQUENCE[decision]}
      </p>
      <div className="field field-wide">
        <label htmlFor={`note-${exception.id}`}>
          Note <span className="optional">optional, kept in the history</span>
        </label>
        <textarea id={`note-${exception.id}`} className="input textarea" rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="exception-note" />
      </div>
      {act.error && <ProblemAlert error={act.error} />}
      <div className="inline-actions">
        <button type="submit" className={`btn btn-small ${decision === 'approve' ? 'btn-primary' : 'btn-danger'}`} disabled={act.pending} data-testid="exception-confirm">
          {act.pending ? 'Saving…' : decision === 'withdraw' ? 'Withdraw request' : `${VERB[decision]} exception`}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
