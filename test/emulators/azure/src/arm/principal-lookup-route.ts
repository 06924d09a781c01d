import { DIRECTORY_OBJECT_PROPERTIES, USER_DEFAULT_PROPERTIES, directoryObjectJson, propertyIndex } from '../graph/graph-json';
import { allowQueryOptions, badRequest, odataContext, parseSelect } from '../graph/odata';
import type { DirectoryObjectModel } from '../model/tenant-model';
import { AzureHttpError, type AzureRoute, type RouteContext, type RouteResult } from '../route';

/**
 * POST /v1.0/directoryObjects/getByIds: how an RBAC reader turns the principal ids of role
 * assignments into users, groups and service principals in one call per thousand ids. A Graph
 * route, kept with the ARM side because only ARM data makes anyone ask for it; it could move to
 * ../graph/graph-routes.ts unchanged.
 */

/** Graph's documented least (and only) application permission for getByIds. */
export const GET_BY_IDS_PERMISSIONS = ['Directory.Read.All', 'Directory.ReadWrite.All'] as const;

const MAX_IDS = 1000;

/** The `types` values Graph accepts, mapped to the emulator's object kinds (devices and others are never present). */
const TYPES: Readonly<Record<string, DirectoryObjectModel['kind'] | null>> = {
  user: 'user',
  group: 'group',
  serviceprincipal: 'servicePrincipal',
  device: null,
  application: null,
  directoryrole: null,
  orgcontact: null,
};

function parseBody(ctx: RouteContext): { ids: string[]; kinds: Set<DirectoryObjectModel['kind']> | null } {
  let json: unknown;
  try {
    json = JSON.parse(ctx.body);
  } catch {
    throw badRequest('BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i): i is string => typeof i === 'string')) {
    throw badRequest('Request_BadRequest', "Invalid value specified for property 'ids' of resource 'DirectoryObject'.");
  }
  if (ids.length > MAX_IDS) throw badRequest('Request_BadRequest', `Too many ids specified: ${ids.length}. The maximum is ${MAX_IDS}.`);
  const types = body.types;
  if (types === undefined || types === null) return { ids, kinds: null };
  if (!Array.isArray(types) || !types.every((t): t is string => typeof t === 'string')) {
    throw badRequest('Request_BadRequest', "Invalid value specified for property 'types' of resource 'DirectoryObject'.");
  }
  const kinds = new Set<DirectoryObjectModel['kind']>();
  for (const t of types) {
    const kind = TYPES[t.replace(/^microsoft\.graph\./i, '').toLowerCase()];
    if (kind === undefined) throw badRequest('Request_BadRequest', `Invalid type '${t}' specified.`);
    if (kind !== null) kinds.add(kind);
  }
  return { ids, kinds };
}

function getByIds(ctx: RouteContext): RouteResult {
  allowQueryOptions(ctx, ['$select']);
  if (!(ctx.principal?.roles ?? []).some((r) => (GET_BY_IDS_PERMISSIONS as readonly string[]).includes(r))) {
    throw new AzureHttpError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
  const select = parseSelect(ctx, 'microsoft.graph.directoryObject', propertyIndex(DIRECTORY_OBJECT_PROPERTIES));
  const { ids, kinds } = parseBody(ctx);
  // Ids that are not in the directory (deleted objects) are simply absent from the answer.
  const value = [...new Set(ids.map((i) => i.toLowerCase()))].flatMap((id) => {
    const o = ctx.tenant.object(id);
    if (!o || (kinds && !kinds.has(o.kind))) return [];
    // v1.0 returns only a subset of user properties unless asked (accountEnabled is not in it).
    return [directoryObjectJson(o, select ?? (o.kind === 'user' ? USER_DEFAULT_PROPERTIES : null), () => true)];
  });
  return { body: { '@odata.context': odataContext(ctx, 'directoryObjects', select), value } };
}

export const PRINCIPAL_LOOKUP_ROUTES: readonly AzureRoute[] = [{ method: 'POST', template: '/v1.0/directoryObjects/getByIds', api: 'graph', handler: getByIds }];
