import { useEffect, useRef, useState } from 'react';

interface Props {
  label: string;
  /** The question asked in place of the button, e.g. "Revoke this token?". */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  testId: string;
}

/** A destructive action in two steps, in place: the button becomes a question with "yes" and "cancel". */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, pending = false, testId }: Props) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setAsking(true)} disabled={pending} data-testid={testId}>
        {pending ? 'Working…' : label}
      </button>
    );
  }
  return (
    <span className="confirm-inline" role="group" aria-label={question}>
      <span className="small">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="btn btn-small btn-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        data-testid={`${testId}-confirm`}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
