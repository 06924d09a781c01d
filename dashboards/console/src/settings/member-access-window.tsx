import type { MemberView } from '@astrolabe/api-contract';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { endOfDay, describeWindow, localDay, startOfDay, windowPhase } from '../lib/date-input';
import { useMembers } from '../members/members-context';
import { useWorkspace } from '../workspace/workspace-context';

const PHASE_NOTE = { pending: 'not started', ended: 'ended', open: null } as const;

/** A member's access window (an auditor's engagement); owners and admins change or remove it in place. */
export function MemberAccessWindow({ member, editable }: { member: MemberView; editable: boolean }) {
  const { workspace } = useWorkspace();
  const { upsertMember } = useMembers();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const save = useAction((body: { accessStartsAt: string | null; accessEndsAt: string | null }) => api.updateMember(workspace.id, member.id, body));
  const phase = windowPhase(member.accessStartsAt, member.accessEndsAt);
  const limited = Boolean(member.accessStartsAt || member.accessEndsAt);
  const errors = save.error?.fieldErrors() ?? {};
  const message = errors['accessEndsAt'] ?? errors['accessStartsAt'] ?? (save.error ? (save.error.problem.detail ?? save.error.problem.title) : undefined);

  const open = () => {
    setStarts(localDay(member.accessStartsAt));
    setEnds(localDay(member.accessEndsAt));
    save.reset();
    setEditing(true);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await save.run({ accessStartsAt: startOfDay(starts) ?? null, accessEndsAt: endOfDay(ends) ?? null });
    if (!saved) return;
    upsertMember(saved);
    setEditing(false);
  }

  if (!editing) {
    return (
      <div className="member-window">
        <span className={limited ? undefined : 'muted'} data-testid="member-window" data-starts={member.accessStartsAt ?? ''} data-ends={member.accessEndsAt ?? ''} data-phase={phase}>
          {describeWindow(member.accessStartsAt, member.accessEndsAt)}
        </span>
        {limited && PHASE_NOTE[phase] && <span className={`tag ${phase === 'ended' ? 'tag-bad' : ''}`}>{PHASE_NOTE[phase]}</span>}
        {editable && (
          <button type="button" className="link-button small member-window-edit" onClick={open} data-testid="member-window-edit" aria-label={`Change the access window of ${member.displayName}`}>
            {limited ? 'Change' : 'Limit'}
          </button>
        )}
      </div>
    );
  }
  return (
    <form className="member-window-form" onSubmit={submit} noValidate data-testid="member-window-form">
      <div className="member-window-dates">
        <label htmlFor={`${id}-starts`} className="sr-only">
          Access starts
        </label>
        <input id={`${id}-starts`} type="date" className="input input-small" value={starts} max={ends || undefined} onChange={(e) => setStarts(e.target.value)} data-testid="member-window-start" title="Access starts (empty: now)" />
        <span aria-hidden="true">–</span>
        <label htmlFor={`${id}-ends`} className="sr-only">
          Access ends
        </label>
        <input id={`${id}-ends`} type="date" className="input input-small" value={ends} min={starts || undefined} onChange={(e) => setEnds(e.target.value)} data-testid="member-window-end" title="Access ends (empty: no end)" />
      </div>
      <p className="field-help">Whole days, your time zone. Leave both empty for access without limit.</p>
      {message && (
        <p className="field-error" role="alert" data-testid="member-window-error">
          {message}
        </p>
      )}
      <div className="inline-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={save.pending} data-testid="member-window-save">
          {save.pending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
