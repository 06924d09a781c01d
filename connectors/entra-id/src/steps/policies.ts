import {
  ENTRA_KINDS,
  entraConditionalAccessPolicyResourceId,
  entraTenantResourceId,
  type CollectionError,
  type EntraConditionalAccessPolicy,
  type EntraSecurityDefaults,
} from '@astrolabe/core';
import { z } from 'zod';
import { kindError, MalformedResponseError } from '../graph-errors';
import { forEachPage } from '../graph-paging';
import type { GraphSession } from '../graph-session';
import { ENTRA_PERMISSIONS } from '../manifest';
import type { Emit } from './users';

/** Graph omits or nulls empty lists in policies depending on how they were created: read both as []. */
const list = z
  .array(z.string())
  .nullable()
  .optional()
  .transform((v) => v ?? []);

const policySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  state: z.enum(['enabled', 'disabled', 'enabledForReportingButNotEnforced']),
  conditions: z.object({
    users: z
      .object({ includeUsers: list, excludeUsers: list, includeGroups: list, excludeGroups: list, includeRoles: list, excludeRoles: list })
      .nullable()
      .optional(),
    applications: z.object({ includeApplications: list, excludeApplications: list, includeUserActions: list }).nullable().optional(),
    clientAppTypes: list,
    platforms: z.object({ includePlatforms: list, excludePlatforms: list }).nullable().optional(),
    locations: z.object({ includeLocations: list, excludeLocations: list }).nullable().optional(),
    userRiskLevels: list,
    signInRiskLevels: list,
  }),
  grantControls: z
    .object({
      operator: z.string().nullable().optional(),
      builtInControls: list,
      authenticationStrength: z.object({ id: z.string(), displayName: z.string().nullable().optional() }).nullable().optional(),
    })
    .nullable()
    .optional(),
});
type GraphPolicy = z.infer<typeof policySchema>;

function toEvidence(p: GraphPolicy): EntraConditionalAccessPolicy {
  const c = p.conditions;
  const g = p.grantControls;
  return {
    id: p.id,
    displayName: p.displayName,
    state: p.state,
    users: {
      includeUsers: c.users?.includeUsers ?? [],
      excludeUsers: c.users?.excludeUsers ?? [],
      includeGroups: c.users?.includeGroups ?? [],
      excludeGroups: c.users?.excludeGroups ?? [],
      includeRoles: c.users?.includeRoles ?? [],
      excludeRoles: c.users?.excludeRoles ?? [],
    },
    applications: {
      includeApplications: c.applications?.includeApplications ?? [],
      excludeApplications: c.applications?.excludeApplications ?? [],
      includeUserActions: c.applications?.includeUserActions ?? [],
    },
    clientAppTypes: c.clientAppTypes,
    platforms: c.platforms ? { includePlatforms: c.platforms.includePlatforms, excludePlatforms: c.platforms.excludePlatforms } : null,
    locations: c.locations ? { includeLocations: c.locations.includeLocations, excludeLocations: c.locations.excludeLocations } : null,
    userRiskLevels: c.userRiskLevels,
    signInRiskLevels: c.signInRiskLevels,
    grantControls: g
      ? {
          // Graph writes OR when a policy has a single control.
          operator: g.operator === 'AND' ? 'AND' : 'OR',
          builtInControls: g.builtInControls,
          authenticationStrength: g.authenticationStrength ? { id: g.authenticationStrength.id, displayName: g.authenticationStrength.displayName ?? null } : null,
        }
      : null,
  };
}

/** GET /identity/conditionalAccess/policies (Policy.Read.All). A tenant without policies is collected empty. */
export async function collectConditionalAccess(session: GraphSession, emit: Emit, signal: AbortSignal): Promise<CollectionError | null> {
  try {
    const first = session.client.api('/identity/conditionalAccess/policies').select(['id', 'displayName', 'state', 'conditions', 'grantControls']);
    await forEachPage(session.client, first, policySchema, (page) => {
      for (const p of page) emit(ENTRA_KINDS.conditionalAccessPolicy, entraConditionalAccessPolicyResourceId(p.id), toEvidence(p));
    }, signal);
    return null;
  } catch (err) {
    return kindError(err, 'reading Conditional Access policies', ENTRA_PERMISSIONS.policies);
  }
}

const securityDefaultsSchema = z.object({ isEnabled: z.boolean() });

/** GET /policies/identitySecurityDefaultsEnforcementPolicy (Policy.Read.All): one item on the tenant. */
export async function collectSecurityDefaults(session: GraphSession, emit: Emit): Promise<CollectionError | null> {
  try {
    const raw: unknown = await session.client.api('/policies/identitySecurityDefaultsEnforcementPolicy').select(['id', 'isEnabled']).get();
    const parsed = securityDefaultsSchema.safeParse(raw);
    if (!parsed.success) throw new MalformedResponseError(`the security defaults policy has no isEnabled (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    const value: EntraSecurityDefaults = { isEnabled: parsed.data.isEnabled };
    emit(ENTRA_KINDS.securityDefaults, entraTenantResourceId(session.tenantId), value);
    return null;
  } catch (err) {
    return kindError(err, 'reading the security defaults policy', ENTRA_PERMISSIONS.policies);
  }
}
