import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ControlDetail } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { ProblemAlert } from '../components/page-state';
import { useWorkspace } from '../workspace/workspace-context';
import { CheckPicker } from './check-picker';
import { ControlFields } from './control-fields';
import { EMPTY_CONTROL, errorsUnder, toCreateBody, type ControlDraft, type EvidenceDraft } from './control-draft';
import { EvidenceRequirementRows } from './evidence-requirement-rows';

const PLACED = /^(id|title|description|category|publicTitle|ownerId|checkIds(\.\d+)?|manualEvidence(\..+)?)$/;

/** A custom control: what it asserts, the checks that score it, the manual evidence it needs. */
export function NewControlForm({ onCreated }: { onCreated: (control: ControlDetail) => void }) {
  const { workspace } = useWorkspace();
  const [draft, setDraft] = useState<ControlDraft>(EMPTY_CONTROL);
  const create = useAction((d: ControlDraft) => api.createControl(workspace.id, toCreateBody(d)));
  const problem = create.error?.problem;
  const errors = create.error?.fieldErrors() ?? {};
  // Both conflicts (a built-in id, an id already taken) are about the id.
  if (problem?.status === 409 && problem.detail) errors['id'] = problem.detail;
  const unplaced = create.error && problem?.status !== 409 && (!problem?.errors?.length || problem.errors.some((e) => !PLACED.test(e.field)));
  const checkErrors = Object.entries(errors)
    .filter(([field]) => /^checkIds(\.\d+)?$/.test(field))
    .map(([, message]) => message);

  const patch = (p: Partial<ControlDraft>) => setDraft((d) => ({ ...d, ...p }));
  const setEvidence = (evidence: EvidenceDraft[]) => {
    // Row errors are numbered by position: once rows come or go they would land on the wrong row.
    if (evidence.length !== draft.evidence.length) create.reset();
    patch({ evidence });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await create.run(draft);
    if (created) onCreated(created);
  }

  return (
    <form className="form form-cards" onSubmit={submit} noValidate data-testid="control-form">
      <section className="card">
        <h2 className="card-title-small">Control</h2>
        <ControlFields draft={draft} onChange={patch} errors={errors} />
      </section>
      <section className="card">
        <h2 className="card-title-small">Automated checks</h2>
        <p className="muted small form-intro">Each selected check scores the control from the findings of your connections.</p>
        <CheckPicker value={draft.checkIds} onChange={(checkIds) => patch({ checkIds })} errors={checkErrors} />
      </section>
      <section className="card">
        <h2 className="card-title-small">Manual evidence</h2>
        <p className="muted small form-intro">Documents and records people upload. A control needs at least one check or one evidence requirement.</p>
        <EvidenceRequirementRows rows={draft.evidence} onChange={setEvidence} errors={errorsUnder(errors, 'manualEvidence')} listError={errors['manualEvidence']} />
      </section>
      {unplaced && create.error && <ProblemAlert error={create.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.pending} data-testid="control-submit">
          {create.pending ? 'Creating…' : 'Create control'}
        </button>
        <Link to="/controls" className="btn btn-ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}
