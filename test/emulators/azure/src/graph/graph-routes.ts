import type { DirectoryObjectModel, GroupModel } from '../model/tenant-model';
import { graphTimestamp } from '../relative-date';
import { AzureHttpError, type AzureRoute, type RouteContext, type RouteResult } from '../route';
import {
  DIRECTORY_OBJECT_PROPERTIES,
  ORGANIZATION_PROPERTIES,
  REGISTRATION_PROPERTIES,
  ROLE_ASSIGNMENT_PROPERTIES,
  ROLE_DEFINITION_PROPERTIES,
  USER_DEFAULT_PROPERTIES,
  USER_PROPERTIES,
  directoryObjectJson,
  organizationJson,
  propertyIndex,
  registrationGetters,
  roleDefinitionGetters,
  userGetters,
} from './graph-json';
import { allowQueryOptions, badRequest, collection, paginate, parseSelect, project, queryValue } from './odata';

/**
 * Application permissions that allow each read (any one suffices), as Graph's permission tables
 * list them from least to most privileged.
 */
export const GRAPH_PERMISSIONS = {
  organization: ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  signInActivity: ['AuditLog.Read.All'],
  groupMembers: ['GroupMember.Read.All', 'Group.Read.All', 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  servicePrincipals: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  roleManagement: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  conditionalAccess: ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess'],
  securityDefaults: ['Policy.Read.All', 'Policy.ReadWrite.SecurityDefaults'],
  registrationReport: ['AuditLog.Read.All'],
} as const;

const has = (ctx: RouteContext, anyOf: readonly string[]): boolean => (ctx.principal?.roles ?? []).some((r) => anyOf.includes(r));

/** The directory's refusal: what Graph answers for users, groups, role management and directory policies. */
const insufficientPrivileges = (): AzureHttpError => new AzureHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

function requireAny(ctx: RouteContext, anyOf: readonly string[], refuse: () => AzureHttpError = insufficientPrivileges): void {
  if (!has(ctx, anyOf)) throw refuse();
}

/** Sign-in activity and the authentication methods reports need Microsoft Entra ID P1 or P2. */
function requirePremium(ctx: RouteContext): void {
  if (ctx.tenant.licence === 'free') throw new AzureHttpError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license");
}

const canRead =
  (ctx: RouteContext) =>
  (kind: DirectoryObjectModel['kind']): boolean =>
    kind === 'user' ? has(ctx, GRAPH_PERMISSIONS.users) : kind === 'group' ? has(ctx, GRAPH_PERMISSIONS.groupMembers) : has(ctx, GRAPH_PERMISSIONS.servicePrincipals) || has(ctx, GRAPH_PERMISSIONS.roleManagement);

function organization(ctx: RouteContext): RouteResult {
  allowQueryOptions(ctx, ['$select']);
  requireAny(ctx, GRAPH_PERMISSIONS.organization);
  const select = parseSelect(ctx, 'microsoft.graph.organization', propertyIndex(ORGANIZATION_PROPERTIES));
  const full = organizationJson(ctx.tenant);
  const value = select ? Object.fromEntries(select.map((p) => [p, full[p]])) : full;
  return { body: { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#organization${select ? `(${select.join(',')})` : ''}`, value: [value] } };
}

function users(ctx: RouteContext): RouteResult {
  allowQueryOptions(ctx, ['$select', '$top', '$skiptoken']);
  requireAny(ctx, GRAPH_PERMISSIONS.users);
  const select = parseSelect(ctx, 'microsoft.graph.user', propertyIndex(USER_PROPERTIES));
  const signIn = select?.includes('signInActivity') ?? false;
  if (signIn) {
    requireAny(ctx, GRAPH_PERMISSIONS.signInActivity);
    requirePremium(ctx);
  }
  // Selecting signInActivity shrinks the largest page Graph returns (500 since 2025, 120 before).
  const page = paginate(ctx.tenant.users, ctx, { defaultSize: 100, maxSize: signIn ? ctx.settings.signInActivityPageSize : undefined });
  const withSignIn = signIn && !ctx.faults.withholdSignInActivity;
  const value = page.items.map((u) => project(userGetters(u, { signInActivity: withSignIn }), select, USER_DEFAULT_PROPERTIES));
  return { body: collection(ctx, 'users', select, { ...page, items: value }) };
}

function groupOr404(ctx: RouteContext): GroupModel {
  const group = ctx.tenant.group(ctx.params.id ?? '');
  if (!group) throw new AzureHttpError(404, 'Request_ResourceNotFound', `Resource '${ctx.params.id ?? ''}' does not exist or one of its queried reference-property objects are not present.`);
  return group;
}

function groupMembers(transitive: boolean) {
  return (ctx: RouteContext): RouteResult => {
    allowQueryOptions(ctx, ['$select', '$top', '$skiptoken']);
    requireAny(ctx, GRAPH_PERMISSIONS.groupMembers);
    const group = groupOr404(ctx);
    const select = parseSelect(ctx, 'microsoft.graph.directoryObject', propertyIndex(DIRECTORY_OBJECT_PROPERTIES));
    const members = transitive ? ctx.tenant.transitiveMembers(group) : ctx.tenant.directMembers(group);
    const page = paginate(members, ctx, { defaultSize: 100 });
    const value = page.items.map((m) => directoryObjectJson(m, select, canRead(ctx)));
    return { body: collection(ctx, 'directoryObjects', select, { ...page, items: value }) };
  };
}

function roleDefinitions(ctx: RouteContext): RouteResult {
  allowQueryOptions(ctx, ['$select', '$top', '$skiptoken']);
  requireAny(ctx, GRAPH_PERMISSIONS.roleManagement);
  const select = parseSelect(ctx, 'microsoft.graph.unifiedRoleDefinition', propertyIndex(ROLE_DEFINITION_PROPERTIES));
  const page = paginate(ctx.tenant.roleDefinitions, ctx, { defaultSize: 999 });
  const value = page.items.map((r) => project(roleDefinitionGetters(r), select, ROLE_DEFINITION_PROPERTIES));
  return { body: collection(ctx, 'roleManagement/directory/roleDefinitions', select, { ...page, items: value }) };
}

function roleAssignments(ctx: RouteContext): RouteResult {
  allowQueryOptions(ctx, ['$select', '$top', '$skiptoken', '$expand']);
  requireAny(ctx, GRAPH_PERMISSIONS.roleManagement);
  const select = parseSelect(ctx, 'microsoft.graph.unifiedRoleAssignment', propertyIndex(ROLE_ASSIGNMENT_PROPERTIES));
  const expand = (queryValue(ctx, '$expand') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const e of expand) {
    if (!['principal', 'roledefinition'].includes(e.toLowerCase())) throw badRequest('BadRequest', `Could not find a property named '${e}' on type 'microsoft.graph.unifiedRoleAssignment'.`);
  }
  const expandPrincipal = expand.some((e) => e.toLowerCase() === 'principal');
  const expandRole = expand.some((e) => e.toLowerCase() === 'roledefinition');
  const page = paginate(ctx.tenant.roleAssignments, ctx, { defaultSize: 100 });
  const value = page.items.map((a) => {
    const base = project(
      {
        id: () => a.id,
        principalId: () => a.principalId,
        roleDefinitionId: () => a.role.templateId,
        directoryScopeId: () => a.directoryScopeId,
        appScopeId: () => null,
      },
      select,
      ROLE_ASSIGNMENT_PROPERTIES,
    );
    const principal = ctx.tenant.object(a.principalId);
    return {
      ...base,
      ...(expandPrincipal && { principal: principal ? directoryObjectJson(principal, null, canRead(ctx)) : null }),
      ...(expandRole && { roleDefinition: project(roleDefinitionGetters(a.role), null, ROLE_DEFINITION_PROPERTIES) }),
    };
  });
  return { body: collection(ctx, 'roleManagement/directory/roleAssignments', select, { ...page, items: value }) };
}

function conditionalAccessPolicies(ctx: RouteContext): RouteResult {
  allowQueryOptions(ctx, ['$select', '$top', '$skiptoken']);
  requireAny(ctx, GRAPH_PERMISSIONS.conditionalAccess, () => new AzureHttpError(403, 'AccessDenied', 'You cannot perform the requested operation, required scopes are missing in the token.'));
  const properties = ['id', 'templateId', 'displayName', 'createdDateTime', 'modifiedDateTime', 'state', 'sessionControls', 'conditions', 'grantControls'];
  const select = parseSelect(ctx, 'microsoft.graph.conditionalAccessPolicy', propertyIndex(properties));
  const page = paginate(ctx.tenant.conditionalAccessPolicies, ctx, { defaultSize: 100 });
  const value = page.items.map((p) => (select ? Object.fromEntries(select.map((k) => [k, p[k]])) : p));
  return { body: collection(ctx, 'identity/conditionalAccess/policies', select, { ...page, items: value }) };
}

function securityDefaults(ctx: RouteContext): RouteResult {
  allowQueryOptions(ctx, ['$select']);
  requireAny(ctx, GRAPH_PERMISSIONS.securityDefaults);
  const full: Record<string, unknown> = {
    id: '00000000-0000-0000-0000-000000000005',
    displayName: 'Security Defaults',
    description:
      'Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.',
    isEnabled: ctx.tenant.securityDefaultsEnabled,
  };
  const select = parseSelect(ctx, 'microsoft.graph.identitySecurityDefaultsEnforcementPolicy', propertyIndex(Object.keys(full)));
  const value = select ? Object.fromEntries(select.map((k) => [k, full[k]])) : full;
  return { body: { '@odata.context': `${ctx.baseUrl}/v1.0/$metadata#policies/identitySecurityDefaultsEnforcementPolicy/$entity`, ...value } };
}

function registrationDetails(ctx: RouteContext): RouteResult {
  allowQueryOptions(ctx, ['$select', '$top', '$skiptoken']);
  requireAny(ctx, GRAPH_PERMISSIONS.registrationReport, () => new AzureHttpError(403, 'Authentication_MSGraphPermissionMissing', 'Calling principal does not have required MSGraph permissions AuditLog.Read.All'));
  requirePremium(ctx);
  const select = parseSelect(ctx, 'microsoft.graph.userRegistrationDetails', propertyIndex(REGISTRATION_PROPERTIES));
  // The report is refreshed periodically, not on every change.
  const lastUpdated = graphTimestamp(new Date(ctx.now.getTime() - 3 * 3_600_000));
  const page = paginate(ctx.tenant.users, ctx, { defaultSize: 100 });
  const value = page.items.map((u) => project(registrationGetters(u, lastUpdated), select, REGISTRATION_PROPERTIES));
  return { body: collection(ctx, 'reports/authenticationMethods/userRegistrationDetails', select, { ...page, items: value }) };
}

export const GRAPH_ROUTES: readonly AzureRoute[] = [
  { method: 'GET', template: '/v1.0/organization', api: 'graph', handler: organization },
  { method: 'GET', template: '/v1.0/users', api: 'graph', handler: users },
  { method: 'GET', template: '/v1.0/groups/{id}/members', api: 'graph', handler: groupMembers(false) },
  { method: 'GET', template: '/v1.0/groups/{id}/transitiveMembers', api: 'graph', handler: groupMembers(true) },
  { method: 'GET', template: '/v1.0/roleManagement/directory/roleDefinitions', api: 'graph', handler: roleDefinitions },
  { method: 'GET', template: '/v1.0/roleManagement/directory/roleAssignments', api: 'graph', handler: roleAssignments },
  { method: 'GET', template: '/v1.0/identity/conditionalAccess/policies', api: 'graph', handler: conditionalAccessPolicies },
  { method: 'GET', template: '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy', api: 'graph', handler: securityDefaults },
  { method: 'GET', template: '/v1.0/reports/authenticationMethods/userRegistrationDetails', api: 'graph', handler: registrationDetails },
];
