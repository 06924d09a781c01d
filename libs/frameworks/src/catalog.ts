import controlsData from './data/controls.json';
import cisAwsFoundationsV5 from './data/frameworks/cis-aws-foundations-v5.json';
import hipaaSecurityRule from './data/frameworks/hipaa-security-rule.json';
import iso27001 from './data/frameworks/iso27001-2022.json';
import nistCsf2 from './data/frameworks/nist-csf-2.0.json';
import soc2 from './data/frameworks/soc2-tsc-2017.json';
import { catalogSchema, type Control, type Framework } from './framework.schema';

/** Where a control is used: one requirement of one framework. */
export interface RequirementRef {
  frameworkId: string;
  sectionId: string;
  requirementId: string;
}

/** A validated, immutable catalog and the lookups every consumer needs. */
export interface Catalog {
  readonly controls: readonly Control[];
  readonly frameworks: readonly Framework[];
  /** Every check id some control references, sorted. The registry cross-checks it against the real checks. */
  readonly checkIds: readonly string[];
  getControl(controlId: string): Control | undefined;
  getFramework(frameworkId: string): Framework | undefined;
  /** Controls a check's findings feed (empty for a check no control uses). */
  controlsForCheck(checkId: string): readonly Control[];
  /** The crosswalk read backwards: which framework requirements a control serves. */
  requirementsForControl(controlId: string): readonly RequirementRef[];
}

export interface CatalogIssue {
  /** Human path with ids instead of indexes where possible, e.g. `frameworks[soc2-tsc-2017].sections[CC6]…`. */
  path: string;
  message: string;
}

/** Invalid catalog data. The message lists every problem with the id and field it concerns. */
export class CatalogError extends Error {
  readonly issues: readonly CatalogIssue[];

  constructor(issues: readonly CatalogIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path}: ${issue.message}`);
    super(`Invalid control catalog (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'CatalogError';
    this.issues = issues;
  }
}

/** The built-in data, in the order frameworks are listed to users. */
const BUILT_IN_DATA = {
  controls: controlsData,
  frameworks: [soc2, iso27001, hipaaSecurityRule, nistCsf2, cisAwsFoundationsV5],
};

/**
 * Validates catalog data (`{ controls, frameworks }`) and indexes it. Throws `CatalogError`
 * naming the bad id and field. Exposed so future sources (custom frameworks, a workspace's own
 * controls) go through exactly the same rules as the built-in data.
 */
export function buildCatalog(data: unknown): Catalog {
  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) {
    throw new CatalogError(parsed.error.issues.map((issue) => ({ path: describePath(data, issue.path), message: issue.message })));
  }
  // Frozen because one instance is shared by every caller of loadCatalog(): a consumer that
  // mutated it would silently change scoring for everyone else.
  const { controls, frameworks } = deepFreeze(parsed.data);

  const controlById = new Map(controls.map((control) => [control.id, control]));
  const frameworkById = new Map(frameworks.map((framework) => [framework.id, framework]));

  const controlsByCheck = new Map<string, Control[]>();
  for (const control of controls) {
    for (const checkId of control.checkIds) {
      const list = controlsByCheck.get(checkId) ?? [];
      list.push(control);
      controlsByCheck.set(checkId, list);
    }
  }

  const requirementsByControl = new Map<string, RequirementRef[]>();
  for (const framework of frameworks) {
    for (const section of framework.sections) {
      for (const requirement of section.requirements) {
        for (const controlId of requirement.controlIds) {
          const list = requirementsByControl.get(controlId) ?? [];
          list.push({ frameworkId: framework.id, sectionId: section.id, requirementId: requirement.id });
          requirementsByControl.set(controlId, list);
        }
      }
    }
  }

  const none: readonly never[] = Object.freeze([]);
  return Object.freeze({
    controls,
    frameworks,
    checkIds: Object.freeze([...controlsByCheck.keys()].sort()),
    getControl: (controlId: string) => controlById.get(controlId),
    getFramework: (frameworkId: string) => frameworkById.get(frameworkId),
    controlsForCheck: (checkId: string) => controlsByCheck.get(checkId) ?? none,
    requirementsForControl: (controlId: string) => requirementsByControl.get(controlId) ?? none,
  });
}

let builtIn: Catalog | undefined;

/** The built-in catalog, validated on first use (invalid shipped data fails loudly, at start-up). */
export function loadCatalog(): Catalog {
  builtIn ??= buildCatalog(BUILT_IN_DATA);
  return builtIn;
}

function isRecord(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Turns zod's index path into one a person can act on: array positions become the element's id. */
function describePath(root: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = root;
  for (const key of path) {
    const next = isRecord(node) ? node[key] : undefined;
    if (typeof key === 'number') {
      const id = isRecord(next) && typeof next.id === 'string' && next.id !== '' ? next.id : undefined;
      out += `[${id ?? key}]`;
    } else {
      out += out === '' ? String(key) : `.${String(key)}`;
    }
    node = next;
  }
  return out === '' ? '(catalog)' : out;
}

function deepFreeze<T>(value: T): T {
  if (isRecord(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
