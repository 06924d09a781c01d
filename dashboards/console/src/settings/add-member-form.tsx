import type { MemberView } from '@astrolabe/api-contract';
import { useId, useState, type FormEvent } from 'react';
import { api, type MemberRole } from '../api/client';
import { useAction } from '../api/use-action';
import { FieldError } from '../components/field-error';
import { ProblemAlert } from '../components/page-state';
import { useMembers } from '../members/members-context';
import { grantableRoles } from '@astrolabe/api-contract';
import { ROLE_LABEL } from '../members/member-roles';
import { useWorkspace } from '../workspace/workspace-context';

const FIELDS = ['displayName', 'email', 'role'];

/**
 * Adds a person by name and email without an account: someone who owns controls or reviews
 * evidence. To let them sign in, invite the same email (the invitation links the account).
 */
export function AddMemberForm() {
  const { workspace } = useWorkspace();
  const { upsertMember, role: myRole } = useMembers();
  const roles = myRole ? grantableRoles(myRole) : [];
  const id = useId();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('engineer');
  const [added, setAdded] = useState<MemberView | null>(null);
  const add = useAction(() => api.createMember(workspace.id, { displayName: displayName.trim(), email: email.trim(), role }));
  const problem = add.error?.problem;
  const errors = add.error?.fieldErrors() ?? {};
  // 409: that email already belongs to a member.
  if (problem?.status === 409 && problem.detail) errors['email'] = problem.detail;
  const unplaced = add.error && problem?.status !== 409 && (!problem?.errors?.length || problem.errors.some((e) => !FIELDS.includes(e.field)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAdded(null);
    const saved = await add.run();
    if (!saved) return;
    upsertMember(saved);
    setAdded(saved);
    setDisplayName('');
    setEmail('');
  }

  return (
    <form className="form add-member-form" onSubmit={submit} noValidate data-testid="add-member-form">
      <h3 className="card-title-small">Add a person without sign-in</h3>
      <p className="muted small form-intro">For control owners and evidence reviewers who do not use Astrolabe. To give someone access, invite them instead.</p>
      <div className="form-grid form-grid-3">
        <div className={`field ${errors['displayName'] ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-name`}>
            Name<span className="required"> *</span>
          </label>
          <input id={`${id}-name`} className="input" value={displayName} onChange={(e) => setDisplayName(e.target.value)} data-testid="new-member-name" />
          <FieldError message={errors['displayName']} testId="new-member-name-error" />
        </div>
        <div className={`field ${errors['email'] ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-email`}>
            Email<span className="required"> *</span>
          </label>
          <input id={`${id}-email`} type="email" className="input" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="new-member-email" />
          <FieldError message={errors['email']} testId="new-member-email-error" />
        </div>
        <div className={`field ${errors['role'] ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-role`}>Role</label>
          <select id={`${id}-role`} className="input" value={role} onChange={(e) => setRole(e.target.value as MemberRole)} data-testid="new-member-role">
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
          <FieldError message={errors['role']} testId="new-member-role-error" />
        </div>
      </div>
      {unplaced && add.error && <ProblemAlert error={add.error} />}
      {added && (
        <div className="alert alert-success" role="status" data-testid="member-added" data-member={added.id}>
          <div>
            <strong>{added.displayName}</strong> added as {ROLE_LABEL[added.role].toLowerCase()}, without sign-in.
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={add.pending} data-testid="new-member-submit">
          {add.pending ? 'Adding…' : 'Add member'}
        </button>
      </div>
    </form>
  );
}
