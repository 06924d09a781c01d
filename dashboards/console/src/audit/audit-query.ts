import type { AuditCsvQuery, AuditOutcome } from '@astrolabe/api-contract';

/** The audit page's filters, kept in the URL so a filtered view can be shared (times as ISO instants). */
export interface AuditFilters {
  /** A member id, "system" or "anonymous", or "" for anyone. */
  actor: string;
  /** An action, a prefix such as `exception.*`, or "". */
  action: string;
  /** Exact target id, or "". */
  target: string;
  outcome: '' | AuditOutcome;
  /** ISO instants, or "". */
  from: string;
  to: string;
}

const OUTCOMES: readonly AuditOutcome[] = ['success', 'denied', 'failed'];
const KEYS = ['actor', 'action', 'target', 'from', 'to'] as const;

export function readAuditFilters(params: URLSearchParams): AuditFilters {
  const outcome = params.get('outcome');
  return {
    actor: params.get('actor') ?? '',
    action: params.get('action') ?? '',
    target: params.get('target') ?? '',
    outcome: OUTCOMES.find((o) => o === outcome) ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

export function writeAuditFilters(f: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of KEYS) if (f[k].trim()) out[k] = f[k].trim();
  if (f.outcome) out['outcome'] = f.outcome;
  return out;
}

/** What the API takes: empty filters left out. */
export function toAuditQuery(f: AuditFilters): AuditCsvQuery {
  const w = writeAuditFilters(f);
  return { actor: w['actor'], action: w['action'], target: w['target'], outcome: f.outcome || undefined, from: w['from'], to: w['to'] };
}

export const hasAuditFilters = (f: AuditFilters): boolean => Object.keys(writeAuditFilters(f)).length > 0;

/** `<input type="datetime-local">` speaks local wall time without zone; the URL and API speak UTC instants. */
export function toLocalInput(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string {
  if (!value) return '';
  const t = Date.parse(value);
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}
