import { useActingMember } from './acting-member-context';
import { ROLE_LABEL } from './member-roles';

/** Header control: which member the console acts as (sent with every change until sign-in exists). */
export function ActingMemberSelect() {
  const { member, members, loading, error, select } = useActingMember();
  return (
    <div className="acting-as" data-testid="acting-as" data-member={member?.id} data-role={member?.role} title="Until sign-in exists, every change is recorded as this member">
      <label htmlFor="acting-as-select" className="acting-as-label">
        Acting as
      </label>
      {error ? (
        <span className="text-bad small">Members could not be loaded ({error.problem.title})</span>
      ) : loading && !member ? (
        <span className="muted small">Loading members…</span>
      ) : members.length === 0 ? (
        <span className="muted small">No member in this workspace</span>
      ) : (
        <select id="acting-as-select" className="input acting-as-select" data-testid="acting-as-select" value={member?.id ?? ''} onChange={(e) => select(e.target.value)}>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName} ({ROLE_LABEL[m.role]})
              </option>
            ))}
          </select>
      )}
    </div>
  );
}
