// Who may do what, without zod: the console imports this at runtime, and it must not pull the
// schema library into the browser bundle (schemas are used there as types only).

export const MEMBER_ROLES = ['owner', 'admin', 'compliance_lead', 'engineer', 'auditor', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Send the session's csrfToken back in this header on every state-changing request made with the cookie. */
export const CSRF_HEADER = 'x-csrf-token';

const ALL: readonly MemberRole[] = MEMBER_ROLES;
const ADMINS: readonly MemberRole[] = ['owner', 'admin'];
const LEADS: readonly MemberRole[] = ['owner', 'admin', 'compliance_lead'];
const DOERS: readonly MemberRole[] = ['owner', 'admin', 'compliance_lead', 'engineer'];

/**
 * The permission matrix, as data: every workspace endpoint names one of these (see the server's
 * route table) and a test calls every endpoint as every role against this table. auditor and
 * viewer are read-only; an auditor also reads the audit log and evidence files (that is what
 * they are there for), a viewer sees the dashboard but not the audit trail or raw evidence.
 */
export const PERMISSIONS = {
  'workspace.read': ALL,
  'evidence.read': ['owner', 'admin', 'compliance_lead', 'engineer', 'auditor'],
  'audit.read': ['owner', 'admin', 'compliance_lead', 'auditor'],
  'connections.manage': ADMINS,
  'runs.start': DOERS,
  'members.manage': ADMINS,
  'tokens.manage': ADMINS,
  'sso.manage': ADMINS,
  'program.configure': LEADS,
  'controls.assign': LEADS,
  'controls.create': LEADS,
  'evidence.upload': DOERS,
  'exceptions.request': DOERS,
  // Approving accepts risk on the company's behalf: a lead or above, and never the requester.
  'exceptions.decide': LEADS,
  'exceptions.revoke': LEADS,
} as const satisfies Record<string, readonly MemberRole[]>;

export type Permission = keyof typeof PERMISSIONS;
/** Endpoints outside a workspace: open to anyone, or to anyone signed in. */
export type RouteAccess = Permission | 'public' | 'signed_in';

export function roleMay(role: MemberRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly MemberRole[]).includes(role);
}

/** Roles that a member holding `role` may hand out (in an invitation, a role change or a token). */
export function grantableRoles(role: MemberRole): readonly MemberRole[] {
  if (role === 'owner') return MEMBER_ROLES;
  if (role === 'admin') return MEMBER_ROLES.filter((r) => r !== 'owner');
  return [];
}

