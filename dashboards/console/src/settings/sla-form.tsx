import { useState, type FormEvent } from 'react';
import { api, type Severity, type SlaDays } from '../api/client';
import { useAction } from '../api/use-action';
import { FieldError } from '../components/field-error';
import { ProblemAlert } from '../components/page-state';
import { SeverityBadge } from '../components/severity-badge';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

type Draft = Record<Severity, string>;
const toDraft = (sla: SlaDays): Draft => ({ critical: String(sla.critical), high: String(sla.high), medium: String(sla.medium), low: String(sla.low), info: String(sla.info) });
// An empty box is sent as 0, which the server refuses under that field ("at least 1").
const toBody = (d: Draft): SlaDays => ({ critical: Number(d.critical), high: Number(d.high), medium: Number(d.medium), low: Number(d.low), info: Number(d.info) });

/** Days to fix a failing finding, per severity of its check; past that it shows as overdue. */
export function SlaForm({ initial, onSaved }: { initial: SlaDays; onSaved: (sla: SlaDays) => void }) {
  const { workspace } = useWorkspace();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [saved, setSaved] = useState(false);
  const save = useAction((body: SlaDays) => api.setSla(workspace.id, body));
  const errors = save.error?.fieldErrors() ?? {};
  const unplaced = save.error && (!save.error.problem.errors?.length || save.error.problem.errors.some((e) => !(SEVERITIES as readonly string[]).includes(e.field)));
  const dirty = SEVERITIES.some((s) => draft[s] !== String(initial[s]));
  const mayConfigure = useMay('program.configure');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const result = await save.run(toBody(draft));
    if (!result) return;
    setSaved(true);
    setDraft(toDraft(result));
    onSaved(result);
  }

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="sla-form">
      <div className="sla-grid">
        {SEVERITIES.map((s) => (
          <div key={s} className={`field ${errors[s] ? 'field-invalid' : ''}`}>
            <label htmlFor={`sla-${s}`}>
              <SeverityBadge severity={s} />
            </label>
            <div className="input-suffix">
              <input
                id={`sla-${s}`}
                type="number"
                inputMode="numeric"
                className="input"
                min={1}
                max={3650}
                disabled={!mayConfigure}
                value={draft[s]}
                onChange={(e) => {
                  setSaved(false);
                  // The refusal was about the values as sent; typing again starts over.
                  save.reset();
                  setDraft((d) => ({ ...d, [s]: e.target.value }));
                }}
                data-testid={`sla-${s}`}
              />
              <span className="input-suffix-text">days</span>
            </div>
            <FieldError message={errors[s]} testId={`sla-${s}-error`} />
          </div>
        ))}
      </div>
      {unplaced && save.error && <ProblemAlert error={save.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.pending || !dirty || !mayConfigure} data-testid="sla-save">
          {save.pending ? 'Saving…' : 'Save SLAs'}
        </button>
        {saved && !dirty && (
          <span className="text-good small" role="status" data-testid="sla-saved">
            Saved. Deadlines of open findings follow the new SLAs.
          </span>
        )}
      </div>
    </form>
  );
}
