import type { ControlView, MemberRef } from '@astrolabe/api-contract';
import type { Control } from '@astrolabe/frameworks';
import type { ControlEntity } from '../database/entities';

export interface ControlViewContext {
  members: ReadonlyMap<string, MemberRef>;
  /** control id → requirements it serves (catalog crosswalk + the workspace's own mappings). */
  requirements: ReadonlyMap<string, { frameworkId: string; requirementId: string }[]>;
}

/**
 * A trust center may say "implemented" only for a control that is not failing: a monitored
 * failure without an approved exception is published as "in progress" and flagged.
 */
export function publishedLabel(c: Pick<ControlEntity, 'trustLabel' | 'status'>): { label: ControlView['publishedLabel']; conflict: boolean } {
  if (c.trustLabel === 'implemented' && c.status === 'failing') return { label: 'in_progress', conflict: true };
  return { label: c.trustLabel, conflict: false };
}

export function toControlView(c: ControlEntity, ctx: ControlViewContext): ControlView {
  const published = publishedLabel(c);
  const stateById = new Map(c.evidenceState.map((e) => [e.id, e]));
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    category: c.category,
    automation: c.automation,
    source: c.source,
    checkIds: c.checkIds,
    status: c.status,
    statusSince: c.statusSince?.toISOString() ?? null,
    reason: c.statusReason,
    counts: c.counts,
    owner: c.ownerMemberId ? (ctx.members.get(c.ownerMemberId) ?? null) : null,
    defaultOwnerRole: c.defaultOwnerRole,
    evidence: c.manualEvidence.map((req) => {
      const state = stateById.get(req.id);
      return {
        id: req.id,
        title: req.title,
        description: req.description,
        cadenceDays: req.cadenceDays,
        state: state?.state ?? 'missing',
        dueAt: state?.dueAt ?? null,
        latest: state?.latest ?? null,
      };
    }),
    requirements: ctx.requirements.get(c.id) ?? [],
    publicTitle: c.publicTitle,
    trustLabel: c.trustLabel,
    publishedLabel: published.label,
    trustLabelConflict: published.conflict,
  };
}

/** Requirements per control from the catalog crosswalk plus a workspace's own mappings. */
export function requirementsByControl(
  catalogControls: readonly Pick<Control, 'id'>[],
  requirementsForControl: (id: string) => readonly { frameworkId: string; requirementId: string }[],
  extra: readonly { frameworkId: string; requirementId: string; controlId: string }[],
): Map<string, { frameworkId: string; requirementId: string }[]> {
  const out = new Map<string, { frameworkId: string; requirementId: string }[]>();
  for (const c of catalogControls) out.set(c.id, requirementsForControl(c.id).map(({ frameworkId, requirementId }) => ({ frameworkId, requirementId })));
  for (const m of extra) {
    const list = out.get(m.controlId) ?? [];
    if (!list.some((r) => r.frameworkId === m.frameworkId && r.requirementId === m.requirementId)) list.push({ frameworkId: m.frameworkId, requirementId: m.requirementId });
    out.set(m.controlId, list);
  }
  return out;
}
