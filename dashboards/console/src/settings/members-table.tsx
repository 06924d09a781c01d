import type { MemberView } from '@astrolabe/api-contract';
import { formatDate } from '../lib/format';
import { MemberAccessWindow } from './member-access-window';
import { MemberRoleSelect } from './member-role-select';

/** The workspace's members: role (editable by owners and admins), whether they can sign in, access window. */
export function MembersTable({ members, meId, manages }: { members: readonly MemberView[]; meId: string | undefined; manages: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table table-fixed" data-testid="members-table" data-count={members.length}>
        <colgroup>
          <col />
          <col />
          <col style={{ width: 190 }} />
          <col style={{ width: 130 }} />
          <col style={{ width: 230 }} />
          <col style={{ width: 110 }} />
        </colgroup>
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Sign-in</th>
            <th>Access window</th>
            <th>Added</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-testid={`member-row-${m.id}`} data-role={m.role} data-account={m.hasAccount}>
              <td>
                <span className="cell-title">{m.displayName}</span>
                {m.id === meId && <span className="tag">You</span>}
              </td>
              <td className="truncate" title={m.email}>
                {m.email}
              </td>
              <td>
                <MemberRoleSelect member={m} />
              </td>
              <td data-testid="member-account">
                {m.hasAccount ? (
                  <span className="account-yes">Has an account</span>
                ) : (
                  <span className="muted small" title="Added by email (e.g. as a control owner); invite the same email to let them sign in">
                    No account
                  </span>
                )}
              </td>
              <td>
                {/* Nobody limits their own access from here: a typo would lock them out. */}
                <MemberAccessWindow member={m} editable={manages && m.id !== meId} />
              </td>
              <td className="muted small">{formatDate(m.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
