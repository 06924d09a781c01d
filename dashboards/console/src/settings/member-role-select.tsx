import type { MemberView } from '@astrolabe/api-contract';
import { grantableRoles } from '@astrolabe/api-contract';
import { api, type MemberRole } from '../api/client';
import { useAction } from '../api/use-action';
import { ROLE_LABEL } from '../members/member-roles';
import { useMembers } from '../members/members-context';
import { mayDo } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

/**
 * A member's role: a select for owners and admins (only the roles they may hand out; an admin
 * cannot change an owner), plain text for everyone else. A refusal (409 for the last owner)
 * stays under it.
 */
export function MemberRoleSelect({ member }: { member: MemberView }) {
  const { workspace } = useWorkspace();
  const { role: myRole, upsertMember } = useMembers();
  const save = useAction((role: MemberRole) => api.updateMember(workspace.id, member.id, { role }));
  const error = save.error;
  const grantable = myRole && mayDo(myRole, 'members.manage') ? grantableRoles(myRole) : [];
  if (!grantable.includes(member.role)) {
    return (
      <span className="member-role-text" data-testid="member-role-text">
        {ROLE_LABEL[member.role]}
      </span>
    );
  }
  return (
    <div className="member-role">
      <select
        className="input input-small"
        value={member.role}
        disabled={save.pending}
        aria-label={`Role of ${member.displayName}`}
        aria-invalid={error ? true : undefined}
        data-testid="member-role"
        onChange={async (e) => {
          const saved = await save.run(e.target.value as MemberRole);
          if (saved) upsertMember(saved);
        }}
      >
        {grantable.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      {error && (
        <p className="field-error" role="alert" data-testid="member-role-error" data-status={error.status}>
          {error.fieldErrors()['role'] ?? error.problem.detail ?? error.problem.title}
        </p>
      )}
    </div>
  );
}
