import { randomUUID } from 'node:crypto';
import type { AzureRoute, RouteContext, RouteResult } from '../route';
import { ARM_RESOURCES, GRAPH_RESOURCES, resourceOfScope } from './access-token';

/** `2024-05-01 10:00:00Z`, as AADSTS errors print their timestamp. */
const aadTimestamp = (d: Date): string => d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

const NO_STORE = { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' };

/**
 * The identity platform's error body: OAuth `error`, an `AADSTS<code>: …` description ending in
 * trace/correlation ids and a timestamp, and the numeric codes MSAL and @azure/identity surface.
 */
function aadError(ctx: RouteContext, status: number, error: string, code: number, description: string, clientId?: string): RouteResult {
  const traceId = randomUUID();
  const correlationId = typeof ctx.headers['client-request-id'] === 'string' ? ctx.headers['client-request-id'] : randomUUID();
  const timestamp = aadTimestamp(ctx.now);
  return {
    status,
    headers: { ...NO_STORE, 'x-ms-request-id': traceId },
    clientId,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${ctx.baseUrl}/error?code=${code}`,
    },
  };
}

function tenantNotFound(ctx: RouteContext, error: 'invalid_request' | 'invalid_tenant'): RouteResult {
  const tenant = ctx.params.tenant ?? '';
  return aadError(
    ctx,
    400,
    error,
    90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

const missingParameter = (ctx: RouteContext, name: string, clientId?: string): RouteResult =>
  aadError(ctx, 400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`, clientId);

/** POST /{tenant}/oauth2/v2.0/token: the client credentials grant with a client secret. */
function token(ctx: RouteContext): RouteResult {
  if (!ctx.tenant.isTenant(ctx.params.tenant ?? '')) return tenantNotFound(ctx, 'invalid_request');
  const form = new URLSearchParams(ctx.body);
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id')?.toLowerCase() ?? undefined;
  if (!grantType) return missingParameter(ctx, 'grant_type', clientId);
  if (grantType !== 'client_credentials') {
    return aadError(ctx, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'. The emulator implements client_credentials only.`, clientId);
  }
  if (!clientId) return missingParameter(ctx, 'client_id');
  const app = ctx.tenant.app(clientId);
  if (!app) {
    return aadError(
      ctx,
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${ctx.tenant.displayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      clientId,
    );
  }
  const secret = form.get('client_secret');
  if (secret === null) return aadError(ctx, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", clientId);
  if (secret !== app.clientSecret) {
    return aadError(
      ctx,
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      clientId,
    );
  }
  if (app.secretExpires !== null && app.secretExpires.getTime() <= ctx.now.getTime()) {
    return aadError(
      ctx,
      401,
      'invalid_client',
      7000222,
      `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
      clientId,
    );
  }
  const scope = form.get('scope');
  if (!scope) return missingParameter(ctx, 'scope', clientId);
  const resource = resourceOfScope(scope);
  if (resource === null || scope.trim().includes(' ')) {
    return aadError(
      ctx,
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      clientId,
    );
  }
  const isGraph = (GRAPH_RESOURCES as readonly string[]).includes(resource) || resource === ctx.baseUrl;
  const isArm = (ARM_RESOURCES as readonly string[]).includes(resource);
  if (!isGraph && !isArm) {
    return aadError(
      ctx,
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${ctx.tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      clientId,
    );
  }
  const now = Math.floor(ctx.now.getTime() / 1000);
  const lifetime = ctx.settings.tokenLifetimeSeconds;
  const accessToken = ctx.tokens.issue({
    aud: resource,
    iss: `https://sts.windows.net/${ctx.tenant.id}/`,
    iat: now,
    nbf: now,
    exp: now + lifetime,
    appid: app.clientId,
    app_displayname: app.displayName,
    oid: app.servicePrincipalId,
    tid: ctx.tenant.id,
    // The emulator's own origin is both "Graph" and "ARM": such a token carries the Graph roles too.
    roles: isGraph ? app.graphPermissions : [],
  });
  return {
    headers: NO_STORE,
    clientId: app.clientId,
    body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken },
  };
}

/** OpenID Connect discovery document of the tenant, endpoints on this host (MSAL resolves the authority from it). */
function openidConfiguration(version: 'v1' | 'v2') {
  return (ctx: RouteContext): RouteResult => {
    if (!ctx.tenant.isTenant(ctx.params.tenant ?? '')) return tenantNotFound(ctx, 'invalid_tenant');
    const base = `${ctx.baseUrl}/${ctx.tenant.id}`;
    const v = version === 'v2' ? '/v2.0' : '';
    return {
      body: {
        token_endpoint: `${base}/oauth2${v}/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/discovery${v}/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: version === 'v2' ? `${base}/v2.0` : `https://sts.windows.net/${ctx.tenant.id}/`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${ctx.baseUrl}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2${v}/authorize`,
        device_authorization_endpoint: `${base}/oauth2${v}/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2${v}/logout`,
        claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: new URL(ctx.baseUrl).host,
        rbac_url: 'https://pas.windows.net',
      },
    };
  };
}

/**
 * GET /common/discovery/instance: Azure AD instance discovery, answered for this host. MSAL asks the
 * real login.microsoftonline.com for it unless instance discovery is disabled (disableInstanceDiscovery),
 * so clients reach this route only when they point discovery here explicitly.
 */
function instanceDiscovery(ctx: RouteContext): RouteResult {
  const host = new URL(ctx.baseUrl).host;
  return {
    body: {
      tenant_discovery_endpoint: `${ctx.baseUrl}/${ctx.tenant.id}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
  };
}

export const IDENTITY_ROUTES: readonly AzureRoute[] = [
  { method: 'POST', template: '/{tenant}/oauth2/v2.0/token', api: 'identity', handler: token },
  { method: 'GET', template: '/{tenant}/v2.0/.well-known/openid-configuration', api: 'identity', handler: openidConfiguration('v2') },
  { method: 'GET', template: '/{tenant}/.well-known/openid-configuration', api: 'identity', handler: openidConfiguration('v1') },
  { method: 'GET', template: '/{tenant}/discovery/v2.0/keys', api: 'identity', handler: () => ({ body: { keys: [] } }) },
  { method: 'GET', template: '/common/discovery/instance', api: 'identity', handler: instanceDiscovery },
];
