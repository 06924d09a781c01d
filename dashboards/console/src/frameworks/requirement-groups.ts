import type { FrameworkDetail, RequirementView } from '@astrolabe/api-contract';
import type { ControlStatus } from '../api/client';

export type RequirementFilter = 'all' | ControlStatus | 'out_of_scope';

export interface SectionNode {
  id: string;
  title: string;
  requirements: RequirementView[];
}

export interface GroupNode {
  /** null: the framework does not group its sections (ISO 27001, HIPAA, CIS). */
  title: string | null;
  sections: SectionNode[];
}

export function matchesFilter(r: RequirementView, filter: RequirementFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'out_of_scope') return r.outOfScope !== null;
  return r.outOfScope === null && r.status === filter;
}

/** group → section → requirement, in the framework's own order; empty sections and groups are dropped. */
export function requirementTree(framework: FrameworkDetail, filter: RequirementFilter): GroupNode[] {
  const bySection = new Map<string, RequirementView[]>();
  for (const r of framework.requirements) {
    if (!matchesFilter(r, filter)) continue;
    const list = bySection.get(r.section) ?? [];
    list.push(r);
    bySection.set(r.section, list);
  }
  const groups: GroupNode[] = [];
  for (const s of framework.sections) {
    const requirements = bySection.get(s.id);
    if (!requirements?.length) continue;
    let group = groups[groups.length - 1];
    if (!group || group.title !== s.group) {
      group = { title: s.group, sections: [] };
      groups.push(group);
    }
    group.sections.push({ id: s.id, title: s.title, requirements });
  }
  return groups;
}
