import type { ExceptionState } from '@astrolabe/api-contract';
import type { ConnectionHealth, ControlStatus, EvidenceState, FindingStatus, RunState } from '../api/client';

// One visual language for every status in the product. Colour is never the only signal
// (each tone has its own glyph), and "we could not see" tones are never green.
export type Tone = 'good' | 'bad' | 'warn' | 'unknown' | 'none' | 'muted' | 'info' | 'active';

const GLYPH: Record<Tone, string> = {
  good: '✓',
  bad: '✕',
  warn: '!',
  unknown: '?',
  none: '○',
  muted: '–',
  info: '≈',
  active: '●',
};

interface PillProps {
  tone: Tone;
  label: string;
  title?: string;
  testId?: string;
  value?: string;
}

export function Pill({ tone, label, title, testId, value }: PillProps) {
  return (
    <span className={`pill pill-${tone}`} title={title} data-testid={testId} data-status={value}>
      <span className="pill-glyph" aria-hidden="true">
        {GLYPH[tone]}
      </span>
      {label}
    </span>
  );
}

const FINDING: Record<FindingStatus, [Tone, string, string]> = {
  pass: ['good', 'Pass', 'The resource meets the check'],
  fail: ['bad', 'Fail', 'The resource does not meet the check'],
  unknown: ['unknown', 'Unknown', 'Astrolabe could not see this (collection failed, permission missing or evidence stale)'],
  not_applicable: ['muted', 'N/A', 'The check does not apply to this resource'],
};

export function FindingStatusPill({ status, testId }: { status: FindingStatus; testId?: string }) {
  const [tone, label, title] = FINDING[status];
  return <Pill tone={tone} label={label} title={title} testId={testId} value={status} />;
}

const CONTROL: Record<ControlStatus, [Tone, string, string]> = {
  passing: ['good', 'Passing', 'Every check of this control passes'],
  failing: ['bad', 'Failing', 'At least one check fails and no live exception covers it'],
  at_risk: ['warn', 'At risk', 'Evidence is due soon'],
  unknown: ['unknown', 'Unknown', 'A check could not see its evidence; this is not a pass'],
  not_monitored: ['none', 'Not monitored', 'No check or manual evidence backs this control; never counted as passing'],
  excepted: ['info', 'Excepted', 'Failing, but covered by an accepted, time-boxed exception'],
};

export function ControlStatusPill({ status, testId }: { status: ControlStatus; testId?: string }) {
  const [tone, label, title] = CONTROL[status];
  return <Pill tone={tone} label={label} title={title} testId={testId} value={status} />;
}

const RUN: Record<RunState, [Tone, string]> = {
  queued: ['muted', 'Queued'],
  running: ['active', 'Running'],
  succeeded: ['good', 'Succeeded'],
  partial: ['warn', 'Partial'],
  failed: ['bad', 'Failed'],
};

export function RunStatePill({ state, testId }: { state: RunState; testId?: string }) {
  const [tone, label] = RUN[state];
  return <Pill tone={tone} label={label} testId={testId} value={state} />;
}

const HEALTH: Record<ConnectionHealth, [Tone, string, string]> = {
  healthy: ['good', 'Healthy', 'The last run collected every evidence kind'],
  degraded: ['warn', 'Degraded', 'The last run could not collect some evidence kinds'],
  failing: ['bad', 'Failing', 'The last run collected nothing'],
  never_run: ['none', 'Never run', 'No collection has run yet'],
};

export function HealthPill({ health, testId }: { health: ConnectionHealth; testId?: string }) {
  const [tone, label, title] = HEALTH[health];
  return <Pill tone={tone} label={label} title={title} testId={testId} value={health} />;
}

const EVIDENCE: Record<EvidenceState, [Tone, string, string]> = {
  current: ['good', 'Current', 'The latest evidence is within its review cadence'],
  due_soon: ['warn', 'Due soon', 'The latest evidence expires soon: upload a newer one'],
  overdue: ['bad', 'Overdue', 'The latest evidence is older than its review cadence'],
  missing: ['none', 'Missing', 'No evidence uploaded yet'],
};

export function EvidenceStatePill({ state, testId }: { state: EvidenceState; testId?: string }) {
  const [tone, label, title] = EVIDENCE[state];
  return <Pill tone={tone} label={label} title={title} testId={testId} value={state} />;
}

const EXCEPTION: Record<ExceptionState, [Tone, string, string]> = {
  requested: ['warn', 'Requested', 'Awaiting a decision by a lead or above (not the requester)'],
  active: ['info', 'Active', 'Approved: the failing control or finding is accepted until it expires'],
  expired: ['muted', 'Expired', 'Past its expiry date: what it covered fails again'],
  rejected: ['bad', 'Rejected', 'Not accepted'],
  revoked: ['muted', 'Revoked', 'Withdrawn before it expired'],
};

export function ExceptionStatePill({ state, testId }: { state: ExceptionState; testId?: string }) {
  const [tone, label, title] = EXCEPTION[state];
  return <Pill tone={tone} label={label} title={title} testId={testId} value={state} />;
}

export const CONTROL_STATUS_LABEL: Record<ControlStatus, string> = {
  passing: 'Passing',
  failing: 'Failing',
  at_risk: 'At risk',
  unknown: 'Unknown',
  not_monitored: 'Not monitored',
  excepted: 'Excepted',
};

export const CONTROL_STATUS_TONE: Record<ControlStatus, Exclude<Tone, 'active' | 'muted'>> = {
  passing: 'good',
  failing: 'bad',
  at_risk: 'warn',
  unknown: 'unknown',
  not_monitored: 'none',
  excepted: 'info',
};

/** Worst first, so lists read as a to-do list; not monitored sits above passing on purpose. */
export const CONTROL_STATUS_ORDER: readonly ControlStatus[] = ['failing', 'at_risk', 'unknown', 'not_monitored', 'excepted', 'passing'];
