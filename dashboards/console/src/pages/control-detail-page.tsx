import { useReducer } from 'react';
import { useParams } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { ControlStatusPill } from '../components/status-pill';
import { TimeAgo } from '../components/time-ago';
import { categoryLabel } from '../controls/control-categories';
import { ControlChecks } from '../controls/control-checks';
import { ControlEvidence } from '../controls/control-evidence';
import { ControlExceptions } from '../controls/control-exceptions';
import { ControlFrameworks } from '../controls/control-frameworks';
import { OwnerPicker } from '../controls/owner-picker';
import { StatusHistoryStrip } from '../controls/status-history-strip';
import { TrustLabelPicker } from '../controls/trust-label-picker';
import { humanize } from '../lib/format';
import { useWorkspace } from '../workspace/workspace-context';

export function ControlDetailPage() {
  const { controlId = '' } = useParams();
  const { workspace } = useWorkspace();
  const control = useResource(`control:${workspace.id}:${controlId}`, (signal) => api.control(workspace.id, controlId, signal));
  const c = control.data;
  // A finding-level exception requested under Checks also belongs in this page's Exceptions list.
  const [exceptionsVersion, exceptionRequested] = useReducer((n: number) => n + 1, 0);

  return (
    <div className="page" data-testid="control-detail-page">
      <PageHeader
        crumbs={[{ label: 'Controls', to: '/controls' }]}
        title={c?.title ?? controlId}
        meta={
          c && (
            <>
              <ControlStatusPill status={c.status} testId="control-status" />
              <span className="mono">{c.id}</span>
              <span className="ref">{categoryLabel(c.category)}</span>
              <span className="ref">{humanize(c.automation)}</span>
              {c.source === 'custom' && <span className="ref">Custom</span>}
            </>
          )
        }
      />
      {control.error && <ErrorState error={control.error} onRetry={control.reload} />}
      {!c && !control.error && <LoadingState label="Loading control" />}
      {c && (
        <>
          <div className="grid grid-main-side section">
            <div className="stack">
              <section className="card">
                <h2 className="card-title-small">Status</h2>
                <p className="control-reason" data-testid="control-reason">
                  <ControlStatusPill status={c.status} /> {c.reason}
                </p>
                {c.statusSince && (
                  <p className="small muted">
                    In this state since <TimeAgo iso={c.statusSince} />
                  </p>
                )}
                <h2 className="card-title-small spaced">What this control asserts</h2>
                <p className="rationale">{c.description}</p>
              </section>
              <section className="card">
                <h2 className="card-title-small">Last 90 days</h2>
                <StatusHistoryStrip history={c.history} />
              </section>
            </div>
            <aside className="card card-compact stack-tight" data-testid="control-ownership">
              <OwnerPicker control={c} onSaved={control.replace} />
              <TrustLabelPicker control={c} onSaved={control.replace} />
              <div>
                <h2 className="card-title-small">Frameworks</h2>
                <ControlFrameworks control={c} />
              </div>
            </aside>
          </div>
          {c.checkIds.length > 0 && <ControlChecks control={c} onExceptionRequested={exceptionRequested} />}
          {c.evidence.length > 0 && <ControlEvidence control={c} onChanged={control.reload} />}
          <ControlExceptions control={c} onChanged={control.reload} version={exceptionsVersion} />
        </>
      )}
    </div>
  );
}
