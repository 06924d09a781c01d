import type { Permission } from '@astrolabe/api-contract';

/** The actions services re-check before changing a compliance program (a subset of the matrix in @astrolabe/api-contract). */
export type ProgramAction = Extract<
  Permission,
  'members.manage' | 'program.configure' | 'controls.assign' | 'controls.create' | 'evidence.upload' | 'exceptions.request' | 'exceptions.decide' | 'exceptions.revoke'
>;
