import * as c from '@astrolabe/api-contract';
import { z } from 'zod';

interface RouteDoc {
  method: 'get' | 'post' | 'patch';
  tag: 'System' | 'Workspaces' | 'Connections' | 'Runs' | 'Findings' | 'Checks and controls' | 'Frameworks' | 'Evidence';
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
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
  { tag: 'Checks and controls', method: 'get', path: `${WS}/controls`, summary: 'Controls with status', response: list(c.controlViewSchema) },
  { tag: 'Checks and controls', method: 'get', path: `${WS}/controls/{controlId}`, summary: 'A control with 90-day status history', response: c.controlDetailSchema },
  { tag: 'Frameworks', method: 'get', path: `${WS}/frameworks`, summary: 'Frameworks with readiness', response: list(c.frameworkViewSchema) },
  { tag: 'Frameworks', method: 'get', path: `${WS}/frameworks/{frameworkId}`, summary: 'A framework with requirement statuses', response: c.frameworkDetailSchema },
  { tag: 'Evidence', method: 'get', path: `${WS}/evidence/{hash}`, summary: 'One evidence item by content hash', response: c.evidenceViewSchema },
];

const jsonSchema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = r.query
      ? Object.entries(r.query.shape).map(([name, schema]) => ({ name, in: 'query', required: false, schema: jsonSchema(schema as z.ZodType, 'input') }))
      : [];
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      tags: [r.tag],
      summary: r.summary,
      parameters: [...params, ...queryParams],
      ...(r.body && { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } }),
      responses: {
        [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } },
        '400': { description: 'Invalid input', content: { 'application/problem+json': { schema: jsonSchema(c.problemSchema, 'output') } } },
        '404': { description: 'Not found', content: { 'application/problem+json': { schema: jsonSchema(c.problemSchema, 'output') } } },
      },
    };
  }
  return { openapi: '3.1.0', info: { title: 'Astrolabe API', version: '1' }, paths };
}
