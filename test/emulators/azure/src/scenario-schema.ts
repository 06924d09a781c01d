import { z } from 'zod';
import { armScenarioSchema } from './arm/arm-scenario';
import { AUTHENTICATION_METHODS, BUILT_IN_AUTHENTICATION_STRENGTHS, findBuiltInRole } from './model/directory-roles';
import { isDateSpec } from './relative-date';
import { GUID_PATTERN } from './stable-guid';

/** An ISO-8601 date or an offset from the emulator's `now` (`-120d`, `+30d`, `-6h`, `now`). */
const dateSpec = z.string().refine(isDateSpec, { message: 'expected an ISO date, "now" or an offset such as "-120d"' });
const guid = z.string().regex(GUID_PATTERN, 'expected a GUID');
const upn = z.string().regex(/^[^@\s]+@[A-Za-z0-9.-]+$/, 'expected a user principal name (name@domain)');
const domain = z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'expected a domain name');
/** Microsoft Graph application permissions look like `User.Read.All`. */
const graphPermission = z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)+$/, 'expected a Graph permission such as User.Read.All');

const mfaSchema = z.object({
  /** Registered authentication methods, as the registration report names them. Default: Authenticator push + OTP. */
  methods: z.array(z.enum(AUTHENTICATION_METHODS)).default(['microsoftAuthenticatorPush', 'softwareOneTimePasscode']),
});

const userSchema = z.object({
  userPrincipalName: upn,
  /** Default: derived from the user principal name (stable). */
  id: guid.optional(),
  /** Default: the part of the UPN before `@`. */
  displayName: z.string().min(1).optional(),
  userType: z.enum(['Member', 'Guest']).default('Member'),
  accountEnabled: z.boolean().default(true),
  created: dateSpec.default('-400d'),
  /** B2B invitation state (guests only). Default for guests: Accepted. */
  externalUserState: z.enum(['PendingAcceptance', 'Accepted']).optional(),
  /** Last interactive sign-in; null: never signed in (Graph then returns no signInActivity). */
  lastSignIn: dateSpec.nullable().default('-2d'),
  /** Default: the interactive sign-in. */
  lastNonInteractiveSignIn: dateSpec.nullable().optional(),
  /** Default: the most recent of the two above. */
  lastSuccessfulSignIn: dateSpec.nullable().optional(),
  mfa: mfaSchema.default({ methods: ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'] }),
});

const groupSchema = z.object({
  displayName: z.string().min(1),
  id: guid.optional(),
  /** Role-assignable groups may hold directory roles; Entra ID does not let them contain groups. */
  isAssignableToRole: z.boolean().default(false),
  /** User principal names. */
  members: z.array(upn).default([]),
  /** Display names of nested groups (their members are transitive members of this one). */
  memberGroups: z.array(z.string()).default([]),
  created: dateSpec.default('-500d'),
});

const servicePrincipalSchema = z.object({
  displayName: z.string().min(1),
  /** Default: derived from the display name. */
  appId: guid.optional(),
  id: guid.optional(),
});

/** An active role assignment to exactly one principal. */
const roleAssignmentSchema = z
  .object({
    /** A built-in role's display name (`Global Administrator`) or template id. */
    role: z.string().refine((r) => findBuiltInRole(r) !== undefined, { message: 'unknown built-in directory role' }),
    user: upn.optional(),
    group: z.string().optional(),
    servicePrincipal: z.string().optional(),
    /** `/` (whole tenant) or `/administrativeUnits/{id}`. */
    directoryScopeId: z.string().default('/'),
  })
  .refine((a) => [a.user, a.group, a.servicePrincipal].filter((p) => p !== undefined).length === 1, {
    message: 'give exactly one of user, group or servicePrincipal',
  });

const conditionalAccessPolicySchema = z.object({
  displayName: z.string().min(1),
  id: guid.optional(),
  state: z.enum(['enabled', 'disabled', 'enabledForReportingButNotEnforced']).default('enabled'),
  created: dateSpec.default('-200d'),
  users: z
    .object({
      /** `All`, `None`, `GuestsOrExternalUsers`, or user principal names. */
      include: z.array(z.string()).default([]),
      exclude: z.array(z.string()).default([]),
      includeGroups: z.array(z.string()).default([]),
      excludeGroups: z.array(z.string()).default([]),
      /** Built-in role names or template ids. */
      includeRoles: z.array(z.string()).default([]),
      excludeRoles: z.array(z.string()).default([]),
    })
    .default({ include: [], exclude: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [] }),
  applications: z
    .object({
      /** `All`, `None`, `Office365`, `MicrosoftAdminPortals`, or application ids. */
      include: z.array(z.string()).default(['All']),
      exclude: z.array(z.string()).default([]),
      includeUserActions: z.array(z.string()).default([]),
    })
    .default({ include: ['All'], exclude: [], includeUserActions: [] }),
  clientAppTypes: z.array(z.enum(['all', 'browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'])).default(['all']),
  platforms: z.object({ include: z.array(z.string()).default([]), exclude: z.array(z.string()).default([]) }).nullable().default(null),
  locations: z.object({ include: z.array(z.string()).default([]), exclude: z.array(z.string()).default([]) }).nullable().default(null),
  userRiskLevels: z.array(z.enum(['low', 'medium', 'high', 'none'])).default([]),
  signInRiskLevels: z.array(z.enum(['low', 'medium', 'high', 'none'])).default([]),
  grant: z
    .object({
      operator: z.enum(['AND', 'OR']).default('OR'),
      builtInControls: z
        .array(z.enum(['block', 'mfa', 'compliantDevice', 'domainJoinedDevice', 'approvedApplication', 'compliantApplication', 'passwordChange']))
        .default([]),
      /** A built-in strength's display name (`Phishing-resistant MFA`). */
      authenticationStrength: z
        .string()
        .refine((s) => s in BUILT_IN_AUTHENTICATION_STRENGTHS, { message: `expected one of ${Object.keys(BUILT_IN_AUTHENTICATION_STRENGTHS).join(', ')}` })
        .nullable()
        .default(null),
    })
    .nullable()
    .default(null),
});

/** An app registration the emulator's token endpoint accepts (client credentials with a secret). */
const appSchema = z.object({
  displayName: z.string().min(1),
  clientId: guid,
  clientSecret: z.string().min(8),
  /** After this date the token endpoint answers AADSTS7000222 (expired secret). Default: never. */
  secretExpires: dateSpec.nullable().default(null),
  /** Microsoft Graph application permissions granted with admin consent (the token's `roles`). */
  graphPermissions: z.array(graphPermission).default([]),
});

const tenantSchema = z.object({
  id: guid,
  displayName: z.string().min(1),
  /** The initial domain (`contoso.onmicrosoft.com`); the token endpoint accepts it in place of the id. */
  defaultDomain: domain,
  /**
   * Microsoft Entra ID licence: `free` tenants get 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant
   * for sign-in activity and the authentication methods reports, as Graph answers.
   */
  licence: z.enum(['free', 'P1', 'P2']).default('P2'),
  securityDefaultsEnabled: z.boolean().default(false),
  /** Methods the authentication methods policy does not allow: users relying on them only are registered but not MFA capable. */
  disabledAuthenticationMethods: z.array(z.enum(AUTHENTICATION_METHODS)).default([]),
  created: dateSpec.default('-2000d'),
  users: z.array(userSchema).default([]),
  groups: z.array(groupSchema).default([]),
  servicePrincipals: z.array(servicePrincipalSchema).default([]),
  roleAssignments: z.array(roleAssignmentSchema).default([]),
  conditionalAccessPolicies: z.array(conditionalAccessPolicySchema).default([]),
  apps: z.array(appSchema).min(1, 'a tenant needs at least one app registration to authenticate with'),
});

export const azureScenarioSchema = z
  .object({
    description: z.string().optional(),
    /** The Microsoft Entra tenant (identity platform and Microsoft Graph). */
    tenant: tenantSchema,
    /** Azure Resource Manager: defined in ./arm/arm-scenario.ts. */
    arm: armScenarioSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const t = s.tenant;
    const dupes = (path: string, names: readonly string[]): void => {
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n.toLowerCase())) ctx.addIssue({ code: 'custom', message: `duplicate ${path} ${n}`, path: ['tenant', path] });
        seen.add(n.toLowerCase());
      }
    };
    dupes('users', t.users.map((u) => u.userPrincipalName));
    dupes('groups', t.groups.map((g) => g.displayName));
    dupes('servicePrincipals', [...t.servicePrincipals.map((p) => p.displayName), ...t.apps.map((a) => a.displayName)]);
    dupes('apps', t.apps.map((a) => a.clientId));
    dupes('conditionalAccessPolicies', t.conditionalAccessPolicies.map((p) => p.displayName));

    const users = new Set(t.users.map((u) => u.userPrincipalName.toLowerCase()));
    const groups = new Map(t.groups.map((g) => [g.displayName.toLowerCase(), g]));
    const principals = new Set([...t.servicePrincipals.map((p) => p.displayName.toLowerCase()), ...t.apps.map((a) => a.displayName.toLowerCase())]);
    t.users.forEach((u, i) => {
      if (u.userType === 'Member' && u.externalUserState !== undefined) {
        ctx.addIssue({ code: 'custom', message: `${u.userPrincipalName} is a member; externalUserState is for guests`, path: ['tenant', 'users', i, 'externalUserState'] });
      }
    });
    t.groups.forEach((g, i) => {
      g.members.forEach((m, j) => {
        if (!users.has(m.toLowerCase())) ctx.addIssue({ code: 'custom', message: `group ${g.displayName} has unknown member ${m}`, path: ['tenant', 'groups', i, 'members', j] });
      });
      g.memberGroups.forEach((m, j) => {
        if (!groups.has(m.toLowerCase())) ctx.addIssue({ code: 'custom', message: `group ${g.displayName} has unknown member group ${m}`, path: ['tenant', 'groups', i, 'memberGroups', j] });
      });
      if (g.isAssignableToRole && g.memberGroups.length > 0) {
        ctx.addIssue({ code: 'custom', message: `role-assignable group ${g.displayName} cannot contain groups`, path: ['tenant', 'groups', i, 'memberGroups'] });
      }
    });
    t.roleAssignments.forEach((a, i) => {
      if (a.user !== undefined && !users.has(a.user.toLowerCase())) ctx.addIssue({ code: 'custom', message: `role assignment to unknown user ${a.user}`, path: ['tenant', 'roleAssignments', i, 'user'] });
      if (a.group !== undefined) {
        const group = groups.get(a.group.toLowerCase());
        if (!group) ctx.addIssue({ code: 'custom', message: `role assignment to unknown group ${a.group}`, path: ['tenant', 'roleAssignments', i, 'group'] });
        else if (!group.isAssignableToRole) {
          ctx.addIssue({ code: 'custom', message: `group ${a.group} is not role-assignable (isAssignableToRole)`, path: ['tenant', 'roleAssignments', i, 'group'] });
        }
      }
      if (a.servicePrincipal !== undefined && !principals.has(a.servicePrincipal.toLowerCase())) {
        ctx.addIssue({ code: 'custom', message: `role assignment to unknown service principal ${a.servicePrincipal}`, path: ['tenant', 'roleAssignments', i, 'servicePrincipal'] });
      }
    });
    const special = new Set(['all', 'none', 'guestsorexternalusers']);
    t.conditionalAccessPolicies.forEach((p, i) => {
      const at = (field: string) => ['tenant', 'conditionalAccessPolicies', i, 'users', field];
      for (const field of ['include', 'exclude'] as const) {
        for (const ref of p.users[field]) {
          if (!special.has(ref.toLowerCase()) && !users.has(ref.toLowerCase())) ctx.addIssue({ code: 'custom', message: `policy ${p.displayName} names unknown user ${ref}`, path: at(field) });
        }
      }
      for (const field of ['includeGroups', 'excludeGroups'] as const) {
        for (const ref of p.users[field]) if (!groups.has(ref.toLowerCase())) ctx.addIssue({ code: 'custom', message: `policy ${p.displayName} names unknown group ${ref}`, path: at(field) });
      }
      for (const field of ['includeRoles', 'excludeRoles'] as const) {
        for (const ref of p.users[field]) if (!findBuiltInRole(ref)) ctx.addIssue({ code: 'custom', message: `policy ${p.displayName} names unknown role ${ref}`, path: at(field) });
      }
    });
  });

export type AzureScenario = z.output<typeof azureScenarioSchema>;
/** What a scenario file may contain: defaults are filled in at load. */
export type AzureScenarioInput = z.input<typeof azureScenarioSchema>;
export type ScenarioTenant = AzureScenario['tenant'];
export type ScenarioUser = ScenarioTenant['users'][number];
export type ScenarioUserInput = z.input<typeof userSchema>;
export type ScenarioGroup = ScenarioTenant['groups'][number];
export type ScenarioApp = ScenarioTenant['apps'][number];
export type ScenarioConditionalAccessPolicy = ScenarioTenant['conditionalAccessPolicies'][number];
