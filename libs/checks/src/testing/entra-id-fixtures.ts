import {
  ENTRA_KINDS,
  ENTRA_ROLE_TEMPLATES,
  entraConditionalAccessPolicyResourceId,
  entraRoleAssignmentResourceId,
  entraTenantResourceId,
  entraUserResourceId,
  type EntraConditionalAccessPolicy,
  type EntraDirectoryRoleAssignment,
  type EntraMfaRegistration,
  type EntraUser,
  type EntraUserSignInActivity,
  type EvaluationContext,
} from '@astrolabe/core';
import { evidenceBuilder, type EvidenceBuilder } from './evidence-builder';
import type { UnavailableEvidenceSetup } from './unavailable-evidence';

export const TENANT_ID = '8f3c2a61-4d7e-4b9a-9c1e-2b5f6a7d8e90';
export const TENANT_RESOURCE_ID = entraTenantResourceId(TENANT_ID);
export const DOMAIN = 'contoso.onmicrosoft.com';
export const NOW = new Date('2026-06-01T12:00:00Z');
const DAY_MS = 86_400_000;

export function entraContext(now: Date = NOW): EvaluationContext {
  return { now, scope: { id: TENANT_RESOURCE_ID, type: 'entra-id:tenant', name: 'Contoso' } };
}

/** The permission whose absence makes the connector fail each kind (named in `unknown` reasons). */
export const ENTRA_KIND_PERMISSIONS: Record<string, string> = {
  [ENTRA_KINDS.user]: 'User.Read.All',
  [ENTRA_KINDS.userSignInActivity]: 'AuditLog.Read.All',
  [ENTRA_KINDS.mfaRegistration]: 'AuditLog.Read.All',
  [ENTRA_KINDS.directoryRoleAssignment]: 'RoleManagement.Read.Directory',
  [ENTRA_KINDS.conditionalAccessPolicy]: 'Policy.Read.All',
  [ENTRA_KINDS.securityDefaults]: 'Policy.Read.All',
};

export const ENTRA_SETUP: UnavailableEvidenceSetup = { context: () => entraContext(), permissionFor: (kind) => ENTRA_KIND_PERMISSIONS[kind] ?? `read ${kind}` };

/** A stable object id from a name, so fixtures (and their hashes) do not depend on call order. */
export function objectId(name: string): string {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}

export const daysAgo = (days: number, now: Date = NOW): string => new Date(now.getTime() - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const upn = (name: string) => `${name}@${DOMAIN}`;
export const userId = (name: string) => entraUserResourceId(objectId(name));

export function member(name: string, overrides: Partial<EntraUser> = {}): EntraUser {
  return { id: objectId(name), userPrincipalName: upn(name), displayName: name, userType: 'Member', accountEnabled: true, createdDateTime: daysAgo(400), externalUserState: null, ...overrides };
}

export function guest(name: string, home = 'partner.example', overrides: Partial<EntraUser> = {}): EntraUser {
  return member(name, { userPrincipalName: `${name}_${home}#EXT#@${DOMAIN}`, userType: 'Guest', externalUserState: 'Accepted', ...overrides });
}

/** Sign-in activity with every timestamp `days` ago (null: never signed in). */
export function signIn(user: EntraUser, days: number | null, overrides: Partial<EntraUserSignInActivity> = {}): EntraUserSignInActivity {
  const at = days === null ? null : daysAgo(days);
  return { userId: user.id, lastSignInDateTime: at, lastNonInteractiveSignInDateTime: at, lastSuccessfulSignInDateTime: at, ...overrides };
}

export function registration(user: EntraUser, overrides: Partial<EntraMfaRegistration> = {}): EntraMfaRegistration {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    userType: user.userType === 'Guest' ? 'guest' : 'member',
    isAdmin: false,
    isMfaRegistered: true,
    isMfaCapable: true,
    methodsRegistered: ['microsoftAuthenticatorPush'],
    lastUpdatedDateTime: daysAgo(0),
    ...overrides,
  };
}

/** Users with their sign-in activity (default: yesterday) and registration rows (default: registered). */
export function withUsers(
  entries: readonly (EntraUser | { user: EntraUser; signIn?: Partial<EntraUserSignInActivity> | 'none'; lastSignInDaysAgo?: number | null; registration?: Partial<EntraMfaRegistration> | 'none' })[],
  builder: EvidenceBuilder = evidenceBuilder(),
): EvidenceBuilder {
  builder.collected(ENTRA_KINDS.user).collected(ENTRA_KINDS.userSignInActivity).collected(ENTRA_KINDS.mfaRegistration);
  for (const entry of entries) {
    const e = 'user' in entry ? entry : { user: entry };
    const id = entraUserResourceId(e.user.id);
    builder.add(ENTRA_KINDS.user, id, e.user);
    if (e.signIn !== 'none') builder.add(ENTRA_KINDS.userSignInActivity, id, signIn(e.user, e.lastSignInDaysAgo === undefined ? 1 : e.lastSignInDaysAgo, e.signIn ?? {}));
    if (e.registration !== 'none') builder.add(ENTRA_KINDS.mfaRegistration, id, registration(e.user, e.registration ?? {}));
  }
  return builder;
}

let assignmentSeq = 0;

export function assignment(principal: EntraDirectoryRoleAssignment['principal'], overrides: Partial<EntraDirectoryRoleAssignment> = {}): EntraDirectoryRoleAssignment {
  assignmentSeq += 1;
  return {
    id: `assignment-${principal.id}-${overrides.roleTemplateId ?? ENTRA_ROLE_TEMPLATES.globalAdministrator}-${assignmentSeq}`,
    roleDefinitionId: ENTRA_ROLE_TEMPLATES.globalAdministrator,
    roleTemplateId: ENTRA_ROLE_TEMPLATES.globalAdministrator,
    roleDisplayName: 'Global Administrator',
    directoryScopeId: '/',
    principal,
    groupMembers: principal.type === 'group' ? [] : null,
    ...overrides,
  };
}

export const userPrincipal = (name: string): EntraDirectoryRoleAssignment['principal'] => ({ id: objectId(name), type: 'user', displayName: name, userPrincipalName: upn(name) });
export const groupPrincipal = (name: string): EntraDirectoryRoleAssignment['principal'] => ({ id: objectId(`group:${name}`), type: 'group', displayName: name, userPrincipalName: null });
export const spPrincipal = (name: string): EntraDirectoryRoleAssignment['principal'] => ({ id: objectId(`sp:${name}`), type: 'servicePrincipal', displayName: name, userPrincipalName: null });
export const groupMember = (name: string) => ({ id: objectId(name), userPrincipalName: upn(name), displayName: name });

export function withAssignments(assignments: readonly EntraDirectoryRoleAssignment[], builder: EvidenceBuilder = evidenceBuilder()): EvidenceBuilder {
  builder.collected(ENTRA_KINDS.directoryRoleAssignment);
  for (const a of assignments) builder.add(ENTRA_KINDS.directoryRoleAssignment, entraRoleAssignmentResourceId(a.id), a);
  return builder;
}

export type PolicyOverrides = Omit<Partial<EntraConditionalAccessPolicy>, 'users' | 'applications'> & {
  users?: Partial<EntraConditionalAccessPolicy['users']>;
  applications?: Partial<EntraConditionalAccessPolicy['applications']>;
};

/** An enabled policy requiring MFA for all users on all cloud apps; override what a case needs. */
export function policy(displayName: string, overrides: PolicyOverrides = {}): EntraConditionalAccessPolicy {
  const { users, applications, ...rest } = overrides;
  return {
    id: objectId(`policy:${displayName}`),
    displayName,
    state: 'enabled',
    clientAppTypes: ['all'],
    platforms: null,
    locations: null,
    userRiskLevels: [],
    signInRiskLevels: [],
    grantControls: { operator: 'OR', builtInControls: ['mfa'], authenticationStrength: null },
    ...rest,
    users: { includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [], ...users },
    applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [], ...applications },
  };
}

/** Security defaults (off unless said) and Conditional Access policies, both kinds collected. */
export function withPolicies(policies: readonly EntraConditionalAccessPolicy[], securityDefaults = false, builder: EvidenceBuilder = evidenceBuilder()): EvidenceBuilder {
  builder.collected(ENTRA_KINDS.conditionalAccessPolicy);
  builder.add(ENTRA_KINDS.securityDefaults, TENANT_RESOURCE_ID, { isEnabled: securityDefaults });
  for (const p of policies) builder.add(ENTRA_KINDS.conditionalAccessPolicy, entraConditionalAccessPolicyResourceId(p.id), p);
  return builder;
}
