import * as c from '@astrolabe/api-contract';
import { z } from 'zod';

interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  tag: 'System' | 'Workspaces' | 'Members' | 'Connections' | 'Runs' | 'Findings' | 'Checks and controls' | 'Frameworks' | 'Evidence' | 'Exceptions' | 'Remediation' | 'Audit log';
  /** Mutations attributed to a member take the acting member in the x-astrolabe-member header. */
  actor?: boolean;
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
  { tag: 'System', method: 'get', path: '/api/v1/health', summary: 'Liveness and database reachability', response: z.object({ status: z.string(), database: z.string() }) },
  { tag: 'Connections', method: 'get', path: '/api/v1/connectors', summary: 'Installed connectors with config schema and required permissions', response: list(c.connectorInfoSchema) },
  { tag: 'Checks and controls', method: 'get', path: '/api/v1/checks', summary: 'Check catalog: metadata, remediation, references', response: list(c.checkViewSchema.omit({ counts: true })) },
  { tag: 'Workspaces', method: 'get', path: '/api/v1/workspaces', summary: 'List workspaces', response: list(c.workspaceSchema) },
  { tag: 'Workspaces', method: 'post', path: '/api/v1/workspaces', summary: 'Create a workspace (seeded with the control catalog)', body: c.createWorkspaceBody, response: c.workspaceSchema, status: 201 },
  { tag: 'Workspaces', method: 'get', path: WS, summary: 'Get a workspace', response: c.workspaceSchema },
  { tag: 'Workspaces', method: 'get', path: `${WS}/overview`, summary: 'Readiness per framework, control and finding counts, connection health', response: c.overviewSchema },
  { tag: 'Connections', method: 'get', path: `${WS}/connections`, summary: 'List connections with last run and health', response: list(c.connectionSchema) },
  { tag: 'Connections', method: 'post', path: `${WS}/connections`, summary: 'Create a connection (secret is write-only)', body: c.createConnectionBody, response: c.connectionSchema, status: 201 },
  { tag: 'Connections', method: 'get', path: `${WS}/connections/{connectionId}`, summary: 'Get a connection', response: c.connectionSchema },
  { tag: 'Connections', method: 'patch', path: `${WS}/connections/{connectionId}`, summary: 'Update a connection (name, config, secret, schedule, enabled)', body: c.updateConnectionBody, response: c.connectionSchema },
  { tag: 'Connections', method: 'post', path: `${WS}/connections/{connectionId}/validate`, summary: 'Try the credentials and permissions', response: c.validationResultSchema },
  { tag: 'Runs', method: 'post', path: `${WS}/connections/{connectionId}/runs`, summary: 'Run now (returns the queued run; an already queued run is reused)', response: c.runSchema, status: 202 },
  { tag: 'Runs', method: 'get', path: `${WS}/connections/{connectionId}/runs`, summary: 'Recent runs of a connection', response: list(c.runSchema) },
  { tag: 'Runs', method: 'get', path: `${WS}/runs/{runId}`, summary: 'A run with progress and per-evidence-kind outcome', response: c.runSchema },
  { tag: 'Findings', method: 'get', path: `${WS}/findings`, summary: 'Findings, filtered, cursor-paged', query: c.findingsQuery, response: c.pageSchema(c.findingSchema) },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/checks`, summary: 'Checks with finding counts', response: list(c.checkViewSchema) },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/checks/{checkId}`, summary: 'One check with counts and remediation', response: c.checkViewSchema },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/controls`, summary: 'Controls with status, owner, evidence and mappings; filtered, cursor-paged', query: c.controlsQuery, response: c.controlPageSchema },
  { tag: 'Checks and controls', method: 'post', path: `${WS}/controls`, summary: 'Add a custom control (checks and/or manual evidence requirements)', body: c.createControlBody, response: c.controlDetailSchema, status: 201, actor: true },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/controls/{controlId}`, summary: 'A control with 90-day status history', response: c.controlDetailSchema },
  { tag: 'Checks and controls', method: 'patch', path: `${WS}/controls/{controlId}`, summary: 'Assign an owner and/or set the trust label', body: c.updateControlBody, response: c.controlDetailSchema, actor: true },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/regressions`, summary: 'Controls whose status is worse than on a day (default yesterday)', query: c.regressionsQuery, response: list(c.regressionSchema) },
  { tag: 'Evidence', method: 'get', path: `${WS}/controls/{controlId}/evidence`, summary: 'Manual evidence of a control, newest first', response: list(c.manualEvidenceSchema) },
  { tag: 'Evidence', method: 'post', path: `${WS}/controls/{controlId}/evidence`, summary: 'Upload a file (multipart field "file") or record a link, with its effective date and reviewer', body: c.manualEvidenceFields, response: c.manualEvidenceSchema, status: 201, actor: true, multipart: true },
  { tag: 'Evidence', method: 'get', path: `${WS}/controls/{controlId}/evidence/{evidenceId}/file`, summary: 'Download an uploaded evidence file', response: z.string() },
  { tag: 'Frameworks', method: 'get', path: `${WS}/frameworks`, summary: 'Frameworks with readiness and whether they are enabled', response: list(c.frameworkViewSchema) },
  { tag: 'Frameworks', method: 'get', path: `${WS}/frameworks/{frameworkId}`, summary: 'A framework with sections and requirement statuses, scope and mappings', response: c.frameworkDetailSchema },
  { tag: 'Frameworks', method: 'put', path: `${WS}/frameworks/{frameworkId}`, summary: 'Enable or disable a framework', body: c.updateFrameworkBody, response: c.frameworkDetailSchema, actor: true },
  { tag: 'Frameworks', method: 'get', path: `${WS}/frameworks/{frameworkId}/history`, summary: 'Daily readiness history', response: c.frameworkHistorySchema },
  { tag: 'Frameworks', method: 'put', path: `${WS}/frameworks/{frameworkId}/requirements/{requirementId}/scope`, summary: 'Mark a requirement out of scope (with justification) or back in scope', body: c.requirementScopeBody, response: c.frameworkDetailSchema, actor: true },
  { tag: 'Frameworks', method: 'post', path: `${WS}/frameworks/{frameworkId}/requirements/{requirementId}/controls`, summary: 'Map a control to a requirement', body: c.mapControlBody, response: c.frameworkDetailSchema, actor: true },
  { tag: 'Frameworks', method: 'delete', path: `${WS}/frameworks/{frameworkId}/requirements/{requirementId}/controls/{controlId}`, summary: 'Remove a mapping the workspace added', response: c.frameworkDetailSchema, actor: true },
  { tag: 'Exceptions', method: 'get', path: `${WS}/exceptions`, summary: 'Exceptions with their history, filtered, cursor-paged', query: c.exceptionsQuery, response: c.exceptionPageSchema },
  { tag: 'Exceptions', method: 'post', path: `${WS}/exceptions`, summary: 'Request an exception for a finding (check + resource) or a control', body: c.createExceptionBody, response: c.exceptionSchema, status: 201, actor: true },
  { tag: 'Exceptions', method: 'get', path: `${WS}/exceptions/{exceptionId}`, summary: 'One exception with every step', response: c.exceptionSchema },
  { tag: 'Exceptions', method: 'post', path: `${WS}/exceptions/{exceptionId}/approve`, summary: 'Approve (a member other than the requester, lead or above)', body: c.exceptionDecisionBody, response: c.exceptionSchema, actor: true },
  { tag: 'Exceptions', method: 'post', path: `${WS}/exceptions/{exceptionId}/reject`, summary: 'Reject a requested exception', body: c.exceptionDecisionBody, response: c.exceptionSchema, actor: true },
  { tag: 'Exceptions', method: 'post', path: `${WS}/exceptions/{exceptionId}/revoke`, summary: 'Revoke a requested or active exception (lead or above), or withdraw your own request', body: c.exceptionDecisionBody, response: c.exceptionSchema, actor: true },
  { tag: 'Remediation', method: 'get', path: `${WS}/settings/sla`, summary: 'Remediation deadlines in days per severity', response: c.slaSchema },
  { tag: 'Remediation', method: 'put', path: `${WS}/settings/sla`, summary: 'Set remediation deadlines', body: c.slaSchema, response: c.slaSchema, actor: true },
  { tag: 'Remediation', method: 'get', path: `${WS}/sla/overdue`, summary: 'Failing findings past their deadline, grouped by control owner', response: list(c.overdueGroupSchema) },
  { tag: 'Members', method: 'get', path: `${WS}/members`, summary: 'Members of the workspace', response: list(c.memberSchema) },
  { tag: 'Members', method: 'post', path: `${WS}/members`, summary: 'Add a member (the first one bootstraps the workspace as owner)', body: c.createMemberBody, response: c.memberSchema, status: 201, actor: true },
  { tag: 'Members', method: 'get', path: `${WS}/members/{memberId}`, summary: 'One member', response: c.memberSchema },
  { tag: 'Members', method: 'patch', path: `${WS}/members/{memberId}`, summary: "Change a member's role", body: c.updateMemberBody, response: c.memberSchema, actor: true },
  { tag: 'Members', method: 'get', path: `${WS}/members/{memberId}/work`, summary: "A member's work: controls needing attention, evidence due, overdue findings, exceptions to decide", response: c.myWorkSchema },
  { tag: 'Evidence', method: 'get', path: `${WS}/evidence/{hash}`, summary: 'One evidence item by content hash', response: c.evidenceViewSchema },
  { tag: 'Audit log', method: 'get', path: `${WS}/audit-log`, summary: 'Audit log, newest first: every mutation and system event; filtered, cursor-paged', query: c.auditLogQuery, response: c.auditPageSchema },
  { tag: 'Audit log', method: 'get', path: `${WS}/audit-log/verify`, summary: "Verify the workspace's hash chain: intact, or the first broken row and why", response: c.auditVerificationSchema },
  {
    tag: 'Audit log',
    method: 'get',
    path: `${WS}/audit-log.csv`,
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
    if (r.actor) params.push({ name: c.ACTOR_HEADER, in: 'header', required: true, description: 'Id of the member performing the action', schema: { type: 'string', format: 'uuid' } });
    const queryParams = r.query
      ? Object.entries(r.query.shape).map(([name, schema]) => ({ name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType, 'input') }))
      : [];
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      tags: [r.tag],
      summary: r.summary,
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
        '400': { description: 'Invalid input', content: { 'application/problem+json': { schema: jsonSchema(c.problemSchema, 'output') } } },
        '404': { description: 'Not found', content: { 'application/problem+json': { schema: jsonSchema(c.problemSchema, 'output') } } },
      },
    };
  }
  return { openapi: '3.1.0', info: { title: 'Astrolabe API', version: '1' }, paths };
}
