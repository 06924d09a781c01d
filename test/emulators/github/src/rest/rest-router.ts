import type { RestRoute } from './rest-context';
import { ACTIONS_ROUTES } from './routes/actions-routes';
import { APP_ROUTES } from './routes/app-routes';
import { META_ROUTES } from './routes/meta-routes';
import { ORG_ROUTES } from './routes/org-routes';

interface CompiledRoute {
  readonly route: RestRoute;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

export interface RouteMatch {
  readonly route: RestRoute;
  readonly params: Record<string, string>;
}

function compile(route: RestRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

const COMPILED: readonly CompiledRoute[] = [...META_ROUTES, ...ORG_ROUTES, ...ACTIONS_ROUTES, ...APP_ROUTES].map(compile);

/** Finds the route for an API path (without `/api/v3`); `methodAllowed` is false for a known path with another verb. */
export function matchRoute(method: string, apiPath: string): { match: RouteMatch | undefined; methodAllowed: boolean } {
  let pathKnown = false;
  for (const c of COMPILED) {
    const m = c.pattern.exec(apiPath);
    if (!m) continue;
    pathKnown = true;
    if (c.route.method !== method && !(method === 'HEAD' && c.route.method === 'GET')) continue;
    const params: Record<string, string> = {};
    c.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')));
    return { match: { route: c.route, params }, methodAllowed: true };
  }
  return { match: undefined, methodAllowed: !pathKnown };
}
