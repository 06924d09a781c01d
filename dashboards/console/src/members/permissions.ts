import { roleMay, type Permission } from '@astrolabe/api-contract';
import type { MemberRole } from '../api/client';
import { useMembers } from './members-context';

/**
 * The server's permission matrix (PERMISSIONS in the API contract), asked the same way the server
 * asks it. The server still decides: this only keeps what a role may not do off screen.
 */
export function mayDo(role: MemberRole | undefined, permission: Permission): boolean {
  return role !== undefined && roleMay(role, permission);
}

/** Whether the signed-in member's role here allows `permission` (false until known). */
export function useMay(permission: Permission): boolean {
  return mayDo(useMembers().role, permission);
}

/** "owner, admin or compliance lead": who may, for a note next to something hidden or disabled. */
export function rolesText(roles: readonly MemberRole[]): string {
  const names = roles.map((r) => r.replace(/_/g, ' ') + 's');
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
