import type { FrameworkView, MemberView } from '@astrolabe/api-contract';
import type { ReactNode } from 'react';
import { CATEGORY_LABEL } from './control-categories';
import type { ControlFilters, EvidenceFilter } from './control-query';
import { SearchInput } from './search-input';

interface Props {
  filters: ControlFilters;
  members: MemberView[];
  frameworks: FrameworkView[];
  onChange: (next: ControlFilters) => void;
}

/** A compact select whose empty option names the filter ("Any owner"); highlighted while it filters. */
function FilterSelect({ label, value, onChange, testId, children }: { label: string; value: string; onChange: (v: string) => void; testId: string; children: ReactNode }) {
  return (
    <select className={`input input-small ${value ? 'input-active' : ''}`} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-label={label}>
      {children}
    </select>
  );
}

/** Owner, category, framework, evidence and text filters of the controls list. */
export function ControlFilterBar({ filters, members, frameworks, onChange }: Props) {
  const set = (patch: Partial<ControlFilters>) => onChange({ ...filters, ...patch });
  const active = Boolean(filters.owner || filters.category || filters.framework || filters.evidence || filters.q);
  return (
    <div className="filter-bar">
      <SearchInput value={filters.q} onChange={(q) => set({ q })} placeholder="Search controls" testId="control-search" />
      <FilterSelect label="Owner" value={filters.owner} onChange={(owner) => set({ owner })} testId="control-filter-owner">
        <option value="">Any owner</option>
        <option value="none">Unowned</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Category" value={filters.category} onChange={(category) => set({ category })} testId="control-filter-category">
        <option value="">All categories</option>
        {Object.entries(CATEGORY_LABEL).map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Framework" value={filters.framework} onChange={(framework) => set({ framework })} testId="control-filter-framework">
        <option value="">All frameworks</option>
        {frameworks.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Evidence" value={filters.evidence} onChange={(v) => set({ evidence: v as EvidenceFilter })} testId="control-filter-evidence">
        <option value="">Any evidence</option>
        <option value="overdue">Evidence overdue</option>
        <option value="due_soon">Evidence due soon</option>
        <option value="missing">Evidence missing</option>
        <option value="current">Evidence current</option>
      </FilterSelect>
      {active && (
        <button type="button" className="btn btn-small btn-ghost" data-testid="control-filter-clear" onClick={() => onChange({ status: filters.status, owner: '', category: '', framework: '', evidence: '', q: '' })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
