import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { api, type ApiError, type DemoPersona, type SsoDiscovery } from '../api/client';
import { toApiError } from '../api/use-action';
import { AuthLayout } from '../auth/auth-layout';
import { safeNext, useSession } from '../auth/session-context';
import { LoadingState } from '../components/page-state';
import { initials, ROLE_LABEL, ROLE_SUMMARY } from '../members/member-roles';

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * Whether the email's domain signs in through a workspace's identity provider. Asked once typing
 * pauses; any failure (an older server without the endpoint answers 404) means "no SSO".
 */
function useSsoDiscovery(email: string): SsoDiscovery | null {
  const [found, setFound] = useState<{ email: string; result: SsoDiscovery } | null>(null);
  const candidate = email.trim().toLowerCase();
  useEffect(() => {
    if (!LOOKS_LIKE_EMAIL.test(candidate)) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api.ssoDiscover(candidate, controller.signal).then(
        (result) => setFound({ email: candidate, result }),
        () => {
          if (!controller.signal.aborted) setFound({ email: candidate, result: { sso: false, workspaceName: null, startUrl: null } });
        },
      );
    }, 350);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [candidate]);
  return found && found.email === candidate && found.result.sso && found.result.startUrl ? found.result : null;
}

function PasswordForm() {
  const { establish } = useSession();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const sso = useSsoDiscovery(email);
  const fieldErrors = error?.fieldErrors() ?? {};
  const emailError = missing.email ?? fieldErrors['email'];
  const passwordError = missing.password ?? fieldErrors['password'];
  // A refusal without field errors (401 for any wrong email/password/lock) is shown as the server words it.
  const formError = error && !fieldErrors['email'] && !fieldErrors['password'] ? error : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const gaps = { email: email.trim() ? undefined : 'Enter your email address.', password: password ? undefined : 'Enter your password.' };
    setMissing(gaps);
    if (gaps.email) return emailRef.current?.focus();
    if (gaps.password) return passwordRef.current?.focus();
    setPending(true);
    setError(null);
    try {
      establish(await api.login(email.trim(), password));
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  return (
    <form className="form auth-form" onSubmit={submit} noValidate data-testid="login-form" aria-describedby={formError ? `${id}-error` : undefined}>
      <div className={`field field-wide ${emailError ? 'field-invalid' : ''}`}>
        <label htmlFor={`${id}-email`}>Work email</label>
        <input
          ref={emailRef}
          id={`${id}-email`}
          className="input"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? `${id}-email-error` : undefined}
          data-testid="login-email"
        />
        {emailError && (
          <p id={`${id}-email-error`} className="field-error" data-testid="login-email-error">
            {emailError}
          </p>
        )}
      </div>
      {sso && (
        <div className="sso-offer" data-testid="login-sso-offer">
          <p className="small">
            <strong>{sso.workspaceName ?? 'Your organization'}</strong> signs in with single sign-on.
          </p>
          <a className="btn btn-primary btn-block" href={sso.startUrl ?? undefined} data-testid="login-sso">
            Sign in with SSO
          </a>
          <p className="muted small sso-or">or use your Astrolabe password</p>
        </div>
      )}
      <div className={`field field-wide ${passwordError ? 'field-invalid' : ''}`}>
        <div className="label-row">
          <label htmlFor={`${id}-password`}>Password</label>
          <button type="button" className="link-button small" onClick={() => setReveal(!reveal)} aria-pressed={reveal} aria-controls={`${id}-password`}>
            {reveal ? 'Hide' : 'Show'}
          </button>
        </div>
        <input
          ref={passwordRef}
          id={`${id}-password`}
          className="input"
          type={reveal ? 'text' : 'password'}
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? `${id}-password-error` : undefined}
          data-testid="login-password"
        />
        {passwordError && (
          <p id={`${id}-password-error`} className="field-error" data-testid="login-password-error">
            {passwordError}
          </p>
        )}
      </div>
      {formError && (
        <div id={`${id}-error`} className="alert alert-error" role="alert" data-testid="login-error" data-status={formError.status}>
          <div>{formError.problem.detail ?? formError.problem.title}</div>
        </div>
      )}
      <button type="submit" className={`btn btn-block ${sso ? '' : 'btn-primary'}`} disabled={pending} data-testid="login-submit">
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function DemoPersonas({ workspaceName, members }: { workspaceName: string; members: DemoPersona[] }) {
  const { switchPersona } = useSession();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const headingId = useId();

  return (
    <section className="card auth-card auth-demo" aria-labelledby={headingId} data-testid="demo-personas">
      <h2 id={headingId} className="auth-title">
        Demo workspace: continue as…
      </h2>
      <p className="muted small">
        <strong>{workspaceName}</strong> is filled with sample data. Each person has a different role, so you can see what each role can do.
      </p>
      <ul className="persona-list">
        {members.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="persona"
              disabled={pending !== null}
              data-testid="demo-persona"
              data-member={p.id}
              data-role={p.role}
              onClick={async () => {
                setPending(p.id);
                setError(null);
                try {
                  await switchPersona(p.id);
                } catch (err) {
                  setError(toApiError(err));
                  setPending(null);
                }
              }}
            >
              <span className="avatar" aria-hidden="true">
                {initials(p.displayName)}
              </span>
              <span className="persona-text">
                <span className="persona-name">
                  {p.displayName} <span className="persona-role">{ROLE_LABEL[p.role]}</span>
                </span>
                <span className="persona-summary">{ROLE_SUMMARY[p.role]}</span>
              </span>
              <span className="persona-go" aria-hidden="true">
                {pending === p.id ? '…' : '→'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="demo-persona-error">
          <div>{error.problem.detail ?? error.problem.title}</div>
        </div>
      )}
    </section>
  );
}

/** `/login`: email and password, SSO when the email's domain uses it, and the demo personas in demo mode. */
export function LoginPage() {
  const { state, options } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const ssoError = params.get('error');
  const expired = params.get('expired') === '1';
  const headingId = useId();

  if (state.status === 'signed-in') return <Navigate to={next} replace />;
  if (state.status === 'loading') return <LoadingState label="Checking your session" fullPage />;
  const demo = options?.demo;

  return (
    <AuthLayout testId="login-page" wide={Boolean(demo)}>
      <div className={demo ? 'auth-columns' : undefined}>
        <section className="card auth-card" aria-labelledby={headingId}>
          <h1 id={headingId} className="auth-title">
            Sign in
          </h1>
          <p className="muted small auth-lead">Use the email your workspace invited.</p>
          {expired && (
            <div className="alert alert-info" role="status" data-testid="login-expired">
              <div>Your session ended. Sign in again to continue where you were.</div>
            </div>
          )}
          {ssoError && (
            <div className="alert alert-error" role="alert" data-testid="login-sso-error">
              <div>
                <strong>Single sign-on did not complete.</strong>
                <p>{ssoError}</p>
              </div>
            </div>
          )}
          <PasswordForm />
          <p className="muted small auth-help">No account yet? Ask an owner or admin of your workspace to invite you.</p>
        </section>
        {demo && <DemoPersonas workspaceName={demo.workspaceName} members={demo.members} />}
      </div>
    </AuthLayout>
  );
}
