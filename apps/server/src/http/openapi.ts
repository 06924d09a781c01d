import * as c from '@astrolabe/api-contract';
import { z } from 'zod';

interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  tag: 'System' | 'Sign-in' | 'Access' | 'Workspaces' | 'Members' | 'Connections' | 'Runs' | 'Findings' | 'Checks and controls' | 'Frameworks' | 'Evidence' | 'Exceptions' | 'Remediation' | 'Audit log';
  /**
   * What the caller needs: a permission of the matrix in the workspace of the path (checked by
   * the auth guard, which reads this table), or only to be signed in, or nothing.
   */
  access: c.RouteAccess;
  multipart?: boolean;
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  /** Success media type when not JSON (the CSV export). */
  contentType?: string;
}

const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
const WS = '/api/v1/workspaces/{workspaceId}';

/** Every route of /api/v1, documented from the same zod schemas that validate it. */
export const ROUTES: readonly RouteDoc[] = [
  { tag: 'System', method: 'get', path: '/api/v1/health', access: 'public', summary: 'Liveness and database reachability', response: z.object({ status: z.string(), database: z.string() }) },
  { tag: 'Connections', method: 'get', path: '/api/v1/connectors', access: 'signed_in', summary: 'Installed connectors with config schema and required permissions', response: list(c.connectorInfoSchema) },
  { tag: 'Checks and controls', method: 'get', path: '/api/v1/checks', access: 'signed_in', summary: 'Check catalog: metadata, remediation, references', response: list(c.checkViewSchema.omit({ counts: true })) },
  { tag: 'Sign-in', method: 'get', path: '/api/v1/auth/options', access: 'public', summary: 'What the sign-in page offers (password, the demo personas in demo mode)', response: c.signInOptionsSchema },
  { tag: 'Sign-in', method: 'post', path: '/api/v1/auth/login', access: 'public', summary: 'Sign in with email and password; sets the session cookie (httpOnly, SameSite=Lax)', body: c.loginBody, response: c.sessionSchema },
  { tag: 'Sign-in', method: 'post', path: '/api/v1/auth/demo', access: 'public', summary: 'Demo mode only: sign in as one of the demo workspace members', body: c.demoLoginBody, response: c.sessionSchema },
  { tag: 'Sign-in', method: 'get', path: '/api/v1/auth/session', access: 'signed_in', summary: 'The current session: user, memberships and the CSRF token to send on changes', response: c.sessionSchema },
  { tag: 'Sign-in', method: 'post', path: '/api/v1/auth/logout', access: 'signed_in', summary: 'End this session', response: z.null(), status: 204 },
  { tag: 'Sign-in', method: 'post', path: '/api/v1/auth/logout-all', access: 'signed_in', summary: 'End every session of the signed-in user, on every device', response: z.object({ ended: z.number() }) },
  { tag: 'Sign-in', method: 'get', path: '/api/v1/auth/sso/discover', access: 'public', summary: "Whether an email's domain signs in through a workspace's identity provider", query: c.ssoDiscoveryQuery, response: c.ssoDiscoverySchema },
  { tag: 'Sign-in', method: 'get', path: '/api/v1/auth/sso/{workspaceId}/start', access: 'public', summary: 'Start OIDC sign-in (authorization code + PKCE): redirects to the identity provider', response: z.null(), status: 302 },
  { tag: 'Sign-in', method: 'get', path: '/api/v1/auth/sso/callback', access: 'public', summary: 'OIDC redirect URI: completes sign-in and redirects to the console', response: z.null(), status: 302 },
  { tag: 'Sign-in', method: 'get', path: '/api/v1/invitations/preview', access: 'public', summary: 'What an invitation link is for (workspace, email, role)', query: c.invitationTokenQuery, response: c.invitationPreviewSchema },
  { tag: 'Sign-in', method: 'post', path: '/api/v1/invitations/accept', access: 'public', summary: 'Accept an invitation: creates the account (or checks its password), joins the workspace, signs in', body: c.acceptInvitationBody, response: c.sessionSchema },
  { tag: 'Workspaces', method: 'get', path: '/api/v1/workspaces', access: 'signed_in', summary: 'List workspaces', response: list(c.workspaceSchema) },
  { tag: 'Workspaces', method: 'post', path: '/api/v1/workspaces', access: 'signed_in', summary: 'Create a workspace (seeded with the control catalog)', body: c.createWorkspaceBody, response: c.workspaceSchema, status: 201 },
  { tag: 'Workspaces', method: 'get', path: WS, access: 'workspace.read', summary: 'Get a workspace', response: c.workspaceSchema },
  { tag: 'Workspaces', method: 'get', path: `${WS}/overview`, access: 'workspace.read', summary: 'Readiness per framework, control and finding counts, connection health', response: c.overviewSchema },
  { tag: 'Connections', method: 'get', path: `${WS}/connections`, access: 'workspace.read', summary: 'List connections with last run and health', response: list(c.connectionSchema) },
  { tag: 'Connections', method: 'post', path: `${WS}/connections`, access: 'connections.manage', summary: 'Create a connection (secret is write-only)', body: c.createConnectionBody, response: c.connectionSchema, status: 201 },
  { tag: 'Connections', method: 'get', path: `${WS}/connections/{connectionId}`, access: 'workspace.read', summary: 'Get a connection', response: c.connectionSchema },
  { tag: 'Connections', method: 'patch', path: `${WS}/connections/{connectionId}`, access: 'connections.manage', summary: 'Update a connection (name, config, secret, schedule, enabled)', body: c.updateConnectionBody, response: c.connectionSchema },
  { tag: 'Connections', method: 'post', path: `${WS}/connections/{connectionId}/validate`, access: 'connections.manage', summary: 'Try the credentials and permissions', response: c.validationResultSchema },
  { tag: 'Runs', method: 'post', path: `${WS}/connections/{connectionId}/runs`, access: 'runs.start', summary: 'Run now (returns the queued run; an already queued run is reused)', response: c.runSchema, status: 202 },
  { tag: 'Runs', method: 'get', path: `${WS}/connections/{connectionId}/runs`, access: 'workspace.read', summary: 'Recent runs of a connection', response: list(c.runSchema) },
  { tag: 'Runs', method: 'get', path: `${WS}/runs/{runId}`, access: 'workspace.read', summary: 'A run with progress and per-evidence-kind outcome', response: c.runSchema },
  { tag: 'Findings', method: 'get', path: `${WS}/findings`, access: 'workspace.read', summary: 'Findings, filtered, cursor-paged', query: c.findingsQuery, response: c.pageSchema(c.findingSchema) },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/checks`, access: 'workspace.read', summary: 'Checks with finding counts', response: list(c.checkViewSchema) },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/checks/{checkId}`, access: 'workspace.read', summary: 'One check with counts and remediation', response: c.checkViewSchema },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/controls`, access: 'workspace.read', summary: 'Controls with status, owner, evidence and mappings; filtered, cursor-paged', query: c.controlsQuery, response: c.controlPageSchema },
  { tag: 'Checks and controls', method: 'post', path: `${WS}/controls`, access: 'controls.create', summary: 'Add a custom control (checks and/or manual evidence requirements)', body: c.createControlBody, response: c.controlDetailSchema, status: 201 },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/controls/{controlId}`, access: 'workspace.read', summary: 'A control with 90-day status history', response: c.controlDetailSchema },
  { tag: 'Checks and controls', method: 'patch', path: `${WS}/controls/{controlId}`, access: 'controls.assign', summary: 'Assign an owner and/or set the trust label', body: c.updateControlBody, response: c.controlDetailSchema },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/regressions`, access: 'workspace.read', summary: 'Controls whose status is worse than on a day (default yesterday)', query: c.regressionsQuery, response: list(c.regressionSchema) },
  { tag: 'Evidence', method: 'get', path: `${WS}/controls/{controlId}/evidence`, access: 'workspace.read', summary: 'Manual evidence of a control, newest first', response: list(c.manualEvidenceSchema) },
  { tag: 'Evidence', method: 'post', path: `${WS}/controls/{controlId}/evidence`, access: 'evidence.upload', summary: 'Upload a file (multipart field "file") or record a link, with its effective date and reviewer', body: c.manualEvidenceFields, response: c.manualEvidenceSchema, status: 201, multipart: true },
  { tag: 'Evidence', method: 'get', path: `${WS}/controls/{controlId}/evidence/{evidenceId}/file`, access: 'evidence.read', summary: 'Download an uploaded evidence file', response: z.string() },
  { tag: 'Frameworks', method: 'get', path: `${WS}/frameworks`, access: 'workspace.read', summary: 'Frameworks with readiness and whether they are enabled', response: list(c.frameworkViewSchema) },
  { tag: 'Frameworks', method: 'get', path: `${WS}/frameworks/{frameworkId}`, access: 'workspace.read', summary: 'A framework with sections and requirement statuses, scope and mappings', response: c.frameworkDetailSchema },
  { tag: 'Frameworks', method: 'put', path: `${WS}/frameworks/{frameworkId}`, access: 'program.configure', summary: 'Enable or disable a framework', body: c.updateFrameworkBody, response: c.frameworkDetailSchema },
  { tag: 'Frameworks', method: 'get', path: `${WS}/frameworks/{frameworkId}/history`, access: 'workspace.read', summary: 'Daily readiness history', response: c.frameworkHistorySchema },
  { tag: 'Frameworks', method: 'put', path: `${WS}/frameworks/{frameworkId}/requirements/{requirementId}/scope`, access: 'program.configure', summary: 'Mark a requirement out of scope (with justification) or back in scope', body: c.requirementScopeBody, response: c.frameworkDetailSchema },
  { tag: 'Frameworks', method: 'post', path: `${WS}/frameworks/{frameworkId}/requirements/{requirementId}/controls`, access: 'program.configure', summary: 'Map a control to a requirement', body: c.mapControlBody, response: c.frameworkDetailSchema },
  { tag: 'Frameworks', method: 'delete', path: `${WS}/frameworks/{frameworkId}/requirements/{requirementId}/controls/{controlId}`, access: 'program.configure', summary: 'Remove a mapping the workspace added', response: c.frameworkDetailSchema },
  { tag: 'Exceptions', method: 'get', path: `${WS}/exceptions`, access: 'workspace.read', summary: 'Exceptions with their history, filtered, cursor-paged', query: c.exceptionsQuery, response: c.exceptionPageSchema },
  { tag: 'Exceptions', method: 'post', path: `${WS}/exceptions`, access: 'exceptions.request', summary: 'Request an exception for a finding (check + resource) or a control', body: c.createExceptionBody, response: c.exceptionSchema, status: 201 },
  { tag: 'Exceptions', method: 'get', path: `${WS}/exceptions/{exceptionId}`, access: 'workspace.read', summary: 'One exception with every step', response: c.exceptionSchema },
  { tag: 'Exceptions', method: 'post', path: `${WS}/exceptions/{exceptionId}/approve`, access: 'exceptions.decide', summary: 'Approve (a member other than the requester, lead or above)', body: c.exceptionDecisionBody, response: c.exceptionSchema },
  { tag: 'Exceptions', method: 'post', path: `${WS}/exceptions/{exceptionId}/reject`, access: 'exceptions.decide', summary: 'Reject a requested exception', body: c.exceptionDecisionBody, response: c.exceptionSchema },
  { tag: 'Exceptions', method: 'post', path: `${WS}/exceptions/{exceptionId}/revoke`, access: 'exceptions.request', summary: 'Revoke a requested or active exception (lead or above), or withdraw your own request', body: c.exceptionDecisionBody, response: c.exceptionSchema },
  { tag: 'Remediation', method: 'get', path: `${WS}/settings/sla`, access: 'workspace.read', summary: 'Remediation deadlines in days per severity', response: c.slaSchema },
  { tag: 'Remediation', method: 'put', path: `${WS}/settings/sla`, access: 'program.configure', summary: 'Set remediation deadlines', body: c.slaSchema, response: c.slaSchema },
  { tag: 'Remediation', method: 'get', path: `${WS}/sla/overdue`, access: 'workspace.read', summary: 'Failing findings past their deadline, grouped by control owner', response: list(c.overdueGroupSchema) },
  { tag: 'Members', method: 'get', path: `${WS}/members`, access: 'workspace.read', summary: 'Members of the workspace', response: list(c.memberSchema) },
  { tag: 'Members', method: 'post', path: `${WS}/members`, access: 'members.manage', summary: 'Add a member (the first one bootstraps the workspace as owner)', body: c.createMemberBody, response: c.memberSchema, status: 201 },
  { tag: 'Members', method: 'get', path: `${WS}/members/{memberId}`, access: 'workspace.read', summary: 'One member', response: c.memberSchema },
  { tag: 'Members', method: 'patch', path: `${WS}/members/{memberId}`, access: 'members.manage', summary: "Change a member's role", body: c.updateMemberBody, response: c.memberSchema },
  { tag: 'Members', method: 'get', path: `${WS}/members/{memberId}/work`, access: 'workspace.read', summary: "A member's work: controls needing attention, evidence due, overdue findings, exceptions to decide", response: c.myWorkSchema },
  { tag: 'Access', method: 'get', path: `${WS}/invitations`, access: 'members.manage', summary: 'Invitations, newest first', response: list(c.invitationSchema) },
  { tag: 'Access', method: 'post', path: `${WS}/invitations`, access: 'members.manage', summary: 'Invite someone by email with a role (and an access window for auditors); the link is shown once', body: c.createInvitationBody, response: c.createdInvitationSchema, status: 201 },
  { tag: 'Access', method: 'post', path: `${WS}/invitations/{invitationId}/revoke`, access: 'members.manage', summary: 'Revoke an open invitation', response: c.invitationSchema },
  { tag: 'Access', method: 'get', path: `${WS}/tokens`, access: 'tokens.manage', summary: 'API tokens (never their values)', response: list(c.apiTokenSchema) },
  { tag: 'Access', method: 'post', path: `${WS}/tokens`, access: 'tokens.manage', summary: 'Create an API token for CLI/CI, scoped to this workspace and a role; the value is shown once', body: c.createTokenBody, response: c.createdTokenSchema, status: 201 },
  { tag: 'Access', method: 'post', path: `${WS}/tokens/{tokenId}/revoke`, access: 'tokens.manage', summary: 'Revoke an API token', response: c.apiTokenSchema },
  { tag: 'Access', method: 'get', path: `${WS}/sso`, access: 'sso.manage', summary: 'OIDC single sign-on settings (the client secret is write-only)', response: c.ssoConfigSchema.nullable() },
  { tag: 'Access', method: 'put', path: `${WS}/sso`, access: 'sso.manage', summary: 'Configure OIDC single sign-on: issuer, client, email domains routed here', body: c.ssoConfigBody, response: c.ssoConfigSchema },
  { tag: 'Access', method: 'delete', path: `${WS}/sso`, access: 'sso.manage', summary: 'Turn single sign-on off', response: z.null(), status: 204 },
  { tag: 'Evidence', method: 'get', path: `${WS}/evidence/{hash}`, access: 'evidence.read', summary: 'One evidence item by content hash', response: c.evidenceViewSchema },
  { tag: 'Audit log', method: 'get', path: `${WS}/audit-log`, access: 'audit.read', summary: 'Audit log, newest first: every mutation and system event; filtered, cursor-paged', query: c.auditLogQuery, response: c.auditPageSchema },
  { tag: 'Audit log', method: 'get', path: `${WS}/audit-log/verify`, access: 'audit.read', summary: "Verify the workspace's hash chain: intact, or the first broken row and why", response: c.auditVerificationSchema },
  {
    tag: 'Audit log',
    method: 'get',
    path: `${WS}/audit-log.csv`,
    access: 'audit.read',
    summary: 'Export the audit log as CSV (RFC 4180), oldest first, with the same filters',
    query: c.auditCsvQuery,
    response: z.string(),
    contentType: 'text/csv',
  },
];

const jsonSchema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params: Record<string, unknown>[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (r.access !== 'public' && r.method !== 'get') params.push({ name: c.CSRF_HEADER, in: 'header', required: false, description: 'Required with the session cookie (not with a bearer token): csrfToken from GET /api/v1/auth/session', schema: { type: 'string' } });
    const queryParams = r.query
      ? Object.entries(r.query.shape).map(([name, schema]) => ({ name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType, 'input') }))
      : [];
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      tags: [r.tag],
      summary: r.summary,
      'x-permission': r.access,
      ...(r.access !== 'public' && { security: [{ session: [] }, { token: [] }] }),
      parameters: [...params, ...queryParams],
      ...(r.body && {
        requestBody: {
          required: true,
          content: r.multipart
            ? {
                'multipart/form-data': { schema: { ...jsonSchema(r.body, 'input'), properties: { ...(jsonSchema(r.body, 'input').properties as object), file: { type: 'string', format: 'binary' } } } },
                'application/json': { schema: jsonSchema(r.body, 'input') },
              }
            : { 'application/json': { schema: jsonSchema(r.body, 'input') } },
        },
      }),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK', content: { [r.contentType ?? 'application/json']: { schema: jsonSchema(r.response, 'output') } } },
        ...(r.access !== 'public' && {
          '401': { description: 'Not signed in', content: { 'application/problem+json': { schema: jsonSchema(c.problemSchema, 'output') } } },
          '403': { description: 'Role not allowed', content: { 'application/problem+json': { schema: jsonSchema(c.problemSchema, 'output') } } },
        }),
        '400': { description: 'Invalid input', content: { 'application/problem+json': { schema: jsonSchema(c.problemSchema, 'output') } } },
        '404': { description: 'Not found', content: { 'application/problem+json': { schema: jsonSchema(c.problemSchema, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Astrolabe API', version: '1' },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'astrolabe_session' },
        token: { type: 'http', scheme: 'bearer', description: 'An API token (astro_…) created under Access → API tokens' },
      },
    },
    paths,
  };
}
