import type { AzureScenarioInput } from '../scenario-schema';
import { seededRandom } from '../seeded-random';
import type { ArmScenarioInput } from './arm-scenario';

export interface GenerateArmOptions {
  /** Subscriptions, spread over production, staging and development management groups. */
  subscriptions: number;
  /** Direct role assignments per subscription (on it or on its resource groups), besides the inherited ones. */
  assignmentsPerSubscription: number;
  /** Resource groups per subscription. Default 6. */
  resourceGroupsPerSubscription?: number;
  seed: number;
  /** Largest ARM page. Default 1000, as ARM pages role assignments. */
  pageSize?: number;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const ENVIRONMENTS = ['production', 'staging', 'development'] as const;
const ROLE_WEIGHTS: readonly [string, number][] = [
  ['Reader', 0.45],
  ['Contributor', 0.35],
  ['Owner', 0.1],
  ['User Access Administrator', 0.04],
  ['Generated Operator', 0.06],
];

function role(rng: Rng): string {
  let roll = rng();
  for (const [name, weight] of ROLE_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return name;
  }
  return 'Reader';
}

/**
 * An `arm` section for a generated tenant (../scenario-generator.ts), the same for a seed: the
 * subscriptions of a large estate with tagged and named resource groups, role assignments to the
 * tenant's users, groups and service principals (with the drift the checks look for: extra
 * owners, disabled users' leftovers, a custom "*" role, User Access Administrator grants), and
 * Reader on the root scope for every app registration, so any of them can collect.
 */
export function generateArmScenario(tenant: AzureScenarioInput['tenant'], opts: GenerateArmOptions): ArmScenarioInput {
  const rng = seededRandom(opts.seed);
  const users = (tenant.users ?? []).map((u) => u.userPrincipalName);
  const groups = (tenant.groups ?? []).map((g) => g.displayName);
  const principals = [...(tenant.servicePrincipals ?? []).map((p) => p.displayName), ...tenant.apps.map((a) => a.displayName)];
  const perSub = opts.resourceGroupsPerSubscription ?? 6;

  const subscriptions = Array.from({ length: opts.subscriptions }, (_, i) => {
    const env = ENVIRONMENTS[i % ENVIRONMENTS.length] ?? 'development';
    const short = env === 'production' ? 'prod' : env === 'staging' ? 'stg' : 'dev';
    const name = `sub-${String(i).padStart(4, '0')}-${short}`;
    // A third of the subscriptions carry an environment tag; the rest are known by name only.
    const tags: Record<string, string> = i % 3 === 0 ? { environment: env } : {};
    return {
      displayName: name,
      managementGroup: `mg-${env}`,
      tags,
      resourceGroups: Array.from({ length: perSub }, (_, j) => ({ name: `rg-${String(j).padStart(3, '0')}-${short}`, ...(rng() < 0.5 && { tags: { environment: env } }) })),
    };
  });

  const assignee = (): { user: string } | { group: string } | { servicePrincipal: string } => {
    const roll = rng();
    if (roll < 0.6 && users.length > 0) return { user: pick(rng, users) };
    if (roll < 0.9 && groups.length > 0) return { group: pick(rng, groups) };
    if (principals.length > 0) return { servicePrincipal: pick(rng, principals) };
    return { user: pick(rng, users) };
  };

  const seen = new Set<string>();
  const roleAssignments: NonNullable<ArmScenarioInput['roleAssignments']> = tenant.apps.map((a) => ({ role: 'Reader', servicePrincipal: a.displayName, scope: '/' as const }));
  if (groups[0]) roleAssignments.push({ role: 'Owner', group: groups[0], scope: { managementGroup: 'mg-production' } });
  for (const sub of subscriptions) {
    for (let k = 0; k < opts.assignmentsPerSubscription; k++) {
      const who = assignee();
      const r = role(rng);
      const onGroup = rng() < 0.4 ? pick(rng, sub.resourceGroups).name : undefined;
      const scope = onGroup ? { subscription: sub.displayName, resourceGroup: onGroup } : { subscription: sub.displayName };
      // One assignment per role, principal and scope, as ARM enforces.
      const key = `${r}|${JSON.stringify(who)}|${JSON.stringify(scope)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      roleAssignments.push({ role: r, ...who, scope, created: `-${Math.floor(rng() * 900) + 1}d` });
    }
  }

  return {
    managementGroups: [{ id: 'mg-production', displayName: 'Production' }, { id: 'mg-staging', displayName: 'Staging' }, { id: 'mg-development', displayName: 'Development' }],
    subscriptions,
    customRoles: [
      { roleName: 'Generated Operator', permissions: [{ actions: ['Microsoft.Compute/virtualMachines/*/action', 'Microsoft.Compute/virtualMachines/read'] }], assignableScopes: ['/'] },
      { roleName: 'Generated Full Access', permissions: [{ actions: ['*'] }], assignableScopes: subscriptions.slice(0, 1).map((s) => ({ subscription: s.displayName })) },
    ],
    roleAssignments,
    pageSize: opts.pageSize ?? 1000,
  };
}

/**
 * A generated tenant (../scenario-generator.ts) with an `arm` section, its app registrations
 * also granted Directory.Read.All (the azure-rbac connector looks principals up with it).
 */
export function withGeneratedArm(scenario: AzureScenarioInput, opts: GenerateArmOptions): AzureScenarioInput {
  const apps = scenario.tenant.apps.map((a) => ({ ...a, graphPermissions: [...new Set([...(a.graphPermissions ?? []), 'Directory.Read.All'])] }));
  const tenant = { ...scenario.tenant, apps };
  return { ...scenario, tenant, arm: generateArmScenario(tenant, opts) };
}
