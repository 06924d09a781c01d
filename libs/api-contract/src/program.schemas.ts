import { CONTROL_CATEGORIES, CONTROL_STATUSES, SEVERITIES } from '@astrolabe/core';
import { z } from 'zod';
import { MEMBER_ROLES } from './permissions';
import { findingCountsSchema, findingSchema, frameworkViewSchema, memberRefSchema, readinessSchema } from './schemas';

// The compliance program of a workspace: members, controls with owners and manual evidence,
// framework scope and crosswalk, exceptions, SLAs. Shared by server, console and CLI.

export const TRUST_LABEL_VALUES = ['implemented', 'in_progress', 'planned', 'supported_by_contract'] as const;
export type TrustLabelValue = (typeof TRUST_LABEL_VALUES)[number];
export const EVIDENCE_STATE_VALUES = ['missing', 'current', 'due_soon', 'overdue'] as const;
export const EXCEPTION_STATES = ['requested', 'active', 'expired', 'rejected', 'revoked'] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
/** A calendar date, as auditors think of effective dates: YYYY-MM-DD, no time zone games. */
export const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'a real calendar date as YYYY-MM-DD');

export const memberSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(MEMBER_ROLES),
  createdAt: z.string(),
  /** Whether a person can sign in as this member yet (an account is linked). */
  hasAccount: z.boolean(),
  /** An access window (typically an auditor's engagement): outside it the member is refused. */
  accessStartsAt: z.string().nullable(),
  accessEndsAt: z.string().nullable(),
});
export type MemberView = z.infer<typeof memberSchema>;
export const createMemberBody = z.object({ displayName: text(120), email: z.string().trim().toLowerCase().email().max(254), role: z.enum(MEMBER_ROLES) });
export const updateMemberBody = z.object({
  role: z.enum(MEMBER_ROLES).optional(),
  accessStartsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  accessEndsAt: z.iso.datetime({ offset: true }).nullable().optional(),
});

export const evidenceRequirementViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  cadenceDays: z.number(),
  state: z.enum(EVIDENCE_STATE_VALUES),
  dueAt: z.string().nullable(),
  latest: z.object({ id: z.string(), effectiveOn: z.string(), uploadedAt: z.string() }).nullable(),
});
export type EvidenceRequirementView = z.infer<typeof evidenceRequirementViewSchema>;

export const controlViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  automation: z.enum(['automated', 'manual', 'hybrid']),
  source: z.enum(['catalog', 'custom']),
  checkIds: z.array(z.string()),
  status: z.enum(CONTROL_STATUSES),
  statusSince: z.string().nullable(),
  reason: z.string(),
  counts: findingCountsSchema,
  owner: memberRefSchema.nullable(),
  defaultOwnerRole: z.string(),
  evidence: z.array(evidenceRequirementViewSchema),
  /** Framework requirements this control serves (built-in crosswalk plus the workspace's own). */
  requirements: z.array(z.object({ frameworkId: z.string(), requirementId: z.string() })),
  publicTitle: z.string(),
  trustLabel: z.enum(TRUST_LABEL_VALUES).nullable(),
  /**
   * What a trust center may show: the label, unless it claims "implemented" while the monitored
   * status is failing (then "in_progress", and `trustLabelConflict` says why it was held back).
   */
  publishedLabel: z.enum(TRUST_LABEL_VALUES).nullable(),
  trustLabelConflict: z.boolean(),
});
export type ControlView = z.infer<typeof controlViewSchema>;

export const controlHistorySchema = z.object({ day: z.string(), status: z.enum(CONTROL_STATUSES) });
export const controlDetailSchema = controlViewSchema.extend({ history: z.array(controlHistorySchema) });
export type ControlDetail = z.infer<typeof controlDetailSchema>;

export const controlsQuery = z.object({
  status: z.enum(CONTROL_STATUSES).optional(),
  /** A member id, or "none" for controls nobody owns. */
  ownerId: z.union([z.literal('none'), z.string().uuid()]).optional(),
  category: z.string().min(1).max(60).optional(),
  frameworkId: z.string().min(1).max(60).optional(),
  /** Controls with at least one manual evidence requirement in this state. */
  evidence: z.enum(EVIDENCE_STATE_VALUES).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
/** A page of controls, with how many controls match the other filters in each status (for tabs). */
export const controlPageSchema = z.object({
  items: z.array(controlViewSchema),
  nextCursor: z.string().nullable(),
  statusCounts: z.record(z.enum(CONTROL_STATUSES), z.number()),
  total: z.number(),
});
export type ControlPage = z.infer<typeof controlPageSchema>;
export type ControlsQuery = Omit<z.input<typeof controlsQuery>, 'limit'> & { limit?: number };

const evidenceRequirementBody = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case kebab id'),
  title: text(200),
  description: text(2000),
  cadenceDays: z.number().int().min(1).max(730),
});
export const createControlBody = z.object({
  id: z.string().regex(/^ctl-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'control ids look like ctl-<kebab-name>').max(80),
  title: text(200),
  description: text(4000),
  category: z.enum(CONTROL_CATEGORIES),
  checkIds: z.array(z.string().min(1).max(120)).max(50).default([]),
  manualEvidence: z.array(evidenceRequirementBody).max(20).default([]),
  publicTitle: text(80).optional(),
  ownerId: z.string().uuid().nullable().optional(),
});
export type CreateControlBody = z.input<typeof createControlBody>;
export const updateControlBody = z
  .object({ ownerId: z.string().uuid().nullable(), trustLabel: z.enum(TRUST_LABEL_VALUES).nullable() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update: send ownerId and/or trustLabel');

export const manualEvidenceSchema = z.object({
  id: z.string(),
  controlId: z.string(),
  requirementId: z.string(),
  kind: z.enum(['file', 'link']),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  url: z.string().nullable(),
  effectiveOn: z.string(),
  note: z.string(),
  uploadedBy: memberRefSchema,
  reviewer: memberRefSchema,
  uploadedAt: z.string(),
});
export type ManualEvidenceView = z.infer<typeof manualEvidenceSchema>;
/** The non-file fields of an upload (multipart form fields, or a JSON body for links). */
export const manualEvidenceFields = z.object({
  requirementId: z.string().min(1).max(80),
  effectiveOn: isoDate,
  reviewerId: z.string().uuid(),
  note: z.string().trim().max(2000).default(''),
  url: z
    .string()
    .trim()
    .max(2000)
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'only http(s) links')
    .optional(),
});
export type ManualEvidenceFields = z.input<typeof manualEvidenceFields>;

export const exceptionEventSchema = z.object({ action: z.enum(['requested', 'approved', 'rejected', 'revoked', 'expired']), actor: memberRefSchema.nullable(), note: z.string(), at: z.string() });
export const exceptionSchema = z.object({
  id: z.string(),
  scope: z.enum(['finding', 'control']),
  controlId: z.string().nullable(),
  /** What the exception covers, for people: the control's title, or the check's title and resource. */
  targetTitle: z.string(),
  checkId: z.string().nullable(),
  resourceId: z.string().nullable(),
  reason: z.string(),
  requestedBy: memberRefSchema,
  requestedAt: z.string(),
  expiresAt: z.string(),
  state: z.enum(EXCEPTION_STATES),
  decidedBy: memberRefSchema.nullable(),
  decidedAt: z.string().nullable(),
  events: z.array(exceptionEventSchema),
});
export type ExceptionView = z.infer<typeof exceptionSchema>;
const reasonSchema = z.string().trim().min(20, 'explain the accepted risk in at least 20 characters').max(4000);
const expiresAtSchema = z.iso.datetime({ offset: true });
export const createExceptionBody = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('control'), controlId: z.string().min(1).max(80), reason: reasonSchema, expiresAt: expiresAtSchema }),
  z.object({ scope: z.literal('finding'), checkId: z.string().min(1).max(120), resourceId: z.string().min(1).max(2048), reason: reasonSchema, expiresAt: expiresAtSchema }),
]);
export type CreateExceptionBody = z.input<typeof createExceptionBody>;
export const exceptionDecisionBody = z.object({ note: z.string().trim().max(2000).default('') });
export const exceptionPageSchema = z.object({
  items: z.array(exceptionSchema),
  nextCursor: z.string().nullable(),
  /** Exceptions per state under the other filters (for tabs). */
  stateCounts: z.record(z.enum(EXCEPTION_STATES), z.number()),
});
export type ExceptionPage = z.infer<typeof exceptionPageSchema>;
export const exceptionsQuery = z.object({
  state: z.enum(EXCEPTION_STATES).optional(),
  controlId: z.string().min(1).max(80).optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const requirementViewSchema = z.object({
  id: z.string(),
  section: z.string(),
  title: z.string(),
  controlIds: z.array(z.string()),
  /** Controls the workspace mapped here itself (removable); the rest come from the catalog. */
  customControlIds: z.array(z.string()),
  status: z.enum(CONTROL_STATUSES),
  outOfScope: z.object({ justification: z.string(), setBy: memberRefSchema, setAt: z.string() }).nullable(),
});
export type RequirementView = z.infer<typeof requirementViewSchema>;
export const frameworkDetailSchema = frameworkViewSchema.extend({
  sections: z.array(z.object({ id: z.string(), title: z.string(), group: z.string().nullable() })),
  requirements: z.array(requirementViewSchema),
});
export type FrameworkDetail = z.infer<typeof frameworkDetailSchema>;
export const frameworkHistorySchema = z.object({ items: z.array(z.object({ day: z.string(), percent: z.number(), readiness: readinessSchema })) });
export type FrameworkHistory = z.infer<typeof frameworkHistorySchema>;
export const updateFrameworkBody = z.object({ enabled: z.boolean() });
export const requirementScopeBody = z.discriminatedUnion('inScope', [
  z.object({ inScope: z.literal(true) }),
  z.object({ inScope: z.literal(false), justification: z.string().trim().min(20, 'justify leaving it out of scope in at least 20 characters').max(4000) }),
]);
export const mapControlBody = z.object({ controlId: z.string().min(1).max(80) });


export const regressionsQuery = z.object({ since: isoDate.optional() });

export const slaSchema = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int().min(1).max(3650)])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>);
export type SlaDays = z.infer<typeof slaSchema>;
export const overdueGroupSchema = z.object({ owner: memberRefSchema.nullable(), findings: z.array(findingSchema), total: z.number() });

export const myWorkSchema = z.object({
  member: memberSchema,
  controls: z.array(controlViewSchema),
  evidenceDue: z.array(z.object({ controlId: z.string(), controlTitle: z.string(), requirement: evidenceRequirementViewSchema })),
  overdueFindings: z.array(findingSchema),
  exceptionsToDecide: z.array(exceptionSchema),
});
export type MyWork = z.infer<typeof myWorkSchema>;
