import type { ControlView } from '@astrolabe/api-contract';
import type { EvidenceState } from '../api/client';

const RANK: Record<EvidenceState, number> = { overdue: 0, due_soon: 1, missing: 2, current: 3 };

export type EvidenceRequirement = ControlView['evidence'][number];

/** The requirement that needs attention first: overdue, then due soon, then missing, then the earliest due. */
export function mostUrgentEvidence(control: Pick<ControlView, 'evidence'>): EvidenceRequirement | undefined {
  return [...control.evidence].sort((a, b) => RANK[a.state] - RANK[b.state] || (a.dueAt ?? '').localeCompare(b.dueAt ?? ''))[0];
}
