import type { ControlDetail } from '@astrolabe/api-contract';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { EmptyState, LoadingState, ProblemAlert } from '../components/page-state';
import { ExceptionRequestForm } from '../exceptions/exception-request-form';
import { ExceptionTable } from '../exceptions/exception-table';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

interface Props {
  control: ControlDetail;
  onChanged: () => void;
  /** Bumped when an exception was requested elsewhere on the page (a finding's "Accept risk…"). */
  version?: number;
}

/** Exceptions covering this control or findings of its checks, and the way to ask for one. */
export function ControlExceptions({ control, onChanged, version = 0 }: Props) {
  const { workspace } = useWorkspace();
  const exceptions = useResource(`control-exceptions:${workspace.id}:${control.id}`, (signal) => api.exceptions(workspace.id, { controlId: control.id, limit: 200 }, signal));
  const { reload } = exceptions;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const [requesting, setRequesting] = useState(false);
  const mayRequest = useMay('exceptions.request');
  const items = exceptions.data?.items ?? [];
  // Findings of the control's checks may have their own exceptions; only a control-wide one blocks another.
  const open = items.some((x) => x.scope === 'control' && (x.state === 'requested' || x.state === 'active'));
  const anyFinding = items.some((x) => x.scope === 'finding');
  const refresh = () => {
    exceptions.reload();
    onChanged();
  };

  return (
    <section className="section" data-testid="control-exceptions">
      <div className="section-head">
        <h2 className="section-title">Exceptions</h2>
        {mayRequest && !requesting && !open && (
          <button type="button" className="btn btn-small" onClick={() => setRequesting(true)} data-testid="request-exception">
            Request exception
          </button>
        )}
      </div>
      {requesting && (
        <ExceptionRequestForm
          target={{ scope: 'control', controlId: control.id }}
          onCancel={() => setRequesting(false)}
          onRequested={() => {
            setRequesting(false);
            refresh();
          }}
        />
      )}
      {exceptions.error && <ProblemAlert error={exceptions.error} onRetry={exceptions.reload} />}
      {!exceptions.data && !exceptions.error && <LoadingState label="Loading exceptions" />}
      {exceptions.data && items.length === 0 && !requesting && (
        <div className="card">
          <EmptyState title="No exception for this control">
            {control.status === 'failing' && mayRequest ? 'If the failure is an accepted risk for now, request a time-boxed exception.' : 'Exceptions accept a failing control for a limited time.'}
          </EmptyState>
        </div>
      )}
      {items.length > 0 && <ExceptionTable exceptions={items} showTarget={anyFinding} onChanged={refresh} />}
      {open && <p className="small muted spaced-top">One exception per control at a time: revoke the open one before requesting another.</p>}
    </section>
  );
}
