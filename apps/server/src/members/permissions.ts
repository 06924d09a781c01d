import type { MemberRole } from '@astrolabe/api-contract';

/**
 * Who may do what in a compliance program, as data. The product-security issue extends this into
 * the full endpoint × role matrix; the program actions are defined here so every service asks the
 * same table. auditor and viewer are read-only by design.
 */
export const PROGRAM_PERMISSIONS = {
  'members.manage': ['owner', 'admin'],
  'program.configure': ['owner', 'admin', 'compliance_lead'],
  'controls.assign': ['owner', 'admin', 'compliance_lead'],
  'controls.create': ['owner', 'admin', 'compliance_lead'],
  'evidence.upload': ['owner', 'admin', 'compliance_lead', 'engineer'],
  'exceptions.request': ['owner', 'admin', 'compliance_lead', 'engineer'],
  // Approving accepts risk on the company's behalf: a lead or above, and never the requester.
  'exceptions.decide': ['owner', 'admin', 'compliance_lead'],
  'exceptions.revoke': ['owner', 'admin', 'compliance_lead'],
} as const satisfies Record<string, readonly MemberRole[]>;

export type ProgramAction = keyof typeof PROGRAM_PERMISSIONS;

export function mayDo(role: MemberRole, action: ProgramAction): boolean {
  return (PROGRAM_PERMISSIONS[action] as readonly MemberRole[]).includes(role);
}
