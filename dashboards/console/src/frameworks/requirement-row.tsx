import type { ControlView, FrameworkDetail, RequirementView } from '@astrolabe/api-contract';
import { Fragment, useState } from 'react';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { ProblemAlert } from '../components/page-state';
import { ControlStatusPill, Pill } from '../components/status-pill';
import { formatDate, plural } from '../lib/format';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';
import { MapControlForm } from './map-control-form';
import { RequirementControls } from './requirement-controls';
import { ScopeOutForm } from './scope-form';

interface Props {
  frameworkId: string;
  requirement: RequirementView;
  controls: ReadonlyMap<string, ControlView>;
  open: boolean;
  onToggle: () => void;
  onChanged: (framework: FrameworkDetail) => void;
}

function OutOfScopeNote({ outOfScope }: { outOfScope: NonNullable<RequirementView['outOfScope']> }) {
  return (
    <p className="scope-note" data-testid="out-of-scope-justification">
      <span className="scope-note-label">Out of scope:</span> {outOfScope.justification}
      <span className="muted small">
        {' '}
        — {outOfScope.setBy.displayName}, {formatDate(outOfScope.setAt)}
      </span>
    </p>
  );
}

export function RequirementRow({ frameworkId, requirement: r, controls, open, onToggle, onChanged }: Props) {
  const { workspace } = useWorkspace();
  const [scoping, setScoping] = useState(false);
  const [mapping, setMapping] = useState(false);
  const mayConfigure = useMay('program.configure');
  const bringBack = useAction(() => api.setRequirementScope(workspace.id, frameworkId, r.id, { inScope: true }));
  const controlCount = new Set([...r.controlIds, ...r.customControlIds]).size;
  const inScope = r.outOfScope === null;

  return (
    <Fragment>
      <tr className={`${open ? 'row-open' : ''} ${inScope ? '' : 'row-out-of-scope'}`} data-testid={`requirement-row-${r.id}`} data-status={r.status} data-in-scope={inScope}>
        <td className="cell-toggle">
          <button type="button" className="disclosure" aria-expanded={open} aria-label={open ? 'Hide controls' : 'Show controls'} data-testid="requirement-controls-toggle" onClick={onToggle}>
            <span aria-hidden="true">›</span>
          </button>
        </td>
        <td>
          <div className="requirement-title">
            <span className="mono requirement-id">{r.id}</span>
            <span className="cell-title">{r.title}</span>
          </div>
          {r.outOfScope && <OutOfScopeNote outOfScope={r.outOfScope} />}
        </td>
        <td>{inScope ? <ControlStatusPill status={r.status} /> : <Pill tone="muted" label="Out of scope" value="out_of_scope" title="Not counted in readiness" />}</td>
        <td>
          <button type="button" className="link-button small" onClick={onToggle}>
            {plural(controlCount, 'control')}
          </button>
        </td>
        <td className="cell-actions">
          {mayConfigure && !mapping && (
            <button type="button" className="btn btn-small btn-ghost btn-quiet" data-testid="requirement-map-control" onClick={() => setMapping(true)}>
              Map control…
            </button>
          )}
          {!mayConfigure ? null : inScope ? (
            !scoping && (
              <button type="button" className="btn btn-small btn-ghost btn-quiet" data-testid="scope-out" onClick={() => setScoping(true)}>
                Mark out of scope
              </button>
            )
          ) : (
            <button
              type="button"
              className="btn btn-small"
              data-testid="scope-in"
              disabled={bringBack.pending}
              onClick={async () => {
                const saved = await bringBack.run();
                if (saved) onChanged(saved);
              }}
            >
              Bring back in scope
            </button>
          )}
        </td>
      </tr>
      {(scoping || bringBack.error) && (
        <tr className="row-details">
          <td />
          <td colSpan={4}>
            {bringBack.error && <ProblemAlert error={bringBack.error} />}
            {scoping && (
              <ScopeOutForm
                frameworkId={frameworkId}
                requirement={r}
                onCancel={() => setScoping(false)}
                onSaved={(f) => {
                  setScoping(false);
                  onChanged(f);
                }}
              />
            )}
          </td>
        </tr>
      )}
      {mapping && mayConfigure && (
        <tr className="row-details">
          <td />
          <td colSpan={4}>
            <MapControlForm
              frameworkId={frameworkId}
              requirement={r}
              onCancel={() => setMapping(false)}
              onMapped={(f) => {
                setMapping(false);
                onChanged(f);
                // Show where the control landed.
                if (!open) onToggle();
              }}
            />
          </td>
        </tr>
      )}
      {open && (
        <tr className="row-details">
          <td />
          <td colSpan={4}>
            <RequirementControls frameworkId={frameworkId} requirement={r} controls={controls} editable={mayConfigure} onChanged={onChanged} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
