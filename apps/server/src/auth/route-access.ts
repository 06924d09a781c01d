import type { RouteAccess } from '@astrolabe/api-contract';
import { ROUTES } from '../http/openapi';

/** `/api/v1/workspaces/{workspaceId}/x/{id}` and `/api/v1/workspaces/:ws/x/:id` → `/api/v1/workspaces/*\/x/*`. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[A-Za-z0-9_]+/g, '*')}`;
}

const ACCESS = new Map<string, RouteAccess>([
  ...ROUTES.map((r): [string, RouteAccess] => [routeKey(r.method, r.path), r.access]),
  // The OpenAPI document describes the API and holds no data: public, like the API's own docs page.
  [routeKey('get', '/api/docs'), 'public'],
]);

/**
 * What a route requires, from the route table that also documents it: one place declares every
 * endpoint's permission. Undefined means the route is not in the table, and the guard refuses it.
 */
export function accessOf(method: string, routePath: string): RouteAccess | undefined {
  return ACCESS.get(routeKey(method, routePath));
}
