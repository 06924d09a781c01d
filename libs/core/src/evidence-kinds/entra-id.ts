import { z } from 'zod';

/**
 * Evidence kinds of the entra-id connector: the contract between connectors/entra-id (which emits
 * them) and libs/checks/entra-id (which reads them). Field names and enum values are Microsoft
 * Graph v1.0's, as the API spells them (`userType: "Member"` on users, `"member"` in the
 * registration report), so an auditor can map evidence back to the raw call. `null` means "Graph
 * did not say" — never "off".
 *
 * Sign-in activity and MFA registration are kinds of their own although they describe users:
 * Graph withholds them behind a permission (AuditLog.Read.All) and a licence (Entra ID P1/P2) that
 * the rest of the directory does not need, and a kind is the unit that can fail on its own.
 */
export const ENTRA_KINDS = {
  user: 'entra-id.user',
  userSignInActivity: 'entra-id.user-sign-in-activity',
  mfaRegistration: 'entra-id.mfa-registration',
  directoryRoleAssignment: 'entra-id.directory-role-assignment',
  conditionalAccessPolicy: 'entra-id.conditional-access-policy',
  securityDefaults: 'entra-id.security-defaults',
} as const;

/** Resource ids: object ids (stable across renames), readable with the resource's name in findings. */
export const entraTenantResourceId = (tenantId: string) => `entra-id:tenant/${tenantId}`;
export const entraUserResourceId = (objectId: string) => `entra-id:user/${objectId}`;
export const entraRoleAssignmentResourceId = (assignmentId: string) => `entra-id:role-assignment/${assignmentId}`;
export const entraConditionalAccessPolicyResourceId = (policyId: string) => `entra-id:conditional-access-policy/${policyId}`;

/** Built-in directory role template ids the checks name (the same in every tenant). */
export const ENTRA_ROLE_TEMPLATES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
} as const;

/** Application ids Conditional Access uses for "targets" that are not one app. */
export const ENTRA_CA_APPLICATIONS = {
  /** Every cloud app. */
  all: 'All',
  /** Microsoft Admin Portals: Azure portal, Entra and Microsoft 365 admin centers, Exchange, Defender, … */
  adminPortals: 'MicrosoftAdminPortals',
  /** Windows Azure Service Management API: Azure Resource Manager (portal, CLI, PowerShell, Terraform). */
  azureManagement: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
} as const;

const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO-8601 date-time' });

/** GET /users ($select=id,userPrincipalName,displayName,userType,accountEnabled,createdDateTime,externalUserState). */
export const entraUserSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string().nullable(),
  /** null for a few system-created accounts that Graph returns without a type. */
  userType: z.enum(['Member', 'Guest']).nullable(),
  accountEnabled: z.boolean(),
  /** null for accounts created before Graph started recording it (2018). */
  createdDateTime: isoDateTime.nullable(),
  /** B2B invitation state of a guest (`PendingAcceptance`, `Accepted`); null for members. */
  externalUserState: z.string().nullable(),
});
export type EntraUser = z.infer<typeof entraUserSchema>;

/**
 * The user's signInActivity from the same GET /users pages. Every timestamp null means Graph holds
 * no sign-in for the user (never signed in, or not within Entra ID's retention).
 */
export const entraUserSignInActivitySchema = z.object({
  userId: z.string(),
  /** Last interactive sign-in attempt, successful or not. */
  lastSignInDateTime: isoDateTime.nullable(),
  lastNonInteractiveSignInDateTime: isoDateTime.nullable(),
  /** Last successful sign-in of any kind (recorded since December 2023). */
  lastSuccessfulSignInDateTime: isoDateTime.nullable(),
});
export type EntraUserSignInActivity = z.infer<typeof entraUserSignInActivitySchema>;

/** One row of GET /reports/authenticationMethods/userRegistrationDetails. */
export const entraMfaRegistrationSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  userType: z.enum(['member', 'guest']).nullable(),
  isAdmin: z.boolean().nullable(),
  /** Has registered a method that can satisfy MFA. */
  isMfaRegistered: z.boolean(),
  /** Has registered a strong method the authentication methods policy allows, so can actually do MFA. */
  isMfaCapable: z.boolean(),
  methodsRegistered: z.array(z.string()),
  /** When Entra ID last refreshed this row (the report lags sign-ups by hours). */
  lastUpdatedDateTime: isoDateTime.nullable(),
});
export type EntraMfaRegistration = z.infer<typeof entraMfaRegistrationSchema>;

export const ENTRA_PRINCIPAL_TYPES = ['user', 'group', 'servicePrincipal', 'other'] as const;
export type EntraPrincipalType = (typeof ENTRA_PRINCIPAL_TYPES)[number];

export const entraGroupMemberSchema = z.object({
  id: z.string(),
  /** null when Graph returned the member with limited information (the app may not read users). */
  userPrincipalName: z.string().nullable(),
  displayName: z.string().nullable(),
});
export type EntraGroupMember = z.infer<typeof entraGroupMemberSchema>;

/**
 * An active directory role assignment (GET /roleManagement/directory/roleAssignments?$expand=principal)
 * with its role's names (…/roleDefinitions) and, for a group principal, the users who hold the
 * role through it (GET /groups/{id}/transitiveMembers). PIM-eligible assignments are not included.
 */
export const entraDirectoryRoleAssignmentSchema = z.object({
  id: z.string(),
  roleDefinitionId: z.string(),
  /** Same in every tenant for built-in roles; null for a custom role without a template. */
  roleTemplateId: z.string().nullable(),
  roleDisplayName: z.string().nullable(),
  /** `/` for the whole tenant, `/administrativeUnits/{id}` or an object id for a narrower scope. */
  directoryScopeId: z.string(),
  principal: z.object({
    id: z.string(),
    type: z.enum(ENTRA_PRINCIPAL_TYPES),
    displayName: z.string().nullable(),
    /** Users only. */
    userPrincipalName: z.string().nullable(),
  }),
  /** Users in the group, transitively; null unless the principal is a group. */
  groupMembers: z.array(entraGroupMemberSchema).nullable(),
});
export type EntraDirectoryRoleAssignment = z.infer<typeof entraDirectoryRoleAssignmentSchema>;

const stringList = z.array(z.string());

/** GET /identity/conditionalAccess/policies: the parts that decide who and what a policy covers and what it demands. */
export const entraConditionalAccessPolicySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  /** `enabledForReportingButNotEnforced` is report-only: evaluated and logged, never enforced. */
  state: z.enum(['enabled', 'disabled', 'enabledForReportingButNotEnforced']),
  users: z.object({
    /** Object ids, or `All`, `None`, `GuestsOrExternalUsers`. */
    includeUsers: stringList,
    excludeUsers: stringList,
    includeGroups: stringList,
    excludeGroups: stringList,
    /** Directory role template ids. */
    includeRoles: stringList,
    excludeRoles: stringList,
  }),
  applications: z.object({
    /** App ids, or `All`, `None`, `Office365`, `MicrosoftAdminPortals`. */
    includeApplications: stringList,
    excludeApplications: stringList,
    includeUserActions: stringList,
  }),
  /** `all`, `browser`, `mobileAppsAndDesktopClients`, `exchangeActiveSync`, `other`. */
  clientAppTypes: stringList,
  /** null when the policy has no platform condition. */
  platforms: z.object({ includePlatforms: stringList, excludePlatforms: stringList }).nullable(),
  /** null when the policy has no location condition. */
  locations: z.object({ includeLocations: stringList, excludeLocations: stringList }).nullable(),
  userRiskLevels: stringList,
  signInRiskLevels: stringList,
  /** null for a policy with session controls only. */
  grantControls: z
    .object({
      operator: z.enum(['AND', 'OR']),
      /** `block`, `mfa`, `compliantDevice`, `domainJoinedDevice`, `approvedApplication`, `compliantApplication`, `passwordChange`. */
      builtInControls: stringList,
      /** Set when the policy requires an authentication strength (every built-in strength is multifactor). */
      authenticationStrength: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
    })
    .nullable(),
});
export type EntraConditionalAccessPolicy = z.infer<typeof entraConditionalAccessPolicySchema>;

/** GET /policies/identitySecurityDefaultsEnforcementPolicy. */
export const entraSecurityDefaultsSchema = z.object({
  isEnabled: z.boolean(),
});
export type EntraSecurityDefaults = z.infer<typeof entraSecurityDefaultsSchema>;
