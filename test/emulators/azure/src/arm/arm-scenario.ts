import { z } from 'zod';
import { isDateSpec } from '../relative-date';
import { GUID_PATTERN } from '../stable-guid';
import { findBuiltInAzureRole } from './built-in-roles';

/**
 * The `arm` section of an Azure scenario: Azure Resource Manager — management groups,
 * subscriptions with their resource groups, custom roles and role assignments. Principals are
 * the tenant's (../scenario-schema.ts `tenant`), named the same way: users by user principal
 * name, groups by display name, service principals (and app registrations) by display name. A
 * principal deleted from the directory is given by object id, since ARM keeps its assignments.
 *
 * The caller's own access is modelled too: ARM authorizes every read against these role
 * assignments (the collector app needs Reader somewhere, as in Azure), so a scenario without
 * one for the calling app gets 403 AuthorizationFailed, like a fresh app registration does.
 */

const dateSpec = z.string().refine(isDateSpec, { message: 'expected an ISO date, "now" or an offset such as "-120d"' });
const guid = z.string().regex(GUID_PATTERN, 'expected a GUID');
const upn = z.string().regex(/^[^@\s]+@[A-Za-z0-9.-]+$/, 'expected a user principal name (name@domain)');
/** Management group ids: letters, digits, `-`, `_`, `(`, `)`, `.`; up to 90 characters, as ARM allows. */
const managementGroupId = z.string().regex(/^[A-Za-z0-9_().-]{1,90}$/, 'management group ids use letters, digits, "-", "_", ".", "(" and ")"');
const resourceGroupName = z.string().regex(/^[-\w._()]{1,90}$/u, 'resource group names use letters, digits, "-", "_", ".", "(" and ")"');
const tags = z.record(z.string(), z.string()).default({});

const managementGroupSchema = z.object({
  /** The group's id (its name in ARM paths). */
  id: managementGroupId,
  displayName: z.string().min(1).optional(),
  /** Parent group id. Default: the tenant root group (whose id is the tenant id). */
  parent: managementGroupId.optional(),
});

const resourceGroupSchema = z.object({
  name: resourceGroupName,
  location: z.string().min(1).default('westeurope'),
  tags,
  /** The resource id of a service that owns the group (AKS node groups, Databricks). */
  managedBy: z.string().nullable().default(null),
});

export const SUBSCRIPTION_STATES = ['Enabled', 'Warned', 'PastDue', 'Disabled', 'Deleted'] as const;

const subscriptionSchema = z.object({
  displayName: z.string().min(1),
  /** Default: derived from the display name (stable). */
  id: guid.optional(),
  state: z.enum(SUBSCRIPTION_STATES).default('Enabled'),
  tags,
  /** Parent management group id. Default: the tenant root group. */
  managementGroup: managementGroupId.optional(),
  resourceGroups: z.array(resourceGroupSchema).default([]),
});

/**
 * Where an assignment or a custom role applies: `/` (root), or a management group, a
 * subscription (by display name) or a resource group of a subscription.
 */
export const armScopeRefSchema = z.union([
  z.literal('/'),
  z.object({ managementGroup: managementGroupId }).strict(),
  z.object({ subscription: z.string().min(1), resourceGroup: resourceGroupName.optional() }).strict(),
]);
export type ArmScopeRef = z.output<typeof armScopeRefSchema>;

const permissionSchema = z.object({
  actions: z.array(z.string()).default([]),
  notActions: z.array(z.string()).default([]),
  dataActions: z.array(z.string()).default([]),
  notDataActions: z.array(z.string()).default([]),
});

const customRoleSchema = z.object({
  roleName: z.string().min(1),
  /** Default: derived from the role name (stable). */
  id: guid.optional(),
  description: z.string().default(''),
  permissions: z.array(permissionSchema).min(1),
  assignableScopes: z.array(armScopeRefSchema).min(1),
  created: dateSpec.default('-500d'),
});

export const DELETED_PRINCIPAL_TYPES = ['User', 'Group', 'ServicePrincipal'] as const;

const roleAssignmentSchema = z
  .object({
    /** A built-in role's name (`Owner`) or id, or a custom role's name. */
    role: z.string().min(1),
    user: upn.optional(),
    group: z.string().min(1).optional(),
    /** A service principal's or app registration's display name. */
    servicePrincipal: z.string().min(1).optional(),
    /** A principal that no longer exists in the directory ("Identity not found"): ARM keeps its assignment. */
    deletedPrincipal: z.object({ id: guid, type: z.enum(DELETED_PRINCIPAL_TYPES).default('User') }).optional(),
    scope: armScopeRefSchema,
    /** An ABAC condition (version 2.0) constraining the assignment. */
    condition: z.string().min(1).optional(),
    description: z.string().optional(),
    created: dateSpec.default('-300d'),
    /** Default: derived from role, principal and scope (stable). */
    id: guid.optional(),
  })
  .refine((a) => [a.user, a.group, a.servicePrincipal, a.deletedPrincipal].filter((p) => p !== undefined).length === 1, {
    message: 'give exactly one of user, group, servicePrincipal or deletedPrincipal',
  });

export const armScenarioSchema = z
  .object({
    managementGroups: z.array(managementGroupSchema).default([]),
    subscriptions: z.array(subscriptionSchema).default([]),
    customRoles: z.array(customRoleSchema).default([]),
    roleAssignments: z.array(roleAssignmentSchema).default([]),
    /** Largest page ARM returns before a `nextLink` (subscriptions, resource groups, role assignments and definitions). */
    pageSize: z.number().int().min(1).max(5000).default(1000),
  })
  .superRefine((s, ctx) => {
    const dupes = (path: string, names: readonly string[]): void => {
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n.toLowerCase())) ctx.addIssue({ code: 'custom', message: `duplicate ${path} ${n}`, path: [path] });
        seen.add(n.toLowerCase());
      }
    };
    dupes('managementGroups', s.managementGroups.map((g) => g.id));
    dupes('subscriptions', s.subscriptions.map((x) => x.displayName));
    dupes('customRoles', s.customRoles.map((r) => r.roleName));
    s.subscriptions.forEach((sub, i) => dupes(`subscriptions.${i}.resourceGroups`, sub.resourceGroups.map((g) => g.name)));

    const groups = new Map(s.managementGroups.map((g) => [g.id.toLowerCase(), g]));
    s.managementGroups.forEach((g, i) => {
      if (g.parent !== undefined && !groups.has(g.parent.toLowerCase())) ctx.addIssue({ code: 'custom', message: `management group ${g.id} has unknown parent ${g.parent}`, path: ['managementGroups', i, 'parent'] });
      // A parent chain that comes back to the group would make every scope its own ancestor.
      const seen = new Set<string>();
      for (let at: string | undefined = g.id.toLowerCase(); at !== undefined; at = groups.get(at)?.parent?.toLowerCase()) {
        if (seen.has(at)) {
          ctx.addIssue({ code: 'custom', message: `management group ${g.id} is its own ancestor`, path: ['managementGroups', i, 'parent'] });
          break;
        }
        seen.add(at);
      }
    });
    s.subscriptions.forEach((sub, i) => {
      if (sub.managementGroup !== undefined && !groups.has(sub.managementGroup.toLowerCase())) {
        ctx.addIssue({ code: 'custom', message: `subscription ${sub.displayName} is in unknown management group ${sub.managementGroup}`, path: ['subscriptions', i, 'managementGroup'] });
      }
    });

    const subscriptions = new Map(s.subscriptions.map((x) => [x.displayName.toLowerCase(), x]));
    const checkScope = (scope: ArmScopeRef, path: (string | number)[]): void => {
      if (scope === '/') return;
      if ('managementGroup' in scope) {
        if (!groups.has(scope.managementGroup.toLowerCase())) ctx.addIssue({ code: 'custom', message: `unknown management group ${scope.managementGroup}`, path });
        return;
      }
      const sub = subscriptions.get(scope.subscription.toLowerCase());
      if (!sub) ctx.addIssue({ code: 'custom', message: `unknown subscription ${scope.subscription}`, path });
      else if (scope.resourceGroup !== undefined && !sub.resourceGroups.some((g) => g.name.toLowerCase() === scope.resourceGroup?.toLowerCase())) {
        ctx.addIssue({ code: 'custom', message: `subscription ${scope.subscription} has no resource group ${scope.resourceGroup}`, path });
      }
    };
    const customRoles = new Set(s.customRoles.map((r) => r.roleName.toLowerCase()));
    s.customRoles.forEach((r, i) => {
      if (findBuiltInAzureRole(r.roleName)) ctx.addIssue({ code: 'custom', message: `custom role ${r.roleName} has the name of a built-in role`, path: ['customRoles', i, 'roleName'] });
      r.assignableScopes.forEach((scope, j) => checkScope(scope, ['customRoles', i, 'assignableScopes', j]));
    });
    s.roleAssignments.forEach((a, i) => {
      if (!findBuiltInAzureRole(a.role) && !customRoles.has(a.role.toLowerCase())) ctx.addIssue({ code: 'custom', message: `unknown role ${a.role}`, path: ['roleAssignments', i, 'role'] });
      checkScope(a.scope, ['roleAssignments', i, 'scope']);
    });
  });

export type ArmScenario = z.output<typeof armScenarioSchema>;
export type ArmScenarioInput = z.input<typeof armScenarioSchema>;
export type ArmScenarioSubscription = ArmScenario['subscriptions'][number];
export type ArmScenarioRoleAssignment = ArmScenario['roleAssignments'][number];
export type ArmScenarioCustomRole = ArmScenario['customRoles'][number];
