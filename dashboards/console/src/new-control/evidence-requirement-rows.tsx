import { useId } from 'react';
import { FieldError } from '../components/field-error';
import { CadenceInput } from './cadence-input';
import { emptyEvidence, errorsUnder, kebab, type EvidenceDraft } from './control-draft';

interface RowProps {
  index: number;
  row: EvidenceDraft;
  /** This row's field errors: `id`, `title`, `description`, `cadenceDays`, and '' for the row itself. */
  errors: Record<string, string>;
  onChange: (row: EvidenceDraft) => void;
  onRemove: () => void;
}

function EvidenceRequirementRow({ index, row, errors, onChange, onRemove }: RowProps) {
  const id = useId();
  const idError = [errors['id'], errors['']].filter(Boolean).join('; ') || undefined;
  const invalid = (field: string) => (errors[field] ? 'field-invalid' : '');
  return (
    <li className="evidence-row" data-testid="evidence-row" data-index={index}>
      <div className="evidence-row-head">
        <h4 className="card-title-small">Requirement {index + 1}</h4>
        <button type="button" className="btn btn-small btn-ghost btn-quiet" onClick={onRemove} data-testid="evidence-row-remove">
          Remove
        </button>
      </div>
      <div className="form-grid form-grid-3">
        <div className={`field ${invalid('title')}`}>
          <label htmlFor={`${id}-title`}>
            Title<span className="required"> *</span>
          </label>
          <input
            id={`${id}-title`}
            className="input"
            value={row.title}
            placeholder="e.g. Customer security newsletter"
            onChange={(e) => onChange({ ...row, title: e.target.value, id: row.idEdited ? row.id : kebab(e.target.value) })}
            data-testid="evidence-row-title"
          />
          <FieldError message={errors['title']} testId="evidence-row-title-error" />
        </div>
        <div className={`field ${idError ? 'field-invalid' : ''}`}>
          <label htmlFor={`${id}-id`}>
            Id<span className="required"> *</span>
          </label>
          <input id={`${id}-id`} className="input mono" value={row.id} placeholder="lower-case-kebab" onChange={(e) => onChange({ ...row, id: e.target.value, idEdited: true })} data-testid="evidence-row-id" />
          <FieldError message={idError} testId="evidence-row-id-error" />
        </div>
        <div className={`field ${invalid('cadenceDays')}`}>
          <label htmlFor={`${id}-cadence`}>Renew every</label>
          <CadenceInput id={`${id}-cadence`} value={row.cadenceDays} onChange={(cadenceDays) => onChange({ ...row, cadenceDays })} invalid={Boolean(errors['cadenceDays'])} />
          <FieldError message={errors['cadenceDays']} testId="evidence-row-cadence-error" />
        </div>
      </div>
      <div className={`field field-wide ${invalid('description')}`}>
        <label htmlFor={`${id}-description`}>
          What to provide<span className="required"> *</span>
        </label>
        <textarea
          id={`${id}-description`}
          className="input textarea"
          rows={2}
          value={row.description}
          placeholder="The document or record an auditor expects, and who produces it."
          onChange={(e) => onChange({ ...row, description: e.target.value })}
          data-testid="evidence-row-description"
        />
        <FieldError message={errors['description']} testId="evidence-row-description-error" />
      </div>
    </li>
  );
}

interface Props {
  rows: EvidenceDraft[];
  onChange: (rows: EvidenceDraft[]) => void;
  /** Every error under `manualEvidence.` (`0.title`, `1` for a duplicate id), prefix removed. */
  errors: Record<string, string>;
  /** The list as a whole (`manualEvidence`: e.g. neither checks nor evidence). */
  listError: string | undefined;
}

/** Manual evidence a person must provide, each with the cadence at which it goes stale. */
export function EvidenceRequirementRows({ rows, onChange, errors, listError }: Props) {
  const rowErrors = (index: number) => {
    const own = errorsUnder(errors, String(index));
    const whole = errors[String(index)];
    return whole ? { ...own, '': whole } : own;
  };
  return (
    <div className={`field field-wide ${listError ? 'field-invalid' : ''}`} data-testid="evidence-rows">
      {rows.length === 0 ? (
        <p className="field-help">No manual evidence: the control is scored from its checks only.</p>
      ) : (
        <ol className="evidence-rows">
          {rows.map((row, i) => (
            <EvidenceRequirementRow
              key={row.key}
              index={i}
              row={row}
              errors={rowErrors(i)}
              onChange={(next) => onChange(rows.map((r) => (r.key === row.key ? next : r)))}
              onRemove={() => onChange(rows.filter((r) => r.key !== row.key))}
            />
          ))}
        </ol>
      )}
      <FieldError message={listError} testId="manual-evidence-error" />
      <div>
        <button type="button" className="btn btn-small" onClick={() => onChange([...rows, emptyEvidence()])} data-testid="evidence-row-add">
          + Add evidence requirement
        </button>
      </div>
    </div>
  );
}
