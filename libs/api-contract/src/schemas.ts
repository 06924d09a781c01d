import { CONTROL_STATUSES, FINDING_STATUSES, RUN_STATES, SEVERITIES, checkMetadataSchema, resourceRefSchema } from '@astrolabe/core';
import { z } from 'zod';

// Request/response shapes of /api/v1, shared by server (validation + OpenAPI), console and CLI.

export const idParam = z.string().uuid();
export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes, 2–63 characters');
/**
 * Cron expression (minute hour day month weekday). Only its shape is checked here; the server
 * validates the expression itself together with the connector config, so one 400 names every bad field.
 */
export const cronSchema = z.string().trim().min(1).max(100).describe('five-field cron expression, e.g. "*/15 * * * *"');

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const workspaceSchema = z.object({ id: z.string(), slug: z.string(), name: z.string(), createdAt: z.string(), demo: z.boolean() });
export type Workspace = z.infer<typeof workspaceSchema>;
export const createWorkspaceBody = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1).max(120),
});

export const connectorInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  defaultSchedule: z.string(),
  permissions: z.array(z.string()),
  evidenceKinds: z.array(z.object({ kind: z.string(), title: z.string(), permissions: z.array(z.string()) })),
  configSchema: z.record(z.string(), z.unknown()),
  secretSchema: z.record(z.string(), z.unknown()),
  credentialHelp: z.string(),
});
export type ConnectorInfo = z.infer<typeof connectorInfoSchema>;

export const progressSchema = z.object({ done: z.number(), total: z.number(), message: z.string().nullable() });
export const kindOutcomeSchema = z.object({
  status: z.enum(['succeeded', 'failed']),
  items: z.number(),
  error: z.object({ code: z.string(), message: z.string(), missingPermission: z.string().optional() }).optional(),
});
export const findingCountsSchema = z.object({ pass: z.number(), fail: z.number(), unknown: z.number(), not_applicable: z.number() });
export type FindingCounts = z.infer<typeof findingCountsSchema>;

export const runSchema = z.object({
  id: z.string(),
  connectionId: z.string(),
  state: z.enum(RUN_STATES),
  trigger: z.enum(['schedule', 'manual', 'startup']),
  attempt: z.number(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: progressSchema.nullable(),
  kinds: z.record(z.string(), kindOutcomeSchema),
  error: z.string().nullable(),
  findingCounts: findingCountsSchema.nullable(),
  /** Provider API quota the run used (e.g. GitHub REST requests, 304s, GraphQL points), when the connector reports it. */
  usage: z.record(z.string(), z.number()).nullable(),
});
export type Run = z.infer<typeof runSchema>;

export const connectionSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  connectorId: z.string(),
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  /** Secrets are write-only: the API says only whether one is stored. */
  hasSecret: z.boolean(),
  schedule: z.string(),
  enabled: z.boolean(),
  scope: resourceRefSchema.nullable(),
  createdAt: z.string(),
  lastRun: runSchema.nullable(),
  health: z.enum(['healthy', 'degraded', 'failing', 'never_run']),
});
export type Connection = z.infer<typeof connectionSchema>;

export const createConnectionBody = z.object({
  connectorId: z.string().min(1),
  name: z.string().trim().min(1).max(120),
  config: z.record(z.string(), z.unknown()).default({}),
  secret: z.record(z.string(), z.unknown()).optional(),
  schedule: cronSchema.optional(),
  enabled: z.boolean().default(true),
});
export const updateConnectionBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    config: z.record(z.string(), z.unknown()),
    secret: z.record(z.string(), z.unknown()).nullable(),
    schedule: cronSchema,
    enabled: z.boolean(),
  })
  .partial();

export const validationResultSchema = z.object({
  ok: z.boolean(),
  scope: resourceRefSchema.optional(),
  steps: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string(), missingPermission: z.string().optional() })),
});

export type ValidationResultView = z.infer<typeof validationResultSchema>;
export type ValidationStepView = ValidationResultView['steps'][number];

export const findingSchema = z.object({
  id: z.string(),
  checkId: z.string(),
  checkTitle: z.string(),
  severity: z.enum(SEVERITIES),
  connectionId: z.string(),
  status: z.enum(FINDING_STATUSES),
  resource: resourceRefSchema,
  reason: z.string(),
  evidence: z.array(z.string()),
  controlIds: z.array(z.string()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  statusSince: z.string(),
  /** Remediation deadline of a failing finding (fail since + the workspace SLA for its severity). */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The approved exception covering this failing finding, if any. */
  exceptionId: z.string().nullable(),
});
export type FindingView = z.infer<typeof findingSchema>;

export const findingsQuery = z.object({
  status: z.enum(FINDING_STATUSES).optional(),
  checkId: z.string().min(1).max(120).optional(),
  resource: z.string().min(1).max(2048).optional(),
  controlId: z.string().min(1).max(80).optional(),
  connectionId: z.string().uuid().optional(),
  /** Only failing findings past their remediation deadline (SLA) and not excepted. */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const checkViewSchema = checkMetadataSchema.extend({
  counts: findingCountsSchema,
  controlIds: z.array(z.string()),
});
export type CheckView = z.infer<typeof checkViewSchema>;

export const readinessSchema = z.object({
  percent: z.number(),
  passing: z.number(),
  atRisk: z.number(),
  failing: z.number(),
  excepted: z.number(),
  unknown: z.number(),
  notMonitored: z.number(),
  inScope: z.number(),
});
export type Readiness = z.infer<typeof readinessSchema>;

export const frameworkViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  publisher: z.string(),
  /** Disabled frameworks are listed (so they can be enabled) but left out of the overview. */
  enabled: z.boolean(),
  readiness: readinessSchema,
});
export type FrameworkView = z.infer<typeof frameworkViewSchema>;

export const memberRefSchema = z.object({ id: z.string(), displayName: z.string() });
export type MemberRef = z.infer<typeof memberRefSchema>;

export const regressionSchema = z.object({
  controlId: z.string(),
  title: z.string(),
  from: z.enum(CONTROL_STATUSES),
  to: z.enum(CONTROL_STATUSES),
  /** First day of the current, worse status run. */
  since: z.string(),
  owner: memberRefSchema.nullable(),
});
export type RegressionView = z.infer<typeof regressionSchema>;

export const overviewSchema = z.object({
  workspace: workspaceSchema,
  frameworks: z.array(frameworkViewSchema),
  controlCounts: z.record(z.enum(CONTROL_STATUSES), z.number()),
  findingCounts: findingCountsSchema,
  connections: z.array(connectionSchema),
  lastRun: runSchema.nullable(),
  /** When fresh evidence was last collected (any check, any connection); null if never. */
  lastCollectedAt: z.string().nullable(),
  /** Controls whose status is worse than yesterday's. */
  regressions: z.array(regressionSchema),
  /** Program hygiene a compliance lead watches: controls without owner, manual evidence overdue or due soon. */
  unownedControls: z.number(),
  evidenceOverdue: z.number(),
  evidenceDueSoon: z.number(),
  pendingExceptions: z.number(),
  /** When statuses were last computed. */
  scoredAt: z.string().nullable(),
});
export type Overview = z.infer<typeof overviewSchema>;

export const evidenceViewSchema = z.object({ hash: z.string(), kind: z.string(), resourceId: z.string(), data: z.unknown(), firstObservedAt: z.string() });
export type EvidenceView = z.infer<typeof evidenceViewSchema>;
/** What a client may send (query values before coercion and defaults). */
export type FindingsQuery = Omit<z.input<typeof findingsQuery>, 'limit'> & { limit?: number };
export type CreateConnectionBody = z.input<typeof createConnectionBody>;
