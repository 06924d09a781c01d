import type { FrameworkDetail, RequirementView } from '@astrolabe/api-contract';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { ProblemAlert } from '../components/page-state';
import { useWorkspace } from '../workspace/workspace-context';

const MIN = 20;

/** Take a requirement out of scope: auditors will ask why, so a justification is required. */
export function ScopeOutForm({ frameworkId, requirement, onSaved, onCancel }: { frameworkId: string; requirement: RequirementView; onSaved: (f: FrameworkDetail) => void; onCancel: () => void }) {
  const { workspace } = useWorkspace();
  const [justification, setJustification] = useState('');
  const save = useAction(() => api.setRequirementScope(workspace.id, frameworkId, requirement.id, { inScope: false, justification: justification.trim() }));
  const fieldError = save.error?.fieldErrors()['justification'];
  const left = MIN - justification.trim().length;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await save.run();
    if (saved) onSaved(saved);
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate data-testid="scope-form">
      {save.error && !fieldError && <ProblemAlert error={save.error} />}
      <div className={`field field-wide ${fieldError ? 'field-invalid' : ''}`}>
        <label htmlFor={`scope-${requirement.id}`}>Why is {requirement.id} out of scope?</label>
        <textarea
          id={`scope-${requirement.id}`}
          className="input textarea"
          rows={2}
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          data-testid="scope-justification"
          aria-invalid={fieldError ? true : undefined}
          placeholder="e.g. We store no cardholder data; payments are handled by our PSP."
        />
        <p className="field-help">{left > 0 ? `At least ${MIN} characters (${left} to go). Shown to auditors.` : 'Shown to auditors next to the requirement.'}</p>
        {fieldError && (
          <p className="field-error" data-testid="scope-justification-error">
            {fieldError}
          </p>
        )}
      </div>
      <div className="inline-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={save.pending} data-testid="scope-save">
          {save.pending ? 'Saving…' : 'Mark out of scope'}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
