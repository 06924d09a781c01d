import { useEffect, useId, useRef, useState } from 'react';
import { toApiError } from '../api/use-action';
import type { ApiError } from '../api/client';
import { useSession } from '../auth/session-context';
import { ChevronDownIcon } from '../components/icons';
import { describeWindow } from '../lib/date-input';
import { initials, ROLE_LABEL } from '../members/member-roles';
import { useMembers } from '../members/members-context';
import { useWorkspace } from '../workspace/workspace-context';

const METHOD_LABEL = { password: 'Password', oidc: 'Single sign-on', demo: 'Demo persona', invitation: 'Invitation link' } as const;

/**
 * The signed-in person: name and role here, the workspace switcher (when they belong to several),
 * "Sign out" and "Sign out everywhere". A disclosure, not an ARIA menu: it holds a select.
 */
export function UserMenu() {
  const { session, signOut, signOutEverywhere } = useSession();
  const { workspace, workspaces, select } = useWorkspace();
  const { me, role, membership } = useMembers();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<'one' | 'all' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!session) return null;
  const name = me?.displayName ?? session.user.displayName;
  const roleOf = new Map(session.memberships.map((m) => [m.workspaceId, m.role]));

  const run = async (which: 'one' | 'all') => {
    setBusy(which);
    setError(null);
    try {
      await (which === 'one' ? signOut() : signOutEverywhere());
    } catch (err) {
      setError(toApiError(err));
      setBusy(null);
    }
  };

  return (
    <div className="user-menu" ref={rootRef} data-testid="acting-as" data-member={me?.id} data-role={role} data-user={session.user.email}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account: ${name}${role ? `, ${ROLE_LABEL[role]}` : ''}`}
        onClick={() => setOpen(!open)}
        data-testid="user-menu"
      >
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="user-menu-text">
          <span className="user-menu-name" data-testid="user-name">
            {name}
          </span>
          {role && (
            <span className="user-menu-role" data-testid="user-role">
              {ROLE_LABEL[role]}
            </span>
          )}
        </span>
        <ChevronDownIcon />
      </button>
      {open && (
        <div id={panelId} className="user-menu-panel" role="group" aria-label="Account" data-testid="user-menu-panel">
          <div className="user-menu-head">
            <span className="avatar avatar-large" aria-hidden="true">
              {initials(name)}
            </span>
            <div className="min-w-0">
              <div className="user-menu-panel-name">{name}</div>
              <div className="muted small truncate" data-testid="user-email">
                {session.user.email}
              </div>
            </div>
          </div>
          <dl className="user-menu-facts">
            <dt>Role in {workspace.name}</dt>
            <dd>{role ? ROLE_LABEL[role] : '—'}</dd>
            {membership && (membership.accessStartsAt || membership.accessEndsAt) && (
              <>
                <dt>Access</dt>
                <dd data-testid="user-access-window">{describeWindow(membership.accessStartsAt, membership.accessEndsAt)}</dd>
              </>
            )}
            <dt>Signed in with</dt>
            <dd>{METHOD_LABEL[session.method]}</dd>
          </dl>
          {workspaces.length > 1 && (
            <div className="field field-compact user-menu-workspace">
              <label htmlFor={`${panelId}-workspace`}>Workspace</label>
              <select
                id={`${panelId}-workspace`}
                className="input input-small"
                value={workspace.id}
                onChange={(e) => {
                  select(e.target.value);
                  setOpen(false);
                }}
                data-testid="workspace-switcher"
              >
                {workspaces.map((w) => {
                  const r = roleOf.get(w.id);
                  return (
                    <option key={w.id} value={w.id}>
                      {w.name}
                      {r ? ` · ${ROLE_LABEL[r]}` : ''}
                    </option>
                  );
                })}
              </select>
            </div>
          )}
          {error && (
            <p className="field-error" role="alert" data-testid="sign-out-error">
              {error.problem.detail ?? error.problem.title}
            </p>
          )}
          <div className="user-menu-actions">
            <button type="button" className="btn btn-small" onClick={() => void run('one')} disabled={busy !== null} data-testid="sign-out">
              {busy === 'one' ? 'Signing out…' : 'Sign out'}
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => void run('all')} disabled={busy !== null} data-testid="sign-out-everywhere" aria-describedby={`${panelId}-everywhere`}>
              {busy === 'all' ? 'Signing out…' : 'Sign out everywhere'}
            </button>
          </div>
          <p id={`${panelId}-everywhere`} className="muted small user-menu-note">
            “Everywhere” ends your sessions in every browser and device. API tokens stay valid; revoke them under Settings → Access.
          </p>
        </div>
      )}
    </div>
  );
}
