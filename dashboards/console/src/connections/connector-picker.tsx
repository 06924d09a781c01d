import type { ConnectorInfo } from '@astrolabe/api-contract';
import { ConnectorIcon } from './connector-badge';

export function ConnectorPicker({ connectors, value, onChange }: { connectors: ConnectorInfo[]; value: string; onChange: (id: string) => void }) {
  return (
    <fieldset className="connector-picker" data-testid="connector-picker">
      <legend className="card-title-small">Source</legend>
      {connectors.map((c) => (
        <label key={c.id} className={`connector-option ${c.id === value ? 'connector-option-active' : ''}`} data-testid={`connector-${c.id}`}>
          <input type="radio" name="connectorId" value={c.id} checked={c.id === value} onChange={() => onChange(c.id)} />
          <span className="connector-title">
            <ConnectorIcon connectorId={c.id} />
            {c.title}
          </span>
          <span className="connector-desc">{c.description}</span>
          <span className="mono small muted">{c.id}</span>
        </label>
      ))}
    </fieldset>
  );
}
