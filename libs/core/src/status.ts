// Status vocabularies shared by every layer. String-literal unions (not enums) so they
// serialize as-is into JSON, SQL and the console without a mapping table.
export const FINDING_STATUSES = ['pass', 'fail', 'unknown', 'not_applicable'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const CONTROL_STATUSES = ['passing', 'failing', 'at_risk', 'unknown', 'not_monitored', 'excepted'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export const RUN_STATES = ['queued', 'running', 'succeeded', 'partial', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const KIND_OUTCOMES = ['succeeded', 'failed'] as const;
export type KindOutcomeStatus = (typeof KIND_OUTCOMES)[number];

// The categories real trust centers publish (see shared/seeds), so the catalog can grow into
// them without a schema change.
export const CONTROL_CATEGORIES = [
  'access-security',
  'availability',
  'change-management',
  'communications',
  'confidentiality',
  'incident-response',
  'network-security',
  'organizational-management',
  'physical-security',
  'risk-assessment',
  'vulnerability-management',
] as const;
export type ControlCategory = (typeof CONTROL_CATEGORIES)[number];
