import type { MemberRole } from '../api/client';
import { useActingMember } from './acting-member-context';

/**
 * The server's role table (apps/server/src/members/permissions.ts) for the actions the console
 * offers or hides. The server still decides: this only keeps buttons a role may not use off screen.
 */
const PERMISSIONS = {
  'members.manage': ['owner', 'admin'],
  'program.configure': ['owner', 'admin', 'compliance_lead'],
  'controls.create': ['owner', 'admin', 'compliance_lead'],
} as const satisfies Record<string, readonly MemberRole[]>;

export type ConsoleAction = keyof typeof PERMISSIONS;

export function mayDo(role: MemberRole | undefined, action: ConsoleAction): boolean {
  return role !== undefined && (PERMISSIONS[action] as readonly MemberRole[]).includes(role);
}

/** Whether the acting member's role allows `action` (false while members load). */
export function useMay(action: ConsoleAction): boolean {
  const { member } = useActingMember();
  return mayDo(member?.role, action);
}
