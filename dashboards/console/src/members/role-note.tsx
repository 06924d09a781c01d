import { PERMISSIONS, type Permission } from '@astrolabe/api-contract';
import { ROLE_LABEL } from './member-roles';
import { useMembers } from './members-context';
import { mayDo, rolesText } from './permissions';

/**
 * Says why an action is missing: "Your role (Auditor) cannot upload evidence; owners, admins,
 * compliance leads and engineers can." Renders nothing when the role may, or is not known yet.
 */
export function RoleNote({ permission, action, testId }: { permission: Permission; action: string; testId?: string }) {
  const { role } = useMembers();
  if (!role || mayDo(role, permission)) return null;
  return (
    <p className="muted small role-note" data-testid={testId} data-permission={permission}>
      Your role ({ROLE_LABEL[role]}) cannot {action}; {rolesText(PERMISSIONS[permission])} can.
    </p>
  );
}
