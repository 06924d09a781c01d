import { useId, useState } from 'react';
import { api, type CatalogCheck } from '../api/client';
import { useResource } from '../api/use-resource';
import { ProblemAlert } from '../components/page-state';
import { SeverityBadge } from '../components/severity-badge';

interface Props {
  value: readonly string[];
  onChange: (checkIds: string[]) => void;
  /** `checkIds` itself, and `checkIds.<n>` per refused check. */
  errors: string[];
}

function matches(check: CatalogCheck, q: string): boolean {
  return !q || check.id.includes(q) || check.title.toLowerCase().includes(q);
}

function SelectedChecks({ ids, byId, onRemove }: { ids: readonly string[]; byId: ReadonlyMap<string, CatalogCheck>; onRemove: (id: string) => void }) {
  if (ids.length === 0) return <p className="field-help">No check: the control is scored from its manual evidence only.</p>;
  return (
    <ul className="chip-list" data-testid="check-picker-selected">
      {ids.map((id) => (
        <li key={id} className="chip" data-check={id}>
          <span className="truncate" title={id}>
            {byId.get(id)?.title ?? id}
          </span>
          <button type="button" className="chip-remove" aria-label={`Remove ${id}`} onClick={() => onRemove(id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Checks from the catalog that score the control automatically; searchable, several at once. */
export function CheckPicker({ value, onChange, errors }: Props) {
  const id = useId();
  const catalog = useResource('catalog-checks', (signal) => api.catalogChecks(signal));
  const [search, setSearch] = useState('');
  const checks = catalog.data?.items ?? [];
  const byId = new Map(checks.map((c) => [c.id, c]));
  const selected = new Set(value);
  const q = search.trim().toLowerCase();
  const shown = checks.filter((c) => matches(c, q));
  const toggle = (checkId: string) => onChange(selected.has(checkId) ? value.filter((v) => v !== checkId) : [...value, checkId]);

  return (
    <div className={`field field-wide ${errors.length ? 'field-invalid' : ''}`} data-testid="check-picker">
      <label htmlFor={`${id}-search`}>
        Checks <span className="optional">optional</span>
      </label>
      <SelectedChecks ids={value} byId={byId} onRemove={toggle} />
      <input id={`${id}-search`} type="search" className="input" placeholder="Search checks by title or id" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="check-picker-search" />
      {catalog.error && <ProblemAlert error={catalog.error} onRetry={catalog.reload} />}
      <ul className="option-list" aria-label="Checks">
        {catalog.loading && !catalog.data && <li className="muted small option-empty">Loading checks…</li>}
        {catalog.data && shown.length === 0 && <li className="muted small option-empty">No check matches “{search}”.</li>}
        {shown.map((c) => (
          <li key={c.id}>
            <label className="option" data-testid={`check-option-${c.id}`} data-checked={selected.has(c.id)}>
              <input type="checkbox" checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
              <span className="option-main">
                <span className="option-title">{c.title}</span>
                <span className="mono small muted">{c.id}</span>
              </span>
              <SeverityBadge severity={c.severity} />
            </label>
          </li>
        ))}
      </ul>
      {errors.map((message) => (
        <p key={message} className="field-error" role="alert" data-testid="check-picker-error">
          {message}
        </p>
      ))}
    </div>
  );
}
