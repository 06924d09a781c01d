import { AzureHttpError, type AzureRoute, type RouteContext, type RouteResult } from '../route';
import { ArmModel, ROOT_SCOPE, type SubscriptionModel } from './arm-model';
import { resourceGroupJson, roleAssignmentJson, roleDefinitionJson, subscriptionJson, tenantJson } from './arm-json';
import { PRINCIPAL_LOOKUP_ROUTES } from './principal-lookup-route';

/**
 * Azure Resource Manager routes (`/subscriptions/…`, `/providers/…`), served from the same HTTPS
 * host as the token endpoint and Graph. The server has verified the bearer token (audience
 * management.azure.com or the emulator) and put the caller in `ctx.principal`; here ARM's own
 * authorization runs: Azure RBAC over the scenario's role assignments, so the caller needs a role
 * that allows the operation at the scope or above (Reader does), or gets 403 AuthorizationFailed.
 */

/** The model of the scenario's `arm` section, built once per emulator. */
export const armModel = (ctx: RouteContext): ArmModel => ctx.memo('arm-model', () => new ArmModel(ctx.scenario.arm, ctx.tenant, ctx.now));

const API_VERSIONS = {
  subscriptions: ['2016-06-01', '2018-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-12-01'],
  resourceGroups: ['2019-05-01', '2019-10-01', '2020-06-01', '2021-04-01', '2022-09-01', '2023-07-01', '2024-03-01'],
  authorization: ['2015-07-01', '2018-01-01-preview', '2020-04-01-preview', '2022-04-01'],
} as const;

/** ARM reads query parameter names case-insensitively (`$skipToken`, `$skiptoken`). */
function query(ctx: RouteContext, name: string): string | null {
  for (const [k, v] of ctx.query) if (k.toLowerCase() === name.toLowerCase()) return v;
  return null;
}

function requireApiVersion(ctx: RouteContext, supported: readonly string[], resourceType: string): void {
  const version = query(ctx, 'api-version');
  if (version === null || version === '') throw new AzureHttpError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  if (!supported.includes(version)) {
    throw new AzureHttpError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${version}' is invalid. The supported versions for resource type '${resourceType}' are '${supported.join(',')}'.`,
    );
  }
}

function caller(ctx: RouteContext): { clientId: string; objectId: string } {
  // The server authenticates ARM routes before they run; a null principal would be its bug.
  if (!ctx.principal) throw new AzureHttpError(401, 'AuthenticationFailed', 'Authentication failed. The Authorization header is missing.');
  return { clientId: ctx.principal.clientId, objectId: ctx.principal.servicePrincipalId };
}

/** ARM's refusal, naming the caller, the action and the scope, exactly as Azure words it. */
function authorize(ctx: RouteContext, model: ArmModel, action: string, scope: string): void {
  const who = caller(ctx);
  if (model.can(who.objectId, action, scope)) return;
  throw new AzureHttpError(
    403,
    'AuthorizationFailed',
    `The client '${who.clientId}' with object id '${who.objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  );
}

function subscriptionOr404(model: ArmModel, id: string): SubscriptionModel {
  const sub = model.subscription(id);
  if (!sub) throw new AzureHttpError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
  return sub;
}

/**
 * One page of a list and its `nextLink`: the request's own URL with a skip token, api-version
 * included, as ARM writes it (clients follow it verbatim).
 */
function page<T>(ctx: RouteContext, items: readonly T[], size: number, tokenName: '$skipToken' | '$skiptoken'): { items: T[]; nextLink?: string } {
  const raw = query(ctx, tokenName);
  let offset = 0;
  if (raw !== null) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!decoded) throw new AzureHttpError(400, 'InvalidSkipToken', `The skip token '${raw}' is invalid.`);
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + size);
  if (offset + size >= items.length) return { items: slice };
  const next = new URLSearchParams();
  for (const [k, v] of ctx.query) if (k.toLowerCase() !== tokenName.toLowerCase()) next.append(k, v);
  next.set(tokenName, Buffer.from(`offset:${offset + size}`).toString('base64url'));
  return { items: slice, nextLink: `${ctx.baseUrl}${ctx.path}?${next.toString()}` };
}

function listSubscriptions(ctx: RouteContext): RouteResult {
  requireApiVersion(ctx, API_VERSIONS.subscriptions, 'subscriptions');
  const model = armModel(ctx);
  const visible = model.visibleSubscriptions(caller(ctx).objectId);
  const p = page(ctx, visible, model.pageSize, '$skiptoken');
  return { body: { value: p.items.map((s) => subscriptionJson(s, model.tenantId)), count: { type: 'Total', value: visible.length }, ...(p.nextLink && { nextLink: p.nextLink }) } };
}

function listTenants(ctx: RouteContext): RouteResult {
  requireApiVersion(ctx, API_VERSIONS.subscriptions, 'tenants');
  return { body: { value: [tenantJson(ctx.tenant)] } };
}

function listResourceGroups(ctx: RouteContext): RouteResult {
  requireApiVersion(ctx, API_VERSIONS.resourceGroups, 'resourceGroups');
  const model = armModel(ctx);
  const sub = subscriptionOr404(model, ctx.params.subscriptionId ?? '');
  authorize(ctx, model, 'Microsoft.Resources/subscriptions/resourceGroups/read', sub.scope);
  const p = page(ctx, sub.resourceGroups, model.pageSize, '$skiptoken');
  return { body: { value: p.items.map(resourceGroupJson), ...(p.nextLink && { nextLink: p.nextLink }) } };
}

type ScopeOf = (ctx: RouteContext, model: ArmModel) => string;

const atRoot: ScopeOf = () => ROOT_SCOPE;
const atManagementGroup: ScopeOf = (ctx, model) => {
  const id = ctx.params.groupId ?? '';
  const group = model.managementGroup(id);
  if (!group) throw new AzureHttpError(404, 'ManagementGroupNotFound', `Management group '${id}' was not found.`);
  return group.scope;
};
const atSubscription: ScopeOf = (ctx, model) => subscriptionOr404(model, ctx.params.subscriptionId ?? '').scope;
const atResourceGroup: ScopeOf = (ctx, model) => {
  const sub = subscriptionOr404(model, ctx.params.subscriptionId ?? '');
  const name = ctx.params.resourceGroupName ?? '';
  const group = sub.resourceGroups.find((g) => g.name.toLowerCase() === name.toLowerCase());
  if (!group) throw new AzureHttpError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
  return group.id;
};

/** `atScope()`, `principalId eq '<id>'` or `assignedTo('<id>')`; ARM rejects anything else. */
function assignmentFilter(ctx: RouteContext): { atScope: boolean; principalId: string | null } {
  const raw = query(ctx, '$filter')?.trim() ?? '';
  if (raw === '') return { atScope: false, principalId: null };
  if (/^atScope\(\)$/i.test(raw)) return { atScope: true, principalId: null };
  const principal = /^(?:principalId\s+eq\s+'([0-9a-f-]{36})'|assignedTo\('([0-9a-f-]{36})'\))$/i.exec(raw);
  if (principal) return { atScope: false, principalId: principal[1] ?? principal[2] ?? null };
  throw new AzureHttpError(400, 'UnsupportedQuery', `The filter '${raw}' is not supported. Supported filters are either 'atScope()' or 'principalId eq '{value}'' or 'assignedTo('{value}')'.`);
}

function listRoleAssignments(scopeOf: ScopeOf) {
  return (ctx: RouteContext): RouteResult => {
    requireApiVersion(ctx, API_VERSIONS.authorization, 'roleAssignments');
    const model = armModel(ctx);
    const scope = scopeOf(ctx, model);
    const filter = assignmentFilter(ctx);
    authorize(ctx, model, 'Microsoft.Authorization/roleAssignments/read', scope);
    const p = page(ctx, model.assignmentsFor(scope, filter), model.pageSize, '$skipToken');
    return { body: { value: p.items.map((a) => roleAssignmentJson(a, scope)), ...(p.nextLink && { nextLink: p.nextLink }) } };
  };
}

/** `type eq 'CustomRole'|'BuiltInRole'` or `roleName eq '<name>'`. */
function definitionFilter(ctx: RouteContext): (d: { roleType: string; roleName: string }) => boolean {
  const raw = query(ctx, '$filter')?.trim() ?? '';
  if (raw === '') return () => true;
  const type = /^type\s+eq\s+'(CustomRole|BuiltInRole)'$/i.exec(raw)?.[1];
  if (type) return (d) => d.roleType.toLowerCase() === type.toLowerCase();
  const name = /^roleName\s+eq\s+'(.+)'$/i.exec(raw)?.[1];
  if (name) return (d) => d.roleName.toLowerCase() === name.replace(/''/g, "'").toLowerCase();
  throw new AzureHttpError(400, 'UnsupportedQuery', `The filter '${raw}' is not supported.`);
}

function listRoleDefinitions(scopeOf: ScopeOf) {
  return (ctx: RouteContext): RouteResult => {
    requireApiVersion(ctx, API_VERSIONS.authorization, 'roleDefinitions');
    const model = armModel(ctx);
    const scope = scopeOf(ctx, model);
    const keep = definitionFilter(ctx);
    authorize(ctx, model, 'Microsoft.Authorization/roleDefinitions/read', scope);
    const p = page(ctx, model.definitionsFor(scope).filter(keep), model.pageSize, '$skipToken');
    return { body: { value: p.items.map((d) => roleDefinitionJson(d, scope)), ...(p.nextLink && { nextLink: p.nextLink }) } };
  };
}

const AUTHORIZATION_SCOPES: readonly { prefix: string; scopeOf: ScopeOf }[] = [
  { prefix: '', scopeOf: atRoot },
  { prefix: '/providers/Microsoft.Management/managementGroups/{groupId}', scopeOf: atManagementGroup },
  { prefix: '/subscriptions/{subscriptionId}', scopeOf: atSubscription },
  { prefix: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}', scopeOf: atResourceGroup },
];

export const ARM_ROUTES: readonly AzureRoute[] = [
  { method: 'GET', template: '/subscriptions', api: 'arm', handler: listSubscriptions },
  { method: 'GET', template: '/tenants', api: 'arm', handler: listTenants },
  { method: 'GET', template: '/subscriptions/{subscriptionId}/resourcegroups', api: 'arm', handler: listResourceGroups },
  ...AUTHORIZATION_SCOPES.flatMap(({ prefix, scopeOf }): AzureRoute[] => [
    { method: 'GET', template: `${prefix}/providers/Microsoft.Authorization/roleAssignments`, api: 'arm', handler: listRoleAssignments(scopeOf) },
    { method: 'GET', template: `${prefix}/providers/Microsoft.Authorization/roleDefinitions`, api: 'arm', handler: listRoleDefinitions(scopeOf) },
  ]),
  ...PRINCIPAL_LOOKUP_ROUTES,
];
