import type { ControlStatus, EvidenceState } from '../api/client';
import { CONTROL_STATUS_ORDER } from '../components/status-pill';

export type StatusFilter = 'all' | ControlStatus;
export type EvidenceFilter = '' | EvidenceState;

/** The controls page's filters, read from (and written to) the URL so a filtered view can be shared. */
export interface ControlFilters {
  status: StatusFilter;
  /** A member id, "none" for unowned, or "" for anyone. */
  owner: string;
  category: string;
  framework: string;
  evidence: EvidenceFilter;
  q: string;
}

const EVIDENCE: readonly EvidenceState[] = ['overdue', 'due_soon', 'missing', 'current'];

export function readFilters(params: URLSearchParams): ControlFilters {
  const status = params.get('status');
  const evidence = params.get('evidence');
  return {
    status: CONTROL_STATUS_ORDER.find((s) => s === status) ?? 'all',
    owner: params.get('owner') ?? '',
    category: params.get('category') ?? '',
    framework: params.get('framework') ?? '',
    evidence: EVIDENCE.find((e) => e === evidence) ?? '',
    q: params.get('q') ?? '',
  };
}

export function writeFilters(f: ControlFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.status !== 'all') out['status'] = f.status;
  if (f.owner) out['owner'] = f.owner;
  if (f.category) out['category'] = f.category;
  if (f.framework) out['framework'] = f.framework;
  if (f.evidence) out['evidence'] = f.evidence;
  if (f.q.trim()) out['q'] = f.q;
  return out;
}
