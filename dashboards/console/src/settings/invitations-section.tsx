import { grantableRoles } from '@astrolabe/api-contract';
import { useId, useState, type FormEvent } from 'react';
import { api, type CreatedInvitation, type InvitationView, type MemberRole } from '../api/client';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { FieldError } from '../components/field-error';
import { RevokeCell } from '../components/revoke-cell';
import { EmptyState, LoadingState, ProblemAlert } from '../components/page-state';
import { Pill, type Tone } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { describeWindow, endOfDay, localDayFromNow, startOfDay } from '../lib/date-input';
import { formatDate } from '../lib/format';
import { upsertById } from '../lib/upsert';
import { ROLE_LABEL, ROLE_SUMMARY } from '../members/member-roles';
import { useMembers } from '../members/members-context';
import { useWorkspace } from '../workspace/workspace-context';
import { OneTimeSecret } from './one-time-secret';

const STATE: Record<InvitationView['state'], [Tone, string]> = {
  open: ['active', 'Open'],
  accepted: ['good', 'Accepted'],
  expired: ['muted', 'Expired'],
  revoked: ['none', 'Revoked'],
};
const FIELDS = ['email', 'role', 'accessStartsAt', 'accessEndsAt'];

function InviteForm({ onCreated }: { onCreated: (created: CreatedInvitation) => void }) {
  const { workspace } = useWorkspace();
  const { role: myRole } = useMembers();
  const roles = myRole ? grantableRoles(myRole) : [];
  const id = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('engineer');
  const [starts, setStarts] = useState('');
  const [ends, setEnds] = useState('');
  const invite = useAction(() =>
    api.createInvitation(workspace.id, {
      email: email.trim(),
      role,
      ...(startOfDay(starts) ? { accessStartsAt: startOfDay(starts) } : {}),
      ...(endOfDay(ends) ? { accessEndsAt: endOfDay(ends) } : {}),
    }),
  );
  const problem = invite.error?.problem;
  const errors = invite.error?.fieldErrors() ?? {};
  // 409: that email is already a member, or already has an open invitation.
  if (problem?.status === 409 && problem.detail) errors['email'] = problem.detail;
  const unplaced = invite.error && problem?.status !== 409 && (!problem?.errors?.length || problem.errors.some((e) => !FIELDS.includes(e.field)));
  const auditor = role === 'auditor';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await invite.run();
    if (!created) return;
    onCreated(created);
    setEmail('');
    setStarts('');
    setEnds('');
  }

  return (
    <form className="form invite-form" onSubmit={submit} noValidate data-testid="invite-form">
      <div className="form-grid form-grid-invite">
        <div className={`field ${errors['email'] ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-email`}>
            Email<span className="required"> *</span>
          </label>
          <input id={`${id}-email`} type="email" className="input" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@company.com" data-testid="invite-email" />
          <FieldError message={errors['email']} testId="invite-email-error" />
        </div>
        <div className={`field ${errors['role'] ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            className="input"
            value={role}
            onChange={(e) => {
              const next = e.target.value as MemberRole;
              setRole(next);
              // An audit engagement usually runs a few weeks: offer an end date to adjust.
              if (next === 'auditor' && !ends) setEnds(localDayFromNow(30));
            }}
            aria-describedby={`${id}-role-help`}
            data-testid="invite-role"
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          <p id={`${id}-role-help`} className="field-help">
            {ROLE_SUMMARY[role]}.
          </p>
          <FieldError message={errors['role']} testId="invite-role-error" />
        </div>
      </div>
      <fieldset className="access-window-fields" aria-describedby={`${id}-window-help`}>
        <legend>
          Access window {auditor ? <span className="required">* end required for auditors</span> : <span className="optional">optional</span>}
        </legend>
        <div className="form-grid">
          <div className={`field ${errors['accessStartsAt'] ? 'field-invalid' : ''}`}>
            <label htmlFor={`${id}-starts`}>Starts on</label>
            <input id={`${id}-starts`} type="date" className="input input-date" value={starts} max={ends || undefined} onChange={(e) => setStarts(e.target.value)} data-testid="invite-starts" />
            <FieldError message={errors['accessStartsAt']} testId="invite-starts-error" />
          </div>
          <div className={`field ${errors['accessEndsAt'] ? 'field-invalid' : ''}`}>
            <label htmlFor={`${id}-ends`}>
              Ends on{auditor && <span className="required"> *</span>}
            </label>
            <input id={`${id}-ends`} type="date" className="input input-date" value={ends} min={starts || localDayFromNow(0)} onChange={(e) => setEnds(e.target.value)} data-testid="invite-ends" />
            <FieldError message={errors['accessEndsAt']} testId="invite-ends-error" />
          </div>
        </div>
        <p id={`${id}-window-help`} className="field-help">
          Outside the window the member is refused everywhere, whatever their role. Whole days, in your time zone; empty start means from acceptance.
        </p>
      </fieldset>
      {unplaced && invite.error && <ProblemAlert error={invite.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={invite.pending} data-testid="invite-submit">
          {invite.pending ? 'Creating…' : 'Create invitation link'}
        </button>
        <span className="muted small">Links work for 7 days and only once.</span>
      </div>
    </form>
  );
}

function InvitationRow({ invitation: i, onRevoked }: { invitation: InvitationView; onRevoked: (i: InvitationView) => void }) {
  const { workspace } = useWorkspace();
  const revoke = useAction(() => api.revokeInvitation(workspace.id, i.id));
  const [tone, label] = STATE[i.state];
  return (
    <tr data-testid={`invitation-row-${i.id}`} data-state={i.state} data-email={i.email}>
      <td className="truncate" title={i.email}>
        <span className="cell-title">{i.email}</span>
      </td>
      <td>{ROLE_LABEL[i.role]}</td>
      <td className="small">{describeWindow(i.accessStartsAt, i.accessEndsAt)}</td>
      <td className="small">
        {i.invitedBy.displayName}
        <div className="cell-sub">
          <TimeAgo iso={i.createdAt} />
        </div>
      </td>
      <td className="small nowrap">{i.state === 'open' ? formatDate(i.expiresAt) : '—'}</td>
      <td>
        <Pill tone={tone} label={label} value={i.state} testId="invitation-state" />
      </td>
      <RevokeCell revocable={i.state === 'open'} question="Revoke this link?" testId="invitation-revoke" revoke={revoke} onRevoked={onRevoked} />
    </tr>
  );
}

/** Invite people by email with a role (and an access window for auditors); the link is shown once. */
export function InvitationsSection() {
  const { workspace } = useWorkspace();
  const invitations = useResource(`invitations:${workspace.id}`, (signal) => api.invitations(workspace.id, signal));
  // Every link made here stays on screen until dismissed: making a second one must not lose the first.
  const [created, setCreated] = useState<CreatedInvitation[]>([]);
  const items = invitations.data?.items ?? [];
  const upsert = (i: InvitationView) => invitations.replace({ items: upsertById(items, i) });

  return (
    <section className="card card-flush section" data-testid="settings-invitations">
      <div className="card-head card-head-padded">
        <h2>Invitations</h2>
        <span className="muted small">Invite people to sign in: they choose their own password, or use SSO.</span>
      </div>
      <div className="card-pad">
        {created.map((c) => (
          <OneTimeSecret
            key={c.id}
            title={`Invitation for ${c.email} as ${ROLE_LABEL[c.role].toLowerCase()}`}
            label="Invitation link"
            value={c.acceptUrl}
            testId="invitation-created"
            valueTestId="invitation-link"
            copyTestId="invitation-link-copy"
            onDismiss={() => setCreated((list) => list.filter((x) => x.id !== c.id))}
            note={
              <>
                Send this link to {c.email} yourself (Astrolabe sends no email). It is shown only now: the server keeps a hash of it. It works once, until {formatDate(c.expiresAt)}. If it gets lost, revoke the invitation
                and create a new one.
              </>
            }
          />
        ))}
        <InviteForm
          onCreated={(c) => {
            setCreated((list) => [c, ...list]);
            const { acceptUrl: _url, ...view } = c;
            upsert(view);
          }}
        />
      </div>
      {invitations.error && (
        <div className="card-pad">
          <ProblemAlert error={invitations.error} onRetry={invitations.reload} />
        </div>
      )}
      {!invitations.data && !invitations.error && <LoadingState label="Loading invitations" />}
      {invitations.data && items.length === 0 && <EmptyState title="No invitation yet" />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table table-fixed" data-testid="invitations-table" data-count={items.length}>
            <colgroup>
              <col />
              <col style={{ width: 130 }} />
              <col style={{ width: 170 }} />
              <col style={{ width: 140 }} />
              <col style={{ width: 115 }} />
              <col style={{ width: 105 }} />
              <col style={{ width: 170 }} />
            </colgroup>
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>Access window</th>
                <th>Invited by</th>
                <th>Link expires</th>
                <th>State</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <InvitationRow key={i.id} invitation={i} onRevoked={upsert} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
