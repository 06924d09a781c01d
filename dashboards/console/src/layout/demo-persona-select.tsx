import { useId, useState } from 'react';
import type { ApiError } from '../api/client';
import { toApiError } from '../api/use-action';
import { useSession } from '../auth/session-context';
import { ROLE_LABEL } from '../members/member-roles';
import { rememberWorkspace } from '../workspace/workspace-context';

/**
 * Demo mode only (npm start): become another demo persona to see the product as each role does.
 * It signs in as that persona (POST /auth/demo); nothing is faked in the browser.
 */
export function DemoPersonaSelect() {
  const { options, session, switchPersona } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const id = useId();
  const demo = options?.demo;
  if (!demo || !session) return null;
  const current = session.memberships.find((m) => m.workspaceId === demo.workspaceId)?.memberId;
  const isPersona = demo.members.some((p) => p.id === current);

  return (
    <div className="demo-persona" title="Demo mode: sign in as another demo persona to see what each role can do">
      <span className="demo-badge">Demo</span>
      <label htmlFor={id} className="demo-persona-label">
        View as
      </label>
      <select
        id={id}
        className="input input-small demo-persona-select"
        value={isPersona ? current : ''}
        disabled={pending}
        data-testid="acting-as-select"
        onChange={async (e) => {
          setPending(true);
          setError(null);
          try {
            rememberWorkspace(demo.workspaceId);
            await switchPersona(e.target.value);
          } catch (err) {
            setError(toApiError(err));
          } finally {
            setPending(false);
          }
        }}
      >
        {!isPersona && (
          <option value="" disabled>
            Choose a persona…
          </option>
        )}
        {demo.members.map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName} ({ROLE_LABEL[p.role]})
          </option>
        ))}
      </select>
      {error && (
        <span className="field-error" role="alert">
          {error.problem.detail ?? error.problem.title}
        </span>
      )}
    </div>
  );
}
