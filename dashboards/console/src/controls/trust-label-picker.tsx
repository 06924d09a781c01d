import type { ControlDetail, TrustLabelValue } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { ProblemAlert } from '../components/page-state';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

export const TRUST_LABEL: Record<TrustLabelValue, string> = {
  implemented: 'Implemented',
  in_progress: 'In progress',
  planned: 'Planned',
  supported_by_contract: 'Supported by contract',
};

const VALUES = Object.keys(TRUST_LABEL) as TrustLabelValue[];
const isLabel = (v: string): v is TrustLabelValue => (VALUES as string[]).includes(v);

/** What the public trust center says about this control; never "implemented" while it fails. */
export function TrustLabelPicker({ control, onSaved }: { control: ControlDetail; onSaved: (c: ControlDetail) => void }) {
  const { workspace } = useWorkspace();
  const save = useAction((trustLabel: TrustLabelValue | null) => api.updateControl(workspace.id, control.id, { trustLabel }));
  const mayAssign = useMay('controls.assign');
  const conflict = control.trustLabelConflict || control.publishedLabel !== control.trustLabel;
  return (
    <div className="field field-compact">
      <label htmlFor="trust-label-picker">Trust center label</label>
      <select
        id="trust-label-picker"
        className="input"
        data-testid="trust-label-picker"
        value={control.trustLabel ?? ''}
        disabled={save.pending || !mayAssign}
        title={mayAssign ? undefined : 'Owners, admins and compliance leads set the trust center label'}
        onChange={async (e) => {
          const saved = await save.run(isLabel(e.target.value) ? e.target.value : null);
          if (saved) onSaved(saved);
        }}
      >
        <option value="">Not published</option>
        {VALUES.map((v) => (
          <option key={v} value={v}>
            {TRUST_LABEL[v]}
          </option>
        ))}
      </select>
      <p className="field-help">
        Shown publicly as “{control.publicTitle}”.
      </p>
      {conflict && (
        <div className="alert alert-warn" role="status" data-testid="trust-label-conflict">
          <div>
            <strong>The trust center shows {control.publishedLabel ? `“${TRUST_LABEL[control.publishedLabel]}”` : 'nothing'}</strong>
            <p>
              You chose {control.trustLabel ? `“${TRUST_LABEL[control.trustLabel]}”` : 'no label'}, but the control is {control.status.replace(/_/g, ' ')}: a public page may not claim more than
              the monitoring shows. It is published as chosen once the control passes.
            </p>
          </div>
        </div>
      )}
      {save.error && <ProblemAlert error={save.error} />}
    </div>
  );
}
