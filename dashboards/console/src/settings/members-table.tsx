import type { MemberView } from '@astrolabe/api-contract';
import { formatDate } from '../lib/format';
import { MemberRoleSelect } from './member-role-select';

/** The workspace's members, each role editable in place. */
export function MembersTable({ members, actingId }: { members: readonly MemberView[]; actingId: string | undefined }) {
  return (
    <div className="table-wrap">
      <table className="table table-fixed" data-testid="members-table" data-count={members.length}>
        <colgroup>
          <col />
          <col />
          <col style={{ width: 240 }} />
          <col style={{ width: 120 }} />
        </colgroup>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Added</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-testid={`member-row-${m.id}`} data-role={m.role}>
              <td>
                <span className="cell-title">{m.displayName}</span>
                {m.id === actingId && <span className="tag">You</span>}
              </td>
              <td className="truncate">{m.email}</td>
              <td>
                <MemberRoleSelect member={m} />
              </td>
              <td className="muted small">{formatDate(m.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
