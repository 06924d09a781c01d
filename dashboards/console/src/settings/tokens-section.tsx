import { grantableRoles } from '@astrolabe/api-contract';
import { useId, useState, type FormEvent } from 'react';
import { api, type ApiTokenView, type CreatedToken, type MemberRole } from '../api/client';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { FieldError } from '../components/field-error';
import { RevokeCell } from '../components/revoke-cell';
import { EmptyState, LoadingState, ProblemAlert } from '../components/page-state';
import { Pill, type Tone } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { endOfDay, localDayFromNow } from '../lib/date-input';
import { formatDate } from '../lib/format';
import { upsertById } from '../lib/upsert';
import { ROLE_LABEL } from '../members/member-roles';
import { useMembers } from '../members/members-context';
import { useWorkspace } from '../workspace/workspace-context';
import { OneTimeSecret } from './one-time-secret';

const STATE: Record<ApiTokenView['state'], [Tone, string]> = {
  active: ['good', 'Active'],
  expired: ['muted', 'Expired'],
  revoked: ['none', 'Revoked'],
};
const FIELDS = ['name', 'role', 'expiresAt'];

function TokenForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const { workspace } = useWorkspace();
  const { role: myRole } = useMembers();
  const roles = myRole ? grantableRoles(myRole) : [];
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<MemberRole>('viewer');
  const [expires, setExpires] = useState(() => localDayFromNow(90));
  const create = useAction(() => api.createToken(workspace.id, { name: name.trim(), role, ...(endOfDay(expires) ? { expiresAt: endOfDay(expires) } : {}) }));
  const errors = create.error?.fieldErrors() ?? {};
  const unplaced = create.error && (!create.error.problem.errors?.length || create.error.problem.errors.some((e) => !FIELDS.includes(e.field)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await create.run();
    if (!created) return;
    onCreated(created);
    setName('');
  }

  return (
    <form className="form token-form" onSubmit={submit} noValidate data-testid="token-form">
      <div className="form-grid form-grid-3">
        <div className={`field ${errors['name'] ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-name`}>
            Name<span className="required"> *</span>
          </label>
          <input id={`${id}-name`} className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. GitHub Actions nightly export" data-testid="token-name" />
          <FieldError message={errors['name']} testId="token-name-error" />
        </div>
        <div className={`field ${errors['role'] ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} className="input" value={role} onChange={(e) => setRole(e.target.value as MemberRole)} data-testid="token-role">
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          <p className="field-help">Give it the least it needs; it never does more than you can.</p>
          <FieldError message={errors['role']} testId="token-role-error" />
        </div>
        <div className={`field ${errors['expiresAt'] ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-expires`}>
            Expires on <span className="optional">optional</span>
          </label>
          <input id={`${id}-expires`} type="date" className="input" value={expires} min={localDayFromNow(1)} max={localDayFromNow(365)} onChange={(e) => setExpires(e.target.value)} data-testid="token-expires" />
          <p className="field-help">At most a year ahead. Empty: no expiry (still revocable).</p>
          <FieldError message={errors['expiresAt']} testId="token-expires-error" />
        </div>
      </div>
      {unplaced && create.error && <ProblemAlert error={create.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.pending} data-testid="token-submit">
          {create.pending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

function TokenRow({ token: t, onRevoked }: { token: ApiTokenView; onRevoked: (t: ApiTokenView) => void }) {
  const { workspace } = useWorkspace();
  const revoke = useAction(() => api.revokeToken(workspace.id, t.id));
  const [tone, label] = STATE[t.state];
  return (
    <tr data-testid={`token-row-${t.id}`} data-state={t.state} data-name={t.name}>
      <td className="truncate" title={t.name}>
        <span className="cell-title">{t.name}</span>
      </td>
      <td>{ROLE_LABEL[t.role]}</td>
      <td className="small">
        {t.createdBy.displayName}
        <div className="cell-sub">
          <TimeAgo iso={t.createdAt} />
        </div>
      </td>
      <td className="small nowrap">{t.expiresAt ? formatDate(t.expiresAt) : <span className="muted">Never</span>}</td>
      <td className="small nowrap" data-testid="token-last-used">
        {t.lastUsedAt ? <TimeAgo iso={t.lastUsedAt} /> : <span className="muted">Never used</span>}
      </td>
      <td>
        <Pill tone={tone} label={label} value={t.state} testId="token-state" />
      </td>
      <RevokeCell revocable={t.state === 'active'} question="Revoke? Jobs using it stop working." testId="token-revoke" revoke={revoke} onRevoked={onRevoked} />
    </tr>
  );
}

/** API tokens for the CLI and CI: this workspace only, one role, the value shown once. */
export function TokensSection() {
  const { workspace } = useWorkspace();
  const tokens = useResource(`tokens:${workspace.id}`, (signal) => api.tokens(workspace.id, signal));
  // Every token made here stays on screen until dismissed: making a second one must not lose the first.
  const [created, setCreated] = useState<CreatedToken[]>([]);
  const items = tokens.data?.items ?? [];
  const upsert = (t: ApiTokenView) => tokens.replace({ items: upsertById(items, t) });

  return (
    <section className="card card-flush section" data-testid="settings-tokens">
      <div className="card-head card-head-padded">
        <h2>API tokens</h2>
        <span className="muted small">For the CLI and CI jobs: sent as “Authorization: Bearer …”, scoped to this workspace.</span>
      </div>
      <div className="card-pad">
        {created.map((c) => (
          <OneTimeSecret
            key={c.id}
            title={`Token “${c.name}” (${ROLE_LABEL[c.role].toLowerCase()})`}
            label="Token"
            value={c.token}
            testId="token-created"
            valueTestId="token-value"
            copyTestId="token-copy"
            onDismiss={() => setCreated((list) => list.filter((x) => x.id !== c.id))}
            note={<>Copy it into your CI secret store now: it is shown only once, and the server keeps only a hash. {c.expiresAt ? `It expires on ${formatDate(c.expiresAt)}.` : 'It does not expire; revoke it when it is no longer needed.'}</>}
          >
            <pre className="one-time-secret-example">
              <code>{`curl -H "Authorization: Bearer ${c.token}" ${window.location.origin}/api/v1/workspaces/${workspace.id}/overview`}</code>
            </pre>
          </OneTimeSecret>
        ))}
        <TokenForm
          onCreated={(c) => {
            setCreated((list) => [c, ...list]);
            const { token: _token, ...view } = c;
            upsert(view);
          }}
        />
      </div>
      {tokens.error && (
        <div className="card-pad">
          <ProblemAlert error={tokens.error} onRetry={tokens.reload} />
        </div>
      )}
      {!tokens.data && !tokens.error && <LoadingState label="Loading tokens" />}
      {tokens.data && items.length === 0 && <EmptyState title="No API token yet" />}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table table-fixed" data-testid="tokens-table" data-count={items.length}>
            <colgroup>
              <col />
              <col style={{ width: 130 }} />
              <col style={{ width: 140 }} />
              <col style={{ width: 115 }} />
              <col style={{ width: 115 }} />
              <col style={{ width: 100 }} />
              <col style={{ width: 170 }} />
            </colgroup>
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>Created by</th>
                <th>Expires</th>
                <th>Last used</th>
                <th>State</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <TokenRow key={t.id} token={t} onRevoked={upsert} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
