import type { ControlView, FrameworkDetail } from '@astrolabe/api-contract';
import { useState } from 'react';
import { EmptyState } from '../components/page-state';
import { StackedBar } from '../components/readiness-ring';
import { requirementTree, type RequirementFilter, type SectionNode } from './requirement-groups';
import { RequirementRow } from './requirement-row';

interface Props {
  framework: FrameworkDetail;
  filter: RequirementFilter;
  controls: ReadonlyMap<string, ControlView>;
  onChanged: (framework: FrameworkDetail) => void;
}

function sectionBar(section: SectionNode) {
  const inScope = section.requirements.filter((r) => r.outOfScope === null);
  const count = (s: string) => inScope.filter((r) => r.status === s).length;
  return {
    total: inScope.length,
    passing: count('passing'),
    segments: [
      { key: 'passing', value: count('passing'), className: 'seg-good' },
      { key: 'excepted', value: count('excepted'), className: 'seg-info' },
      { key: 'at-risk', value: count('at_risk'), className: 'seg-warn' },
      { key: 'failing', value: count('failing'), className: 'seg-bad' },
      { key: 'unknown', value: count('unknown'), className: 'seg-unknown' },
      { key: 'not-monitored', value: count('not_monitored'), className: 'seg-none' },
    ],
  };
}

function SectionBlock({ section, ...rest }: { section: SectionNode } & Omit<Props, 'filter'>) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const bar = sectionBar(section);
  return (
    <section className="requirement-section" data-testid={`requirement-section-${section.id}`}>
      <header className="requirement-section-head">
        <h3>
          <span className="mono muted">{section.id}</span> {section.title}
        </h3>
        <div className="requirement-section-bar">
          <span className="muted small nowrap">
            {bar.passing} of {bar.total} passing
          </span>
          <StackedBar segments={bar.segments} total={bar.total} label={`${bar.passing} of ${bar.total} in-scope requirements passing`} />
        </div>
      </header>
      <table className="table table-fixed table-requirements">
        <colgroup>
          <col style={{ width: 44 }} />
          <col />
          <col style={{ width: 140 }} />
          <col style={{ width: 100 }} />
          <col style={{ width: 284 }} />
        </colgroup>
        <thead>
          <tr>
            <th>Open</th>
            <th>Requirement</th>
            <th>Status</th>
            <th>Controls</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {section.requirements.map((r) => (
            <RequirementRow key={r.id} frameworkId={rest.framework.id} requirement={r} controls={rest.controls} open={open.has(r.id)} onToggle={() => toggle(r.id)} onChanged={rest.onChanged} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Requirements grouped as the framework groups them: group → section → requirement. */
export function RequirementTree({ framework, filter, controls, onChanged }: Props) {
  const groups = requirementTree(framework, filter);
  if (groups.length === 0) return <EmptyState title="No requirement matches" />;
  return (
    <div className="requirement-tree" data-testid="requirement-tree">
      {groups.map((g, i) => (
        <div key={g.title ?? `group-${i}`} className="card card-flush requirement-group" data-testid="requirement-group">
          {g.title && <h2 className="requirement-group-title">{g.title}</h2>}
          {g.sections.map((s) => (
            <SectionBlock key={s.id} section={s} framework={framework} controls={controls} onChanged={onChanged} />
          ))}
        </div>
      ))}
    </div>
  );
}
