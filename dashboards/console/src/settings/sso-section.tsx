import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, type ApiError, type MemberRole, type SsoConfig, type SsoConfigBody, type SsoDefaultRole } from '../api/client';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { ConfirmButton } from '../components/confirm-button';
import { CopyButton } from '../components/copy-button';
import { FieldError } from '../components/field-error';
import { LoadingState, ProblemAlert } from '../components/page-state';
import { Pill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { plural } from '../lib/format';
import { ROLE_LABEL, ROLE_SUMMARY } from '../members/member-roles';
import { useWorkspace } from '../workspace/workspace-context';

/** Roles SSO may give newcomers: never owner or admin (ssoConfigBody.defaultRole). */
const DEFAULT_ROLES: readonly SsoDefaultRole[] = ['compliance_lead', 'engineer', 'auditor', 'viewer'];
const FIELDS = ['issuer', 'clientId', 'clientSecret', 'domains', 'defaultRole'];
const MAX_DOMAINS = 20;

/** "Example.com, @example.org  acme.io" → ["example.com", "example.org", "acme.io"]: lowercase, once each. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  return [...new Set(domains)];
}

const roleLabel = (role: string): string => ROLE_LABEL[role as MemberRole] ?? role;

/**
 * The server's refusal, field by field: `domains.3` names the domain as sent, and a 409 (a
 * domain another workspace already routes) goes under the domains too.
 */
function placeErrors(error: ApiError | undefined, sent: readonly string[]): { errors: Record<string, string>; unplaced: boolean } {
  if (!error) return { errors: {}, unplaced: false };
  const { problem } = error;
  const errors: Record<string, string> = {};
  const domainIssues: string[] = [];
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    const item = /^domains\.(\d+)$/.exec(field);
    if (item) domainIssues.push(`“${sent[Number(item[1])] ?? field}”: ${message}`);
    else errors[field] = message;
  }
  if (domainIssues.length > 0) errors['domains'] = [errors['domains'], ...domainIssues].filter(Boolean).join('; ');
  if (problem.status === 409) errors['domains'] = problem.detail ?? problem.title;
  const unplaced = problem.status !== 409 && (!problem.errors?.length || problem.errors.some((e) => !FIELDS.includes(e.field) && !/^domains\.\d+$/.test(e.field)));
  return { errors, unplaced };
}

interface FormProps {
  /** The settings being edited; none when single sign-on is being turned on. */
  initial: SsoConfig | null;
  onSaved: (config: SsoConfig) => void;
  onCancel?: () => void;
}

function SsoForm({ initial, onSaved, onCancel }: FormProps) {
  const { workspace } = useWorkspace();
  const id = useId();
  const [issuer, setIssuer] = useState(initial?.issuer ?? '');
  const [clientId, setClientId] = useState(initial?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState(initial?.domains.join(', ') ?? '');
  const [defaultRole, setDefaultRole] = useState<SsoDefaultRole>(DEFAULT_ROLES.includes(initial?.defaultRole as SsoDefaultRole) ? (initial?.defaultRole as SsoDefaultRole) : 'viewer');
  // The domains as last sent: a `domains.2` error names the third of these.
  const [sent, setSent] = useState<string[]>([]);
  const save = useAction((body: SsoConfigBody) => api.setSsoConfig(workspace.id, body));
  const { errors, unplaced } = placeErrors(save.error, sent);
  const keepsSecret = Boolean(initial?.clientSecretSet);
  const parsed = parseDomains(domains);
  // "Edit" replaced the button that had focus with this form: carry on in its first field.
  const issuerRef = useRef<HTMLInputElement>(null);
  const editing = initial !== null;
  useEffect(() => {
    if (editing) issuerRef.current?.focus();
  }, [editing]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSent(parsed);
    const saved = await save.run({
      issuer: issuer.trim(),
      clientId: clientId.trim(),
      // Write-only: an empty box on an update keeps the stored secret.
      ...(clientSecret ? { clientSecret } : {}),
      domains: parsed,
      defaultRole,
    });
    if (saved) onSaved(saved);
  }

  const invalid = (field: string) => (errors[field] ? 'field-invalid' : '');
  return (
    <form className="form sso-form" onSubmit={submit} noValidate data-testid="sso-form" data-mode={initial ? 'edit' : 'create'}>
      <div className="form-grid">
        <div className={`field ${invalid('issuer')}`}>
          <label htmlFor={`${id}-issuer`}>
            Issuer URL<span className="required"> *</span>
          </label>
          <input
            ref={issuerRef}
            id={`${id}-issuer`}
            type="url"
            className="input"
            autoComplete="off"
            spellCheck={false}
            value={issuer}
            onChange={(e) => setIssuer(e.target.value)}
            placeholder="https://login.example.com/your-tenant"
            aria-invalid={Boolean(errors['issuer'])}
            aria-describedby={`${id}-issuer-help`}
            data-testid="sso-issuer"
          />
          <p id={`${id}-issuer-help`} className="field-help">
            Checked when you save: Astrolabe fetches the provider’s OpenID discovery document.
          </p>
          <FieldError message={errors['issuer']} testId="sso-issuer-error" />
        </div>
        <div className={`field ${invalid('clientId')}`}>
          <label htmlFor={`${id}-client-id`}>
            Client ID<span className="required"> *</span>
          </label>
          <input
            id={`${id}-client-id`}
            className="input"
            autoComplete="off"
            spellCheck={false}
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
            aria-invalid={Boolean(errors['clientId'])}
            data-testid="sso-client-id"
          />
          <FieldError message={errors['clientId']} testId="sso-client-id-error" />
        </div>
        <div className={`field ${invalid('clientSecret')}`}>
          <label htmlFor={`${id}-client-secret`}>
            Client secret{keepsSecret ? <span className="optional"> leave empty to keep the current one</span> : <span className="required"> *</span>}
          </label>
          <input
            id={`${id}-client-secret`}
            type="password"
            className="input"
            autoComplete="new-password"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            placeholder={keepsSecret ? 'Set (not shown)' : undefined}
            aria-invalid={Boolean(errors['clientSecret'])}
            aria-describedby={`${id}-secret-help`}
            data-testid="sso-client-secret"
          />
          <p id={`${id}-secret-help`} className="field-help">
            Stored encrypted and never shown again.
          </p>
          <FieldError message={errors['clientSecret']} testId="sso-client-secret-error" />
        </div>
        <div className={`field ${invalid('defaultRole')}`}>
          <label htmlFor={`${id}-role`}>Default role</label>
          <select
            id={`${id}-role`}
            className="input"
            value={defaultRole}
            onChange={(e) => setDefaultRole(e.target.value as SsoDefaultRole)}
            aria-describedby={`${id}-role-help`}
            data-testid="sso-default-role"
          >
            {DEFAULT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          <p id={`${id}-role-help`} className="field-help">
            For people new to this workspace: {ROLE_SUMMARY[defaultRole].toLowerCase()}. Members keep their role.
          </p>
          <FieldError message={errors['defaultRole']} testId="sso-default-role-error" />
        </div>
        <div className={`field field-span ${invalid('domains')}`}>
          <label htmlFor={`${id}-domains`}>Email domains</label>
          <input
            id={`${id}-domains`}
            className="input"
            autoComplete="off"
            spellCheck={false}
            value={domains}
            onChange={(e) => setDomains(e.target.value)}
            placeholder="example.com, example.org"
            aria-invalid={Boolean(errors['domains'])}
            aria-describedby={`${id}-domains-help`}
            data-testid="sso-domains"
          />
          <p id={`${id}-domains-help`} className="field-help">
            Separated by commas or spaces, up to {MAX_DOMAINS}
            {parsed.length > 0 && <> ({plural(parsed.length, 'domain')} now)</>}. A domain signs in to one workspace only. With none, nobody is sent to
            the provider.
          </p>
          <FieldError message={errors['domains']} testId="sso-domains-error" />
        </div>
      </div>
      {unplaced && save.error && <ProblemAlert error={save.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.pending} data-testid="sso-submit">
          {save.pending ? 'Checking the issuer…' : initial ? 'Save changes' : 'Turn on single sign-on'}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={save.pending} data-testid="sso-cancel">
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function SsoSummary({ config, onEdit, onTurnedOff }: { config: SsoConfig; onEdit: () => void; onTurnedOff: () => void }) {
  const { workspace } = useWorkspace();
  const id = useId();
  // DELETE answers 204 with no body: `true` tells success from a failure (undefined).
  const turnOff = useAction(async () => {
    await api.removeSsoConfig(workspace.id);
    return true;
  });
  return (
    <>
      <dl className="facts sso-facts" data-testid="sso-config">
        <div>
          <dt>Issuer</dt>
          <dd className="mono small break" data-testid="sso-issuer-value">
            {config.issuer}
          </dd>
        </div>
        <div>
          <dt>Client ID</dt>
          <dd className="mono small break" data-testid="sso-client-id-value">
            {config.clientId}
          </dd>
        </div>
        <div>
          <dt>Client secret</dt>
          <dd data-testid="sso-secret-set" data-set={String(config.clientSecretSet)}>
            {config.clientSecretSet ? 'Set (encrypted, never shown)' : <span className="text-bad">Not set</span>}
          </dd>
        </div>
        <div>
          <dt>Default role</dt>
          <dd data-testid="sso-default-role-value" data-role={config.defaultRole}>
            {roleLabel(config.defaultRole)}
          </dd>
        </div>
        <div className="facts-wide">
          <dt>Email domains</dt>
          <dd>
            {config.domains.length > 0 ? (
              <ul className="chip-list" aria-label="Email domains" data-testid="sso-domains-value" data-count={config.domains.length}>
                {config.domains.map((d) => (
                  <li key={d} className="chip chip-static" data-testid="sso-domain" data-domain={d}>
                    {d}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted" data-testid="sso-domains-value" data-count={0}>
                None yet: nobody is sent to the provider until a domain is listed.
              </span>
            )}
          </dd>
        </div>
        <div className="facts-wide">
          <dt>
            <label htmlFor={`${id}-redirect`}>Redirect URI</label>
          </dt>
          <dd>
            <div className="copy-field">
              <input
                id={`${id}-redirect`}
                className="input mono"
                readOnly
                value={config.redirectUri}
                onFocus={(e) => e.currentTarget.select()}
                aria-describedby={`${id}-redirect-help`}
                data-testid="sso-redirect-uri"
              />
              <CopyButton text={config.redirectUri} testId="sso-redirect-uri-copy" />
            </div>
            <p id={`${id}-redirect-help`} className="field-help">
              Register it at your identity provider as the app’s sign-in redirect (callback) URI.
            </p>
          </dd>
        </div>
      </dl>
      <div className="form-actions sso-actions">
        <button type="button" className="btn btn-small" onClick={onEdit} disabled={turnOff.pending} data-testid="sso-edit">
          Edit
        </button>
        <ConfirmButton
          label="Turn off"
          question="Turn off single sign-on?"
          confirmLabel="Turn off"
          pending={turnOff.pending}
          testId="sso-turn-off"
          onConfirm={async () => {
            if (await turnOff.run()) onTurnedOff();
          }}
        />
        <span className="muted small">
          Updated <TimeAgo iso={config.updatedAt} />
        </span>
      </div>
      {turnOff.error && (
        <p className="field-error" role="alert" data-testid="sso-turn-off-error">
          {turnOff.error.problem.detail ?? turnOff.error.problem.title}
        </p>
      )}
    </>
  );
}

/**
 * Per-workspace OIDC single sign-on (owners and admins): the issuer, the client, the email
 * domains routed to it and the role newcomers get; the redirect URI to register at the provider.
 */
export function SsoSection() {
  const { workspace } = useWorkspace();
  const sso = useResource(`sso:${workspace.id}`, (signal) => api.ssoConfig(workspace.id, signal));
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'info'; text: string } | null>(null);
  const config = sso.data ?? null;

  return (
    <section className="card card-flush section" data-testid="settings-sso" data-configured={sso.data === undefined ? undefined : String(config !== null)}>
      <div className="card-head card-head-padded">
        <h2>Single sign-on (OIDC)</h2>
        {sso.data !== undefined && <Pill tone={config ? 'good' : 'muted'} label={config ? 'On' : 'Off'} value={config ? 'on' : 'off'} testId="sso-state" />}
      </div>
      <div className="card-pad">
        {sso.error && <ProblemAlert error={sso.error} onRetry={sso.reload} />}
        {sso.data === undefined && !sso.error && <LoadingState label="Loading single sign-on" />}
        {sso.data !== undefined && (
          <>
            {!config && (
              <p className="muted small sso-intro" data-testid="sso-intro">
                People whose email domain is listed sign in through your identity provider; anyone new to the workspace joins with the default role, and an SSO
                session acts only in this workspace.
              </p>
            )}
            {notice && (
              <p className={`alert alert-${notice.tone} sso-notice`} role="status" data-testid="sso-notice" data-tone={notice.tone}>
                {notice.text}
              </p>
            )}
            {config && !editing ? (
              <SsoSummary
                config={config}
                onEdit={() => {
                  setNotice(null);
                  setEditing(true);
                }}
                onTurnedOff={() => {
                  sso.replace(null);
                  setNotice({ tone: 'info', text: 'Single sign-on is off: sign-ins through the identity provider are refused until it is set up again.' });
                }}
              />
            ) : (
              <SsoForm
                key={config ? config.updatedAt : 'new'}
                initial={config}
                onCancel={config ? () => setEditing(false) : undefined}
                onSaved={(saved) => {
                  setNotice({
                    tone: 'success',
                    text: config ? 'Saved.' : 'Single sign-on is on. Register the redirect URI below at your identity provider, then sign in with an address at one of the domains to try it.',
                  });
                  sso.replace(saved);
                  setEditing(false);
                }}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}
