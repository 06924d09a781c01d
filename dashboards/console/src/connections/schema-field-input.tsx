import { numberRange, type FieldValue, type SchemaField } from './json-schema';

interface Props {
  field: SchemaField;
  value: FieldValue | undefined;
  error: string | undefined;
  onChange: (value: FieldValue) => void;
}

/** One form control rendered from a JSON Schema property, with its help text and field error. */
export function SchemaFieldInput({ field, value, error, onChange }: Props) {
  const id = `field-${field.path.replace(/\./g, '-')}`;
  const range = numberRange(field);
  const help = [field.description, range].filter(Boolean).join(' ');
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = { id, name: field.path, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'data-testid': id } as const;

  if (field.kind === 'boolean') {
    return (
      <div className={`field field-check ${error ? 'field-invalid' : ''}`}>
        <label htmlFor={id}>
          <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {field.label}
        </label>
        {field.description && (
          <p className="field-help" id={`${id}-help`}>
            {field.description}
          </p>
        )}
        {error && (
          <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  }

  const text = typeof value === 'string' ? value : '';
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required ? <span className="required" aria-label="required"> *</span> : <span className="optional"> optional</span>}
      </label>
      {field.kind === 'enum' ? (
        <select className="input" {...common} value={text} required={field.required} onChange={(e) => onChange(e.target.value)}>
          {!field.required && <option value="">—</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : field.multiline ? (
        <textarea
          className="input textarea mono"
          {...common}
          rows={5}
          // A key pasted here must not be spell-checked, autocorrected or remembered.
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          value={text}
          placeholder={field.placeholder}
          required={field.required}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : field.kind === 'number' ? (
        <input
          className="input input-number"
          {...common}
          type="number"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          min={field.minimum}
          max={field.maximum}
          step={field.integer ? 1 : 'any'}
          autoComplete="off"
          value={text}
          placeholder={field.placeholder}
          required={field.required}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          className="input"
          {...common}
          type={field.secret ? 'password' : 'text'}
          // Secrets must not land in the browser's password manager under the Astrolabe origin.
          autoComplete={field.secret ? 'new-password' : 'off'}
          spellCheck={false}
          value={text}
          placeholder={field.placeholder}
          required={field.required}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {help && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
