import { useState } from 'react';
import { CADENCE_PRESETS } from './control-draft';

const CUSTOM = 'custom';

/** How often evidence must be renewed: a preset (monthly … annual) or any number of days. */
export function CadenceInput({ id, value, onChange, invalid }: { id: string; value: string; onChange: (days: string) => void; invalid: boolean }) {
  const preset = CADENCE_PRESETS.find((p) => String(p.days) === value);
  const [custom, setCustom] = useState(!preset);
  const selected = custom || !preset ? CUSTOM : value;
  return (
    <div className="cadence-input">
      <select
        id={id}
        className="input"
        value={selected}
        aria-invalid={invalid || undefined}
        data-testid="evidence-row-cadence"
        onChange={(e) => {
          const next = e.target.value;
          setCustom(next === CUSTOM);
          if (next !== CUSTOM) onChange(next);
        }}
      >
        {CADENCE_PRESETS.map((p) => (
          <option key={p.days} value={String(p.days)}>
            {p.label} ({p.days} days)
          </option>
        ))}
        <option value={CUSTOM}>Other…</option>
      </select>
      {selected === CUSTOM && (
        <input
          type="number"
          className="input input-days"
          min={1}
          max={730}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-label="Cadence in days"
          data-testid="evidence-row-cadence-days"
        />
      )}
    </div>
  );
}
