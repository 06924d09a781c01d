import type { FrameworkDetail, RequirementView } from '@astrolabe/api-contract';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { FieldError } from '../components/field-error';
import { ProblemAlert } from '../components/page-state';
import { ControlStatusPill } from '../components/status-pill';
import { SearchInput } from '../controls/search-input';
import { useWorkspace } from '../workspace/workspace-context';

const SHOWN = 12;

interface Props {
  frameworkId: string;
  requirement: RequirementView;
  onMapped: (framework: FrameworkDetail) => void;
  onCancel: () => void;
}

/** Pick any control of the workspace (the server searches id, title and description) and map it here. */
export function MapControlForm({ frameworkId, requirement, onMapped, onCancel }: Props) {
  const { workspace } = useWorkspace();
  const id = useId();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState('');
  const results = useResource(`map-control:${workspace.id}:${q}`, (signal) => api.controls(workspace.id, { q: q.trim() || undefined, limit: SHOWN + 20 }, signal));
  const mapped = new Set([...requirement.controlIds, ...requirement.customControlIds]);
  const options = (results.data?.items ?? []).filter((c) => !mapped.has(c.id)).slice(0, SHOWN);
  const map = useAction((controlId: string) => api.mapControl(workspace.id, frameworkId, requirement.id, controlId));
  const fieldError = map.error?.fieldErrors()['controlId'];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await map.run(chosen);
    if (saved) onMapped(saved);
  }

  return (
    <form className="inline-form map-control-form" onSubmit={submit} noValidate data-testid="map-control-form">
      <div className={`field field-wide ${fieldError ? 'field-invalid' : ''}`}>
        <label htmlFor={`${id}-results`}>Map a control to {requirement.id}</label>
        <SearchInput value={q} onChange={setQ} placeholder="Search controls by id, title or description" testId="map-control-search" />
        {results.error && <ProblemAlert error={results.error} onRetry={results.reload} />}
        <ul id={`${id}-results`} className="option-list option-list-short" role="radiogroup" aria-label="Controls">
          {!results.data && results.loading && <li className="muted small option-empty">Searching…</li>}
          {results.data && options.length === 0 && <li className="muted small option-empty">No unmapped control matches{q ? ` “${q}”` : ''}.</li>}
          {options.map((c) => (
            <li key={c.id}>
              <label className={`option ${chosen === c.id ? 'option-chosen' : ''}`} data-testid={`map-control-option-${c.id}`} data-checked={chosen === c.id}>
                <input type="radio" name={`${id}-control`} value={c.id} checked={chosen === c.id} onChange={() => setChosen(c.id)} />
                <span className="option-main">
                  <span className="option-title">{c.title}</span>
                  <span className="mono small muted">{c.id}</span>
                </span>
                {c.source === 'custom' && <span className="tag">Custom</span>}
                <ControlStatusPill status={c.status} />
              </label>
            </li>
          ))}
        </ul>
        <FieldError message={fieldError} testId="map-control-error" />
      </div>
      {map.error && !fieldError && <ProblemAlert error={map.error} />}
      <div className="inline-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={!chosen || map.pending} data-testid="map-control-submit">
          {map.pending ? 'Mapping…' : 'Map control'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
