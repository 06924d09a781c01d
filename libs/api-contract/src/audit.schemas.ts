import { z } from 'zod';

// The audit log: an append-only, hash-chained record of every mutation and system event of a
// workspace. Shared by the server (validation, OpenAPI), the console and the verification lib.

/** member: a person acting in the workspace; user: a signed-in person outside one (sign-in, creating a workspace); token: an API token. */
export const AUDIT_ACTOR_TYPES = ['member', 'user', 'token', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
/** 2xx → success, 401/403 → denied, anything else (400, 404, 409, 500 …) → failed. */
export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
export const AUDIT_BREAK_REASONS = ['hash mismatch', 'missing row (seq gap)', 'prev_hash does not link'] as const;
export type AuditBreakReason = (typeof AUDIT_BREAK_REASONS)[number];

/** Readable action names: `<target>.<verb>`. The console offers them as a filter. */
export const AUDIT_ACTIONS = [
  'workspace.create',
  'member.create',
  'member.update',
  'connection.create',
  'connection.update',
  'connection.validate',
  'run.request',
  'run.finish',
  'control.create',
  'control.update',
  'evidence.upload',
  'framework.update',
  'requirement.scope',
  'mapping.create',
  'mapping.delete',
  'exception.request',
  'exception.approve',
  'exception.reject',
  'exception.revoke',
  'exception.expire',
  'settings.sla.update',
  'auth.login',
  'auth.demo_login',
  'auth.logout',
  'auth.logout_all',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'token.create',
  'token.revoke',
  'sso.update',
  'sso.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One audit row as stored. `hash` = sha256(prevHash || canonical JSON of every other field but
 * the row id); see libs/audit for the exact definition. `workspaceId` null = the system chain.
 */
export const auditEntrySchema = z.object({
  workspaceId: z.string().nullable(),
  seq: z.number().int(),
  /** UTC with microseconds, exactly as hashed: 2025-01-31T09:30:00.123000Z. */
  at: z.string(),
  actorType: z.enum(AUDIT_ACTOR_TYPES),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  statusCode: z.number().int().nullable(),
  /** Safe identifiers only (ids, states, field names): never request bodies or secrets. */
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.discriminatedUnion('intact', [
  z.object({
    intact: z.literal(true),
    /** Rows in the chain, all verified. */
    rows: z.number(),
    /** The newest row: record it elsewhere to detect a later truncation of the tail, which no chain can see. */
    headSeq: z.number().nullable(),
    headHash: z.string().nullable(),
  }),
  z.object({
    intact: z.literal(false),
    /** Rows verified intact before the break. */
    rows: z.number(),
    firstBrokenSeq: z.number(),
    reason: z.enum(AUDIT_BREAK_REASONS),
    /** The stored row where the walk stopped (after a gap: the first row past it). */
    row: auditEntrySchema.nullable(),
  }),
]);
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

const auditFilterShape = {
  /** A member (or token) id, or an actor type: member, token, system, anonymous. */
  actor: z.string().trim().min(1).max(200).optional(),
  /** An action (`exception.approve`) or every action of a target (`exception.*`). */
  action: z
    .string()
    .max(80)
    .regex(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?$/, 'an action such as exception.approve, or a prefix such as exception.*')
    .optional(),
  /** Exact id of the target (an exception id, a control id, frameworkId/requirementId …). */
  target: z.string().trim().min(1).max(512).optional(),
  targetType: z
    .string()
    .max(40)
    .regex(/^[a-z][a-z0-9_-]*$/, 'a target type such as exception, control, connection')
    .optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Inclusive lower bound, ISO 8601 with offset. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive upper bound, ISO 8601 with offset. */
  to: z.iso.datetime({ offset: true }).optional(),
};
const fromBeforeTo = (q: { from?: string; to?: string }) => {
  if (!q.from || !q.to) return true;
  const [from, to] = [Date.parse(q.from), Date.parse(q.to)];
  // An unparsable bound is reported on its own field, not again here.
  return Number.isNaN(from) || Number.isNaN(to) || from < to;
};
const fromBeforeToMessage = { path: ['to'], message: 'must be later than from' };

/** Newest first. */
export const auditLogQuery = z
  .object({
    ...auditFilterShape,
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine(fromBeforeTo, fromBeforeToMessage);
export type AuditLogQuery = Omit<z.input<typeof auditLogQuery>, 'limit'> & { limit?: number };

/** The CSV export takes the same filters and returns every matching row, oldest first. */
export const auditCsvQuery = z.object(auditFilterShape).refine(fromBeforeTo, fromBeforeToMessage);
export type AuditCsvQuery = z.input<typeof auditCsvQuery>;

export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;
