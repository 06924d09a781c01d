import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type ApiError, type InvitationPreview } from '../api/client';
import { toApiError } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { AuthLayout } from '../auth/auth-layout';
import { useSession } from '../auth/session-context';
import { LoadingState } from '../components/page-state';
import { ROLE_LABEL, ROLE_SUMMARY } from '../members/member-roles';
import { rememberWorkspace } from '../workspace/workspace-context';

const MIN_PASSWORD = 12;

/** The link is `/accept-invitation#token=…`: a fragment never reaches a server log or a Referer. */
function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length >= 20 ? token : null;
}

function AcceptForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { establish, session } = useSession();
  const navigate = useNavigate();
  const id = useId();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const newAccount = !preview.hasAccount;
  const serverErrors = error?.fieldErrors() ?? {};
  const errors = { ...serverErrors, ...local };
  const formError = error && Object.keys(serverErrors).length === 0 ? error : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const gaps: Record<string, string> = {};
    if (newAccount && !displayName.trim()) gaps['displayName'] = 'Enter the name your colleagues will see.';
    if (newAccount && password.length < MIN_PASSWORD) gaps['password'] = `Use at least ${MIN_PASSWORD} characters.`;
    if (!newAccount && !password) gaps['password'] = 'Enter your password.';
    if (newAccount && !gaps['password'] && repeat !== password) gaps['repeat'] = 'The two passwords differ.';
    setLocal(gaps);
    const first = Object.keys(gaps)[0];
    if (first) return document.getElementById(`${id}-${first === 'displayName' ? 'name' : first}`)?.focus();
    setPending(true);
    setError(null);
    try {
      const signedIn = await api.acceptInvitation({ token, password, ...(newAccount ? { displayName: displayName.trim() } : {}) });
      // Open the workspace just joined, not whichever one was open before.
      const joined = signedIn.memberships.find((m) => m.workspaceName === preview.workspaceName);
      if (joined) rememberWorkspace(joined.workspaceId);
      establish(signedIn);
      navigate('/', { replace: true });
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  }

  const field = (name: string) => `field field-wide ${errors[name] ? 'field-invalid' : ''}`;
  const errorText = (name: string, testId: string) =>
    errors[name] && (
      <p id={`${id}-${name}-error`} className="field-error" data-testid={testId}>
        {errors[name]}
      </p>
    );

  return (
    <form className="form auth-form" onSubmit={submit} noValidate data-testid="accept-form">
      {session && session.user.email !== preview.email && (
        <div className="alert alert-info" role="status">
          <div>
            You are signed in as {session.user.email}. Accepting signs you in as <strong>{preview.email}</strong> instead.
          </div>
        </div>
      )}
      {newAccount ? (
        <>
          <div className={field('displayName')}>
            <label htmlFor={`${id}-name`}>Your name</label>
            <input
              id={`${id}-name`}
              className="input"
              autoComplete="name"
              autoFocus
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              aria-invalid={errors['displayName'] ? true : undefined}
              aria-describedby={errors['displayName'] ? `${id}-displayName-error` : undefined}
              data-testid="accept-name"
            />
            {errorText('displayName', 'accept-name-error')}
          </div>
          {/* Lets password managers file the new password under the invited email. */}
          <input type="email" name="username" autoComplete="username" value={preview.email} readOnly hidden />
          <div className={field('password')}>
            <label htmlFor={`${id}-password`}>Choose a password</label>
            <input
              id={`${id}-password`}
              className="input"
              type="password"
              autoComplete="new-password"
              minLength={MIN_PASSWORD}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={errors['password'] ? true : undefined}
              aria-describedby={`${id}-password-help${errors['password'] ? ` ${id}-password-error` : ''}`}
              data-testid="accept-password"
            />
            <p id={`${id}-password-help`} className="field-help">
              At least {MIN_PASSWORD} characters. A few unrelated words make a strong, memorable one.
              {password.length > 0 && password.length < MIN_PASSWORD && ` ${MIN_PASSWORD - password.length} to go.`}
            </p>
            {errorText('password', 'accept-password-error')}
          </div>
          <div className={field('repeat')}>
            <label htmlFor={`${id}-repeat`}>Repeat the password</label>
            <input
              id={`${id}-repeat`}
              className="input"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              aria-invalid={errors['repeat'] ? true : undefined}
              aria-describedby={errors['repeat'] ? `${id}-repeat-error` : undefined}
              data-testid="accept-password-repeat"
            />
            {errorText('repeat', 'accept-password-repeat-error')}
          </div>
        </>
      ) : (
        <div className={field('password')}>
          <label htmlFor={`${id}-password`}>Password of your Astrolabe account</label>
          <input type="email" name="username" autoComplete="username" value={preview.email} readOnly hidden />
          <input
            id={`${id}-password`}
            className="input"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={errors['password'] ? true : undefined}
            aria-describedby={errors['password'] ? `${id}-password-error` : undefined}
            data-testid="accept-password"
          />
          <p className="field-help">You already have an account for {preview.email}: sign in with it to join.</p>
          {errorText('password', 'accept-password-error')}
        </div>
      )}
      {formError && (
        <div className="alert alert-error" role="alert" data-testid="accept-error" data-status={formError.status}>
          <div>{formError.problem.detail ?? formError.problem.title}</div>
        </div>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} data-testid="accept-submit">
        {pending ? 'Joining…' : newAccount ? 'Create account and join' : 'Sign in and join'}
      </button>
    </form>
  );
}

/** `/accept-invitation#token=…`: who invited you where and as what; then create the account (or sign in) and join. */
export function AcceptInvitationPage() {
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const preview = useResource(token ? `invitation:${token}` : null, (signal) => api.invitationPreview(token ?? '', signal));
  const headingId = useId();
  const p = preview.data;

  return (
    <AuthLayout testId="accept-invitation-page">
      <section className="card auth-card" aria-labelledby={headingId}>
        {!token && (
          <div data-testid="invitation-unusable" data-reason="missing">
            <h1 id={headingId} className="auth-title">
              Invitation link incomplete
            </h1>
            <p className="muted">This page needs the whole link from your invitation, including the part after “#token=”. Copy it again from the message you received.</p>
          </div>
        )}
        {token && preview.loading && !p && <LoadingState label="Reading the invitation" />}
        {token && preview.error && (
          <div data-testid="invitation-unusable" data-status={preview.error.status}>
            <h1 id={headingId} className="auth-title">
              {preview.error.status === 410 ? 'This invitation can no longer be used' : 'The invitation could not be read'}
            </h1>
            <div className="alert alert-error" role="alert">
              <div>{preview.error.problem.detail ?? preview.error.problem.title}</div>
            </div>
            <p className="muted small">
              Already a member? <Link to="/login">Sign in</Link>.
            </p>
          </div>
        )}
        {token && p && (
          <>
            <h1 id={headingId} className="auth-title">
              Join {p.workspaceName}
            </h1>
            <dl className="invitation-facts" data-testid="invitation-preview" data-role={p.role} data-email={p.email} data-workspace={p.workspaceName} data-has-account={p.hasAccount}>
              <div>
                <dt>Workspace</dt>
                <dd>{p.workspaceName}</dd>
              </div>
              <div>
                <dt>Email</dt>
                <dd className="break">{p.email}</dd>
              </div>
              <div>
                <dt>Role</dt>
                <dd>
                  {ROLE_LABEL[p.role]}
                  <span className="muted small invitation-role-summary">{ROLE_SUMMARY[p.role]}</span>
                </dd>
              </div>
            </dl>
            <AcceptForm token={token} preview={p} />
          </>
        )}
      </section>
    </AuthLayout>
  );
}
