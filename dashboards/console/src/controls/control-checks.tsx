import type { ControlDetail, ExceptionView } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { LoadingState, ProblemAlert } from '../components/page-state';
import { useWorkspace } from '../workspace/workspace-context';
import { ControlCheckFindings } from './control-check-findings';

/** The automated side of a control: each of its checks with the resources failing it. */
export function ControlChecks({ control, onExceptionRequested }: { control: ControlDetail; onExceptionRequested?: (x: ExceptionView) => void }) {
  const { workspace } = useWorkspace();
  const checks = useResource(`checks:${workspace.id}`, (signal) => api.checks(workspace.id, signal));
  const byId = new Map((checks.data?.items ?? []).map((c) => [c.id, c]));
  return (
    <section className="section" data-testid="control-checks">
      <h2 className="section-title">Checks</h2>
      {checks.error && <ProblemAlert error={checks.error} onRetry={checks.reload} />}
      {!checks.data && !checks.error && <LoadingState label="Loading checks" />}
      <div className="stack">
        {checks.data &&
          control.checkIds.map((id) => {
            const check = byId.get(id);
            return check ? (
              <ControlCheckFindings key={id} controlId={control.id} check={check} onExceptionRequested={onExceptionRequested} />
            ) : (
              <p key={id} className="muted small">
                <span className="mono">{id}</span> is not installed on this server.
              </p>
            );
          })}
      </div>
    </section>
  );
}
