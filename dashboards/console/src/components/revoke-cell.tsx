import type { Action } from '../api/use-action';
import { ConfirmButton } from './confirm-button';

/** The last cell of a revocable row (invitation, API token): a two-step Revoke while it can be, and why it failed. */
export function RevokeCell<R>(props: { revocable: boolean; question: string; testId: string; revoke: Action<[], R>; onRevoked: (saved: R) => void }) {
  const { revocable, question, testId, revoke, onRevoked } = props;
  return (
    <td className="cell-actions">
      {revocable && (
        <ConfirmButton
          label="Revoke"
          question={question}
          confirmLabel="Revoke"
          pending={revoke.pending}
          testId={testId}
          onConfirm={async () => {
            const saved = await revoke.run();
            if (saved) onRevoked(saved);
          }}
        />
      )}
      {revoke.error && (
        <p className="field-error" role="alert">
          {revoke.error.problem.detail ?? revoke.error.problem.title}
        </p>
      )}
    </td>
  );
}
