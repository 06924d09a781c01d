import type { MemberRole } from '../api/client';

export const ROLE_LABEL: Record<MemberRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  compliance_lead: 'Compliance lead',
  engineer: 'Engineer',
  auditor: 'Auditor',
  viewer: 'Viewer',
};

/** Every role, most powerful first (the order of ROLE_LABEL). */
export const MEMBER_ROLES = Object.keys(ROLE_LABEL) as MemberRole[];
