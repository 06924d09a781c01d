import { CONTROL_CATEGORIES } from '@astrolabe/core';
import { z } from 'zod';

// One generic schema for every framework (SOC 2, ISO 27001, CIS, NIST CSF, …) and for the
// control catalog. Frameworks are data: adding one is adding a JSON file, never code.
// Objects are strict so a typo in a data file ("controlIDs") fails loudly at load instead of
// silently mapping a requirement to nothing.

/** Stable control ids: they end up in URLs, the database, snapshots and customers' exports. */
export const CONTROL_ID_PATTERN = /^ctl-[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Same shape as the check ids of @astrolabe/core: `<connector>.<kebab-name>`. */
export const CHECK_ID_PATTERN = /^[a-z0-9-]+\.[a-z0-9-]+$/;
/** Framework ids carry their version (`cis-aws-foundations-v5`) so two versions can coexist. */
export const FRAMEWORK_ID_PATTERN = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

export const CONTROL_AUTOMATIONS = ['automated', 'manual', 'hybrid'] as const;
export type ControlAutomation = (typeof CONTROL_AUTOMATIONS)[number];

export { CONTROL_CATEGORIES, type ControlCategory } from '@astrolabe/core';

// Workspace roles that can own work. auditor and viewer are read-only by design, so a control
// defaulting to them would have an owner who cannot act on it.
export const OWNER_ROLES = ['owner', 'admin', 'compliance_lead', 'engineer'] as const;
export type OwnerRole = (typeof OWNER_ROLES)[number];

// The four honest labels a trust center may publish. Optional: the built-in catalog does not
// claim anything on a workspace's behalf.
export const TRUST_LABELS = ['implemented', 'in_progress', 'planned', 'supported_by_contract'] as const;
export type TrustLabel = (typeof TRUST_LABELS)[number];

const nonBlank = z.string().trim().min(1);

/** Rejects repeated entries in a list of ids, naming the repeated value. */
function uniqueStrings(ids: readonly string[], ctx: z.RefinementCtx, what: string): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [index], message: `duplicate ${what} "${id}"` });
    seen.add(id);
  });
}

/** Manual evidence ids are unique within their control: `<control id>/<evidence id>` addresses one. */
export const EVIDENCE_REQUIREMENT_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Evidence a person provides (a policy, a pen-test report, a restore-test record) and how often
 * it must be renewed. The cadence counts from the evidence's effective date (when the test was
 * done or the policy approved), not from the upload: an annual pen test uploaded a month late
 * is still due a year after it was performed.
 */
export const manualEvidenceRequirementSchema = z
  .strictObject({
    id: z.string().regex(EVIDENCE_REQUIREMENT_ID_PATTERN, 'evidence requirement ids are lower-case kebab'),
    title: nonBlank,
    description: nonBlank,
    /** 30 monthly, 91 quarterly, 182 semi-annual, 365 annual; at most two years. */
    cadenceDays: z.number().int().min(1).max(730),
    /** How long before the due date the control turns at_risk. Defaults to dueSoonDaysFor(cadence). */
    dueSoonDays: z.number().int().min(1).optional(),
  })
  .superRefine((requirement, ctx) => {
    if (requirement.dueSoonDays !== undefined && requirement.dueSoonDays >= requirement.cadenceDays) {
      ctx.addIssue({ code: 'custom', path: ['dueSoonDays'], message: 'dueSoonDays must be shorter than cadenceDays' });
    }
  });
export type ManualEvidenceRequirement = z.infer<typeof manualEvidenceRequirementSchema>;

/**
 * Default warning window: a tenth of the cadence, at least a week and at most 30 days, so an
 * annual item warns a month ahead and a monthly one a week ahead.
 */
export function dueSoonDaysFor(requirement: Pick<ManualEvidenceRequirement, 'cadenceDays' | 'dueSoonDays'>): number {
  return requirement.dueSoonDays ?? Math.min(30, Math.max(7, Math.round(requirement.cadenceDays / 10)), requirement.cadenceDays - 1);
}

export const controlSchema = z
  .strictObject({
    id: z.string().regex(CONTROL_ID_PATTERN, 'control ids look like ctl-<kebab-name>'),
    title: nonBlank,
    description: nonBlank,
    category: z.enum(CONTROL_CATEGORIES),
    automation: z.enum(CONTROL_AUTOMATIONS),
    checkIds: z
      .array(z.string().regex(CHECK_ID_PATTERN, 'check ids look like <connector>.<kebab-name>'))
      .superRefine((ids, ctx) => uniqueStrings(ids, ctx, 'check id')),
    manualEvidence: z
      .array(manualEvidenceRequirementSchema)
      .superRefine((items, ctx) => uniqueStrings(items.map((i) => i.id), ctx, 'evidence requirement id')),
    defaultOwnerRole: z.enum(OWNER_ROLES),
    /**
     * What a public trust center may say about this control: a short outcome, no internal
     * detail ("Production access requires MFA", not the IdP's policy name).
     */
    publicTitle: nonBlank.max(80),
  })
  .superRefine((control, ctx) => {
    // automation must agree with the checks and the manual evidence, or scoring would misreport:
    // an "automated" control without checks could never be monitored, a "manual" one with checks
    // would be scored from checks alone while its manual part is ignored ("hybrid" says both).
    const needsChecks = control.automation !== 'manual';
    const needsEvidence = control.automation !== 'automated';
    if (needsChecks && control.checkIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['checkIds'], message: `${control.automation} controls need at least one check` });
    }
    if (!needsChecks && control.checkIds.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['checkIds'], message: 'manual controls have no checks (use "hybrid" for checks plus manual evidence)' });
    }
    if (needsEvidence && control.manualEvidence.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['manualEvidence'], message: `${control.automation} controls need at least one manual evidence requirement` });
    }
    if (!needsEvidence && control.manualEvidence.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['manualEvidence'], message: 'automated controls have no manual evidence (use "hybrid")' });
    }
  });
export type Control = z.infer<typeof controlSchema>;

export const requirementSchema = z.strictObject({
  /** The framework's own id, verbatim (`CC6.1`, `A.5.15`, `1.3`, `PR.AA-01`). */
  id: nonBlank,
  /** Short, in our own words: framework texts are often copyrighted. */
  title: nonBlank,
  description: nonBlank.optional(),
  // The crosswalk lives here: requirement → controls. May be empty: a framework is loaded whole
  // (all 93 ISO controls) and an unmapped requirement is a visible gap that scores
  // not_monitored, never passing. The conformance test pins which parts must be covered.
  controlIds: z
    .array(z.string().regex(CONTROL_ID_PATTERN, 'control ids look like ctl-<kebab-name>'))
    .superRefine((ids, ctx) => uniqueStrings(ids, ctx, 'control id')),
});
export type Requirement = z.infer<typeof requirementSchema>;

export const frameworkSectionSchema = z.strictObject({
  id: nonBlank,
  title: nonBlank,
  /** The level above sections where a framework has one (NIST CSF function, SOC 2 category). */
  group: nonBlank.optional(),
  requirements: z.array(requirementSchema).min(1, 'a section has at least one requirement'),
});
export type FrameworkSection = z.infer<typeof frameworkSectionSchema>;

export const frameworkSchema = z
  .strictObject({
    id: z.string().regex(FRAMEWORK_ID_PATTERN, 'framework ids are lower-case kebab (dots allowed for versions)'),
    name: nonBlank,
    version: nonBlank,
    publisher: nonBlank,
    sections: z.array(frameworkSectionSchema).min(1, 'a framework has at least one section'),
  })
  .superRefine((framework, ctx) => {
    // Requirement ids are unique across the whole framework (not just a section): the API and
    // status history address a requirement by (framework id, requirement id).
    const sectionIds = new Set<string>();
    const requirementIds = new Set<string>();
    framework.sections.forEach((section, s) => {
      if (sectionIds.has(section.id)) {
        ctx.addIssue({ code: 'custom', path: ['sections', s, 'id'], message: `duplicate section id "${section.id}"` });
      }
      sectionIds.add(section.id);
      section.requirements.forEach((requirement, r) => {
        if (requirementIds.has(requirement.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'requirements', r, 'id'],
            message: `duplicate requirement id "${requirement.id}"`,
          });
        }
        requirementIds.add(requirement.id);
      });
    });
  });
export type Framework = z.infer<typeof frameworkSchema>;

/**
 * The whole catalog: controls plus frameworks, with the cross-references between them checked.
 * Whether every control is mapped somewhere is a quality bar of the built-in data (see the
 * conformance test), not a validity rule: a workspace may add a control before mapping it.
 */
export const catalogSchema = z
  .strictObject({
    controls: z.array(controlSchema),
    frameworks: z.array(frameworkSchema),
  })
  .superRefine((catalog, ctx) => {
    const controlIds = new Set<string>();
    catalog.controls.forEach((control, c) => {
      if (controlIds.has(control.id)) {
        ctx.addIssue({ code: 'custom', path: ['controls', c, 'id'], message: `duplicate control id "${control.id}"` });
      }
      controlIds.add(control.id);
    });
    const frameworkIds = new Set<string>();
    catalog.frameworks.forEach((framework, f) => {
      if (frameworkIds.has(framework.id)) {
        ctx.addIssue({ code: 'custom', path: ['frameworks', f, 'id'], message: `duplicate framework id "${framework.id}"` });
      }
      frameworkIds.add(framework.id);
      framework.sections.forEach((section, s) =>
        section.requirements.forEach((requirement, r) =>
          requirement.controlIds.forEach((controlId, i) => {
            if (!controlIds.has(controlId)) {
              ctx.addIssue({
                code: 'custom',
                path: ['frameworks', f, 'sections', s, 'requirements', r, 'controlIds', i],
                message: `unknown control id "${controlId}"`,
              });
            }
          }),
        ),
      );
    });
  });
export type CatalogData = z.infer<typeof catalogSchema>;
