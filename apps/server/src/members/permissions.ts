import { PERMISSIONS, roleMay, type MemberRole, type Permission } from '@astrolabe/api-contract';

/** The actions services check before changing a compliance program (a subset of the matrix). */
export type ProgramAction = Extract<
  Permission,
  'members.manage' | 'program.configure' | 'controls.assign' | 'controls.create' | 'evidence.upload' | 'exceptions.request' | 'exceptions.decide' | 'exceptions.revoke'
>;

export const PROGRAM_PERMISSIONS = PERMISSIONS;

export function mayDo(role: MemberRole, action: Permission): boolean {
  return roleMay(role, action);
}
