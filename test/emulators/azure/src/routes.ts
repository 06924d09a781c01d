import { ARM_ROUTES } from './arm/arm-routes';
import { GRAPH_ROUTES } from './graph/graph-routes';
import { IDENTITY_ROUTES } from './identity/identity-routes';
import type { AzureRoute } from './route';

/**
 * Every route the emulator serves, on one HTTPS host as Azure serves them on three: the identity
 * platform (`/{tenant}/oauth2/v2.0/token`, …), Microsoft Graph (`/v1.0/…`) and Azure Resource
 * Manager (`/subscriptions/…`, `/providers/…`, from ./arm/arm-routes.ts). Their path spaces do
 * not overlap, so one table serves all three.
 */
export const AZURE_ROUTES: readonly AzureRoute[] = [...IDENTITY_ROUTES, ...GRAPH_ROUTES, ...ARM_ROUTES];

interface CompiledRoute {
  readonly route: AzureRoute;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

export interface RouteMatch {
  readonly route: AzureRoute;
  readonly params: Record<string, string>;
}

function compile(route: AzureRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`, 'i'), names };
}

export class AzureRouter {
  private readonly compiled: readonly CompiledRoute[];

  constructor(routes: readonly AzureRoute[] = AZURE_ROUTES) {
    this.compiled = routes.map(compile);
  }

  /** The route for a path; `methodAllowed` is false for a known path with another verb. */
  match(method: string, path: string): { match: RouteMatch | undefined; methodAllowed: boolean } {
    let pathKnown = false;
    for (const c of this.compiled) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (c.route.method !== method) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] ?? '')));
      return { match: { route: c.route, params }, methodAllowed: true };
    }
    return { match: undefined, methodAllowed: !pathKnown };
  }
}
