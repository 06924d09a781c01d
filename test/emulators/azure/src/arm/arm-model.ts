import type { TenantModel } from '../model/tenant-model';
import { resolveDate } from '../relative-date';
import { stableGuid } from '../stable-guid';
import type { ArmScenario, ArmScenarioCustomRole, ArmScenarioRoleAssignment, ArmScopeRef } from './arm-scenario';
import { BUILT_IN_AZURE_ROLES, findBuiltInAzureRole } from './built-in-roles';

export interface ManagementGroupModel {
  readonly id: string;
  readonly displayName: string;
  /** null for the tenant root group. */
  readonly parentId: string | null;
  readonly scope: string;
}

export interface ResourceGroupModel {
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly managedBy: string | null;
}

export interface SubscriptionModel {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly state: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly managementGroupId: string;
  readonly scope: string;
  readonly resourceGroups: readonly ResourceGroupModel[];
}

export interface RoleDefinitionModel {
  readonly id: string;
  readonly roleName: string;
  readonly roleType: 'BuiltInRole' | 'CustomRole';
  readonly description: string;
  readonly assignableScopes: readonly string[];
  readonly permissions: readonly { actions: readonly string[]; notActions: readonly string[]; dataActions: readonly string[]; notDataActions: readonly string[] }[];
  readonly createdOn: string;
  readonly updatedOn: string;
}

export type ArmPrincipalType = 'User' | 'Group' | 'ServicePrincipal';

export interface RoleAssignmentModel {
  /** `<scope>/providers/Microsoft.Authorization/roleAssignments/<name>` (no leading scope for `/`). */
  readonly id: string;
  readonly name: string;
  readonly scope: string;
  readonly roleDefinitionId: string;
  readonly principalId: string;
  readonly principalType: ArmPrincipalType;
  readonly condition: string | null;
  readonly description: string | null;
  readonly createdOn: string;
}

export const ROOT_SCOPE = '/';
export const managementGroupScope = (id: string): string => `/providers/Microsoft.Management/managementGroups/${id}`;
export const subscriptionScope = (id: string): string => `/subscriptions/${id}`;

const key = (scope: string): string => scope.toLowerCase().replace(/\/+$/, '') || ROOT_SCOPE;

/** ARM operation patterns match case-insensitively, with `*` for any run of characters. */
export function operationMatches(pattern: string, operation: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(operation.toLowerCase());
}

/**
 * The Azure Resource Manager side of a scenario, resolved once: ids, the management group
 * hierarchy (the tenant root group, whose id is the tenant id, at the top), role definitions and
 * assignments with their principals looked up in the tenant, and Azure RBAC's own answer to "may
 * this caller do that here" for the emulator's authorization.
 */
export class ArmModel {
  readonly tenantId: string;
  readonly managementGroups: readonly ManagementGroupModel[];
  readonly subscriptions: readonly SubscriptionModel[];
  readonly roleDefinitions: readonly RoleDefinitionModel[];
  readonly roleAssignments: readonly RoleAssignmentModel[];
  readonly pageSize: number;
  private readonly groupsById = new Map<string, ManagementGroupModel>();
  private readonly subscriptionsById = new Map<string, SubscriptionModel>();
  private readonly subscriptionsByName = new Map<string, SubscriptionModel>();
  private readonly definitionsById = new Map<string, RoleDefinitionModel>();

  constructor(arm: ArmScenario | undefined, tenant: TenantModel, now: Date) {
    const scenario: ArmScenario = arm ?? { managementGroups: [], subscriptions: [], customRoles: [], roleAssignments: [], pageSize: 1000 };
    this.tenantId = tenant.id.toLowerCase();
    this.pageSize = scenario.pageSize;
    const at = (spec: string): string => resolveDate(spec, now).toISOString();

    const root: ManagementGroupModel = { id: this.tenantId, displayName: 'Tenant Root Group', parentId: null, scope: managementGroupScope(this.tenantId) };
    this.managementGroups = [
      root,
      ...scenario.managementGroups.map((g) => ({ id: g.id, displayName: g.displayName ?? g.id, parentId: g.parent ?? this.tenantId, scope: managementGroupScope(g.id) })),
    ];
    for (const g of this.managementGroups) this.groupsById.set(g.id.toLowerCase(), g);

    this.subscriptions = scenario.subscriptions.map((s) => {
      const subscriptionId = (s.id ?? stableGuid(`subscription:${this.tenantId}`, s.displayName)).toLowerCase();
      return {
        subscriptionId,
        displayName: s.displayName,
        state: s.state,
        tags: s.tags,
        managementGroupId: s.managementGroup ?? this.tenantId,
        scope: subscriptionScope(subscriptionId),
        resourceGroups: s.resourceGroups.map((g) => ({
          id: `${subscriptionScope(subscriptionId)}/resourceGroups/${g.name}`,
          name: g.name,
          subscriptionId,
          location: g.location,
          tags: g.tags,
          managedBy: g.managedBy,
        })),
      };
    });
    for (const s of this.subscriptions) {
      this.subscriptionsById.set(s.subscriptionId, s);
      this.subscriptionsByName.set(s.displayName.toLowerCase(), s);
    }

    const builtIns: RoleDefinitionModel[] = BUILT_IN_AZURE_ROLES.map((r) => ({
      id: r.id,
      roleName: r.roleName,
      roleType: 'BuiltInRole',
      description: r.description,
      assignableScopes: [ROOT_SCOPE],
      permissions: [{ actions: r.actions, notActions: r.notActions, dataActions: r.dataActions, notDataActions: r.notDataActions }],
      createdOn: r.createdOn,
      updatedOn: r.updatedOn,
    }));
    const custom = scenario.customRoles.map((r): RoleDefinitionModel => this.toCustomRole(r, at));
    this.roleDefinitions = [...builtIns, ...custom];
    for (const d of this.roleDefinitions) this.definitionsById.set(d.id, d);
    const customByName = new Map(custom.map((r) => [r.roleName.toLowerCase(), r]));

    this.roleAssignments = scenario.roleAssignments.map((a) => this.toAssignment(a, tenant, customByName, at));
  }

  subscription(id: string): SubscriptionModel | undefined {
    return this.subscriptionsById.get(id.toLowerCase());
  }

  managementGroup(id: string): ManagementGroupModel | undefined {
    return this.groupsById.get(id.toLowerCase());
  }

  roleDefinition(id: string): RoleDefinitionModel | undefined {
    return this.definitionsById.get(id.toLowerCase());
  }

  /** The ARM path of a scenario scope reference. */
  resolveScope(ref: ArmScopeRef): string {
    if (ref === '/') return ROOT_SCOPE;
    if ('managementGroup' in ref) return this.managementGroup(ref.managementGroup)?.scope ?? managementGroupScope(ref.managementGroup);
    const sub = this.subscriptionsByName.get(ref.subscription.toLowerCase());
    if (!sub) throw new Error(`arm scenario: unknown subscription ${ref.subscription}`);
    if (ref.resourceGroup === undefined) return sub.scope;
    const group = sub.resourceGroups.find((g) => g.name.toLowerCase() === ref.resourceGroup?.toLowerCase());
    if (!group) throw new Error(`arm scenario: subscription ${ref.subscription} has no resource group ${ref.resourceGroup}`);
    return group.id;
  }

  /**
   * A scope and everything above it, nearest first, ending with `/`: a resource group's
   * subscription, the subscription's management groups up to the tenant root group, the root.
   * Unknown scopes (a subscription that does not exist) have only themselves and the root above.
   */
  ancestors(scope: string): string[] {
    const parts = scope.split('/').filter((p) => p !== '');
    const lower = parts.map((p) => p.toLowerCase());
    if (parts.length === 0) return [ROOT_SCOPE];
    if (lower[0] === 'subscriptions' && parts[1]) {
      const sub = this.subscription(parts[1]);
      const subScope = sub?.scope ?? subscriptionScope(parts[1]);
      const above = sub ? this.groupChain(sub.managementGroupId) : [];
      // A resource sits in its resource group, which sits in the subscription.
      const inGroup = lower[2] === 'resourcegroups' && parts[3] ? [`/${parts.slice(0, 4).join('/')}`] : [];
      const own = parts.length > 4 ? [scope] : [];
      return [...own, ...inGroup, subScope, ...above, ROOT_SCOPE];
    }
    if (lower[0] === 'providers' && lower[1] === 'microsoft.management' && lower[2] === 'managementgroups' && parts[3]) {
      return [...this.groupChain(parts[3]), ROOT_SCOPE];
    }
    return [scope, ROOT_SCOPE];
  }

  /** Whether `scope` is `ancestor` or below it. */
  isAtOrBelow(scope: string, ancestor: string): boolean {
    const target = key(ancestor);
    return this.ancestors(scope).some((s) => key(s) === target);
  }

  /**
   * GET {scope}/…/roleAssignments: every assignment at, above and below the scope, or with
   * `atScope()` at and above only.
   */
  assignmentsFor(scope: string, filter: { atScope: boolean; principalId: string | null }): RoleAssignmentModel[] {
    return this.roleAssignments.filter((a) => {
      if (filter.principalId !== null && a.principalId !== filter.principalId.toLowerCase()) return false;
      const above = this.isAtOrBelow(scope, a.scope);
      return above || (!filter.atScope && this.isAtOrBelow(a.scope, scope));
    });
  }

  /** GET {scope}/…/roleDefinitions: built-in roles, and custom roles assignable at the scope or above it. */
  definitionsFor(scope: string): RoleDefinitionModel[] {
    return this.roleDefinitions.filter((d) => d.roleType === 'BuiltInRole' || d.assignableScopes.some((s) => this.isAtOrBelow(scope, s)));
  }

  /** Azure RBAC's decision: some assignment of the principal at the scope or above allows the operation. */
  can(principalId: string, operation: string, scope: string): boolean {
    const id = principalId.toLowerCase();
    return this.roleAssignments.some((a) => {
      if (a.principalId !== id || !this.isAtOrBelow(scope, a.scope)) return false;
      const role = this.roleDefinition(a.roleDefinitionId);
      return role?.permissions.some((p) => p.actions.some((x) => operationMatches(x, operation)) && !p.notActions.some((x) => operationMatches(x, operation))) ?? false;
    });
  }

  /** GET /subscriptions lists the subscriptions where the caller holds any role, on it, above or below it. */
  visibleSubscriptions(principalId: string): SubscriptionModel[] {
    const id = principalId.toLowerCase();
    const mine = this.roleAssignments.filter((a) => a.principalId === id);
    return this.subscriptions.filter((s) => mine.some((a) => this.isAtOrBelow(s.scope, a.scope) || this.isAtOrBelow(a.scope, s.scope)));
  }

  private groupChain(groupId: string): string[] {
    const out: string[] = [];
    for (let g = this.managementGroup(groupId); g; g = g.parentId === null ? undefined : this.managementGroup(g.parentId)) out.push(g.scope);
    return out;
  }

  private toCustomRole(r: ArmScenarioCustomRole, at: (spec: string) => string): RoleDefinitionModel {
    const created = at(r.created);
    return {
      id: (r.id ?? stableGuid(`role:${this.tenantId}`, r.roleName)).toLowerCase(),
      roleName: r.roleName,
      roleType: 'CustomRole',
      description: r.description,
      assignableScopes: r.assignableScopes.map((s) => this.resolveScope(s)),
      permissions: r.permissions,
      createdOn: created,
      updatedOn: created,
    };
  }

  private toAssignment(a: ArmScenarioRoleAssignment, tenant: TenantModel, customByName: ReadonlyMap<string, RoleDefinitionModel>, at: (spec: string) => string): RoleAssignmentModel {
    const role = findBuiltInAzureRole(a.role)?.id ?? customByName.get(a.role.toLowerCase())?.id;
    if (!role) throw new Error(`arm scenario: unknown role ${a.role}`);
    const { principalId, principalType } = resolvePrincipal(a, tenant);
    const scope = this.resolveScope(a.scope);
    const name = (a.id ?? stableGuid(`role-assignment:${this.tenantId}`, `${role}|${principalId}|${key(scope)}`)).toLowerCase();
    return {
      id: `${scope === ROOT_SCOPE ? '' : scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      scope,
      roleDefinitionId: role,
      principalId,
      principalType,
      condition: a.condition ?? null,
      description: a.description ?? null,
      createdOn: at(a.created),
    };
  }
}

/** The principal an assignment names, looked up in the tenant; a deleted principal must really be absent from it. */
function resolvePrincipal(a: ArmScenarioRoleAssignment, tenant: TenantModel): { principalId: string; principalType: ArmPrincipalType } {
  if (a.user !== undefined) {
    const user = tenant.users.find((u) => u.userPrincipalName.toLowerCase() === a.user?.toLowerCase());
    if (!user) throw new Error(`arm scenario: role assignment to unknown user ${a.user}`);
    return { principalId: user.id, principalType: 'User' };
  }
  if (a.group !== undefined) {
    const group = tenant.groups.find((g) => g.displayName.toLowerCase() === a.group?.toLowerCase());
    if (!group) throw new Error(`arm scenario: role assignment to unknown group ${a.group}`);
    return { principalId: group.id, principalType: 'Group' };
  }
  if (a.servicePrincipal !== undefined) {
    const sp = tenant.servicePrincipals.find((p) => p.displayName.toLowerCase() === a.servicePrincipal?.toLowerCase());
    if (!sp) throw new Error(`arm scenario: role assignment to unknown service principal ${a.servicePrincipal}`);
    return { principalId: sp.id, principalType: 'ServicePrincipal' };
  }
  const deleted = a.deletedPrincipal;
  if (!deleted) throw new Error('arm scenario: a role assignment names no principal');
  if (tenant.object(deleted.id)) throw new Error(`arm scenario: deletedPrincipal ${deleted.id} still exists in the tenant`);
  return { principalId: deleted.id.toLowerCase(), principalType: deleted.type };
}

/**
 * Problems with the principals an `arm` section names, for the scenario loader to report with
 * the other validation errors (the schema alone cannot see the tenant).
 */
export function armPrincipalProblems(arm: ArmScenario | undefined, tenant: TenantModel): string[] {
  return (arm?.roleAssignments ?? []).flatMap((a, i) => {
    try {
      resolvePrincipal(a, tenant);
      return [];
    } catch (err) {
      return [`arm.roleAssignments.${i}: ${err instanceof Error ? err.message.replace(/^arm scenario: /, '') : String(err)}`];
    }
  });
}
