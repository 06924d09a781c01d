import type { IncomingHttpHeaders } from 'node:http';
import type { AzureFaults } from './faults';
import type { AccessTokenIssuer } from './identity/access-token';
import type { TenantModel } from './model/tenant-model';
import type { AzureScenario } from './scenario-schema';

/**
 * Which service a route belongs to. It decides authentication (identity: none; graph and arm: a
 * bearer token for that audience), the error body shape, and which requests faults apply to.
 */
export type AzureApi = 'identity' | 'graph' | 'arm';

/** The caller behind a verified bearer token (an app registration's service principal). */
export interface RoutePrincipal {
  readonly tenantId: string;
  readonly clientId: string;
  readonly servicePrincipalId: string;
  readonly appDisplayName: string;
  /** The token's `aud`: the resource the token was asked for. */
  readonly audience: string;
  /** Graph application permissions in the token (`roles`); empty for ARM tokens. */
  readonly roles: readonly string[];
}

export interface EmulatorSettings {
  readonly tokenLifetimeSeconds: number;
  /** Largest page Graph returns for /users when signInActivity is selected. */
  readonly signInActivityPageSize: number;
}

/** What a route handler sees. Everything is read-only except what `memo` builds. */
export interface RouteContext {
  readonly scenario: AzureScenario;
  readonly tenant: TenantModel;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Raw request body (empty for GET). */
  readonly body: string;
  /** The verified caller; null on identity routes, which authenticate themselves. */
  readonly principal: RoutePrincipal | null;
  /** `https://127.0.0.1:<port>`, for absolute links (`@odata.nextLink`, ARM `nextLink`). */
  readonly baseUrl: string;
  /** Request path as received, without the query. */
  readonly path: string;
  /** The emulator's clock now (token lifetimes, `Date`, innerError dates). */
  readonly now: Date;
  readonly faults: Readonly<AzureFaults>;
  readonly settings: EmulatorSettings;
  readonly tokens: AccessTokenIssuer;
  /**
   * A value built once per emulator instance and kept for later requests (e.g. an ARM model built
   * from `scenario.arm` and `tenant`).
   */
  memo<T>(key: string, build: () => T): T;
}

export interface RouteResult {
  /** Default 200. */
  readonly status?: number;
  /** Serialized as JSON. */
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** For the call log, when the route identifies the caller itself (the token endpoint's client_id). */
  readonly clientId?: string;
}

export interface AzureRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with `{param}` segments, matched case-insensitively as Graph and ARM do: `/v1.0/groups/{id}/transitiveMembers`. */
  readonly template: string;
  readonly api: AzureApi;
  handler(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

/**
 * An error answer of a Graph or ARM route. The server renders it in the API's shape: Graph
 * `{"error":{"code","message","innerError":{…}}}`, ARM `{"error":{"code","message"}}`.
 */
export class AzureHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AzureHttpError';
  }
}
