import type { ControlDetail } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { ProblemAlert } from '../components/page-state';
import { useMembers } from '../members/members-context';
import { useMay } from '../members/permissions';
import { ROLE_LABEL } from '../members/member-roles';
import { useWorkspace } from '../workspace/workspace-context';

/** Assigns the control's owner (saved on change); the server records who assigned it. */
export function OwnerPicker({ control, onSaved }: { control: ControlDetail; onSaved: (c: ControlDetail) => void }) {
  const { workspace } = useWorkspace();
  const { members } = useMembers();
  const mayAssign = useMay('controls.assign');
  const save = useAction((ownerId: string | null) => api.updateControl(workspace.id, control.id, { ownerId }));
  return (
    <div className="field field-compact">
      <label htmlFor="owner-picker">Owner</label>
      <select
        id="owner-picker"
        className="input"
        data-testid="owner-picker"
        value={control.owner?.id ?? ''}
        disabled={save.pending || !mayAssign}
        title={mayAssign ? undefined : 'Owners, admins and compliance leads assign owners'}
        onChange={async (e) => {
          const saved = await save.run(e.target.value || null);
          if (saved) onSaved(saved);
        }}
      >
        <option value="">Unowned</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName} ({ROLE_LABEL[m.role]})
          </option>
        ))}
      </select>
      {!control.owner && <p className="field-help text-warn">Nobody answers for this control yet. Usually a {control.defaultOwnerRole.replace(/_/g, ' ')}.</p>}
      {save.error && <ProblemAlert error={save.error} />}
    </div>
  );
}
