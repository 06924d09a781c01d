import type { MemberView } from '@astrolabe/api-contract';
import { api, type MemberRole } from '../api/client';
import { useAction } from '../api/use-action';
import { useActingMember } from '../members/acting-member-context';
import { MEMBER_ROLES, ROLE_LABEL } from '../members/member-roles';
import { useWorkspace } from '../workspace/workspace-context';

/** Changes a member's role on change; a refusal (403 for the acting role, 409 for the last owner) stays under it. */
export function MemberRoleSelect({ member }: { member: MemberView }) {
  const { workspace } = useWorkspace();
  const { upsertMember } = useActingMember();
  const save = useAction((role: MemberRole) => api.updateMemberRole(workspace.id, member.id, role));
  const error = save.error;
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
        {MEMBER_ROLES.map((r) => (
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
