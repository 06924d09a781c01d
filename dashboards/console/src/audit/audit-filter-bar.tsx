import type { MemberView } from '@astrolabe/api-contract';
import type { ReactNode } from 'react';
import { SearchInput } from '../controls/search-input';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABEL, AUDIT_OUTCOME_LABEL } from './audit-labels';
import { fromLocalInput, hasAuditFilters, toLocalInput, type AuditFilters } from './audit-query';

interface Props {
  filters: AuditFilters;
  members: MemberView[];
  onChange: (next: AuditFilters) => void;
}

function FilterSelect({ label, value, onChange, testId, children }: { label: string; value: string; onChange: (v: string) => void; testId: string; children: ReactNode }) {
  return (
    <select className={`input input-small ${value ? 'input-active' : ''}`} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} aria-label={label}>
      {children}
    </select>
  );
}

function TimeInput({ label, value, onChange, testId }: { label: string; value: string; onChange: (iso: string) => void; testId: string }) {
  return (
    <label className="audit-time">
      <span className="muted small">{label}</span>
      <input
        type="datetime-local"
        className={`input input-small ${value ? 'input-active' : ''}`}
        value={toLocalInput(value)}
        onChange={(e) => onChange(fromLocalInput(e.target.value))}
        data-testid={testId}
        aria-label={`${label} (your local time)`}
      />
    </label>
  );
}

/** Actor, action, target, outcome and time filters of the audit log; all applied by the server. */
export function AuditFilterBar({ filters, members, onChange }: Props) {
  const set = (patch: Partial<AuditFilters>) => onChange({ ...filters, ...patch });
  return (
    <div className="filter-bar">
      <FilterSelect label="Actor" value={filters.actor} onChange={(actor) => set({ actor })} testId="audit-filter-actor">
        <option value="">Anyone</option>
        <option value="system">System</option>
        <option value="anonymous">Anonymous</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Action" value={filters.action} onChange={(action) => set({ action })} testId="audit-filter-action">
        <option value="">Any action</option>
        <optgroup label="Groups">
          {AUDIT_ACTION_GROUPS.map((g) => (
            <option key={g.prefix} value={g.prefix}>
              {g.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Actions">
          {Object.entries(AUDIT_ACTION_LABEL).map(([id, label]) => (
            <option key={id} value={id}>
              {label} ({id})
            </option>
          ))}
        </optgroup>
      </FilterSelect>
      <SearchInput value={filters.target} onChange={(target) => set({ target })} placeholder="Target id" testId="audit-filter-target" />
      <FilterSelect label="Outcome" value={filters.outcome} onChange={(v) => set({ outcome: v as AuditFilters['outcome'] })} testId="audit-filter-outcome">
        <option value="">Any outcome</option>
        {Object.entries(AUDIT_OUTCOME_LABEL).map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </FilterSelect>
      <span className="audit-range">
        <TimeInput label="From" value={filters.from} onChange={(from) => set({ from })} testId="audit-filter-from" />
        <TimeInput label="to" value={filters.to} onChange={(to) => set({ to })} testId="audit-filter-to" />
      </span>
      {hasAuditFilters(filters) && (
        <button type="button" className="btn btn-small btn-ghost" data-testid="audit-filter-clear" onClick={() => onChange({ actor: '', action: '', target: '', outcome: '', from: '', to: '' })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
