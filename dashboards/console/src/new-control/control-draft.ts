import type { CreateControlBody } from '../api/client';
import type { ControlCategory } from '../controls/control-categories';

// The "New control" form's state, kept as typed text so nothing the user typed is lost, and
// turned into the POST /controls body only on submit (the server validates it).

export interface EvidenceDraft {
  /** Stable React key for a row; not sent. */
  key: number;
  id: string;
  /** Until the id is typed by hand it follows the title. */
  idEdited: boolean;
  title: string;
  description: string;
  cadenceDays: string;
}

export interface ControlDraft {
  id: string;
  idEdited: boolean;
  title: string;
  description: string;
  category: ControlCategory | '';
  checkIds: string[];
  evidence: EvidenceDraft[];
  publicTitle: string;
  ownerId: string;
}

export const CADENCE_PRESETS: readonly { days: number; label: string }[] = [
  { days: 30, label: 'Monthly' },
  { days: 91, label: 'Quarterly' },
  { days: 182, label: 'Semi-annual' },
  { days: 365, label: 'Annual' },
];

export const EMPTY_CONTROL: ControlDraft = { id: '', idEdited: false, title: '', description: '', category: '', checkIds: [], evidence: [], publicTitle: '', ownerId: '' };

let nextKey = 1;
export function emptyEvidence(): EvidenceDraft {
  return { key: nextKey++, id: '', idEdited: false, title: '', description: '', cadenceDays: '365' };
}

/** "Quarterly access review (prod)" → "quarterly-access-review-prod". */
export function kebab(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

export function suggestControlId(title: string): string {
  const name = kebab(title);
  return name ? `ctl-${name}` : '';
}

/** The category stays '' until chosen; the server refuses that as a `category` field error. */
export type CreateControlInput = Omit<CreateControlBody, 'category'> & { category: ControlCategory | '' };

export function toCreateBody(d: ControlDraft): CreateControlInput {
  const publicTitle = d.publicTitle.trim();
  return {
    id: d.id.trim(),
    title: d.title.trim(),
    description: d.description.trim(),
    category: d.category,
    checkIds: d.checkIds,
    manualEvidence: d.evidence.map((e) => ({ id: e.id.trim(), title: e.title.trim(), description: e.description.trim(), cadenceDays: Number(e.cadenceDays) })),
    ...(publicTitle ? { publicTitle } : {}),
    ...(d.ownerId ? { ownerId: d.ownerId } : {}),
  };
}

/** Field errors under `prefix.` (`checkIds.0`, `manualEvidence.1.title`), with the prefix taken off. */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) if (field.startsWith(`${prefix}.`)) out[field.slice(prefix.length + 1)] = message;
  return out;
}
