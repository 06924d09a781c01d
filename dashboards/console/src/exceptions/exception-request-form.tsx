import type { ExceptionView } from '@astrolabe/api-contract';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { FieldError } from '../components/field-error';
import { ProblemAlert } from '../components/page-state';
import { utcDay } from '../lib/days';
import { useWorkspace } from '../workspace/workspace-context';

const DAY_MS = 86_400_000;
const MIN_REASON = 20;
const FIELDS = ['reason', 'expiresAt'];

/** What an exception accepts: a whole failing control, or one resource failing one check. */
export type RequestTarget = { scope: 'control'; controlId: string } | { scope: 'finding'; checkId: string; resourceId: string };

const TEXT: Record<RequestTarget['scope'], { title: string; expiry: string }> = {
  control: { title: 'Request an exception', expiry: 'When it expires, the control fails again.' },
  finding: { title: 'Accept the risk of this finding', expiry: 'When it expires, the finding counts as failing again.' },
};

interface Props {
  target: RequestTarget;
  onRequested: (x: ExceptionView) => void;
  onCancel: () => void;
}

/** Ask for a failing control or finding to be accepted until a date; a lead other than the requester decides. */
export function ExceptionRequestForm({ target, onRequested, onCancel }: Props) {
  const { workspace } = useWorkspace();
  const id = useId();
  const now = Date.now();
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState(() => utcDay(now + 90 * DAY_MS));
  const request = useAction(() =>
    // The end of the chosen day (UTC): a year from now at most, which the server enforces too.
    api.requestException(workspace.id, { ...target, reason: reason.trim(), expiresAt: `${expiresOn}T23:59:59.000Z` }),
  );
  const errors = request.error?.fieldErrors() ?? {};
  const unplaced = request.error && (!request.error.problem.errors?.length || request.error.problem.errors.some((e) => !FIELDS.includes(e.field)));
  const left = MIN_REASON - reason.trim().length;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await request.run();
    if (saved) onRequested(saved);
  }

  return (
    <form className="form card exception-form" onSubmit={submit} noValidate data-testid="exception-form">
      <h3 className="card-title-small">{TEXT[target.scope].title}</h3>
      <div className={`field field-wide ${errors['reason'] ? 'field-invalid' : ''}`}>
        <label htmlFor={`${id}-reason`}>
          Accepted risk and why<span className="required"> *</span>
        </label>
        <textarea
          id={`${id}-reason`}
          className="input textarea"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="exception-reason"
          placeholder="What stays failing, why it is acceptable for now, and what replaces it (compensating control, planned fix)."
        />
        <p className="field-help">{left > 0 ? `At least ${MIN_REASON} characters (${left} to go).` : 'Kept in the exception’s history for auditors.'}</p>
        <FieldError message={errors['reason']} testId="exception-reason-error" />
      </div>
      <div className={`field ${errors['expiresAt'] ? 'field-invalid' : ''}`}>
        <label htmlFor={`${id}-expires`}>
          Expires on<span className="required"> *</span>
        </label>
        <input
          id={`${id}-expires`}
          type="date"
          className="input input-date"
          value={expiresOn}
          min={utcDay(now + DAY_MS)}
          max={utcDay(now + 364 * DAY_MS)}
          onChange={(e) => setExpiresOn(e.target.value)}
          data-testid="exception-expires"
        />
        <p className="field-help">At most a year ahead. {TEXT[target.scope].expiry}</p>
        <FieldError message={errors['expiresAt']} testId="exception-expires-error" />
      </div>
      {unplaced && request.error && <ProblemAlert error={request.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={request.pending} data-testid="exception-submit">
          {request.pending ? 'Requesting…' : 'Request exception'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
