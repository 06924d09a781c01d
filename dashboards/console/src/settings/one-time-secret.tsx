import { useId, type ReactNode } from 'react';
import { CopyButton } from '../components/copy-button';

interface Props {
  title: ReactNode;
  /** The secret (an invitation link, an API token), shown this one time. */
  value: string;
  label: string;
  note: ReactNode;
  onDismiss: () => void;
  testId: string;
  valueTestId: string;
  copyTestId: string;
  children?: ReactNode;
}

/** A secret the server returns once and keeps only as a hash: copy it now, it will not be shown again. */
export function OneTimeSecret({ title, value, label, note, onDismiss, testId, valueTestId, copyTestId, children }: Props) {
  const id = useId();
  return (
    <div className="one-time-secret" role="status" data-testid={testId}>
      <div className="one-time-secret-head">
        <strong>{title}</strong>
        <span className="once-badge">Shown once</span>
      </div>
      <label htmlFor={id} className="one-time-secret-label">
        {label}
      </label>
      <div className="one-time-secret-value">
        <input id={id} className="input mono" readOnly value={value} onFocus={(e) => e.currentTarget.select()} data-testid={valueTestId} aria-describedby={`${id}-note`} />
        <CopyButton text={value} label="Copy" testId={copyTestId} />
      </div>
      <p id={`${id}-note`} className="small one-time-secret-note">
        {note}
      </p>
      {children}
      <div className="inline-actions">
        <button type="button" className="btn btn-small" onClick={onDismiss} data-testid={`${testId}-dismiss`}>
          I have copied it
        </button>
      </div>
    </div>
  );
}
