import type { MemberRole } from '../api/client';

export const ROLE_LABEL: Record<MemberRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  compliance_lead: 'Compliance lead',
  engineer: 'Engineer',
  auditor: 'Auditor',
  viewer: 'Viewer',
};

/** What each role is for, in one line (sign-in personas, invitations). */
export const ROLE_SUMMARY: Record<MemberRole, string> = {
  owner: 'Everything, including members, access, tokens and connections',
  admin: 'Members, access and connections, and the whole program',
  compliance_lead: 'Runs the program: controls, frameworks, exceptions, SLAs',
  engineer: 'Fixes findings, uploads evidence, asks for exceptions',
  auditor: 'Reads everything, including evidence and the audit log; changes nothing',
  viewer: 'Reads the dashboards; no raw evidence, no audit log',
};

/** Every role, most powerful first (the order of ROLE_LABEL). */
export const MEMBER_ROLES = Object.keys(ROLE_LABEL) as MemberRole[];

/** "Jordan Reyes" → "JR". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => (p ?? '').charAt(0).toUpperCase()).join('') || '?';
}
