import type { FrameworkView } from '@astrolabe/api-contract';
import { useState } from 'react';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { ProblemAlert } from '../components/page-state';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

/** Enable or disable a framework for the workspace; a disabled one leaves the overview but keeps its scope decisions. */
export function FrameworkToggle({ framework, onChanged }: { framework: FrameworkView; onChanged: () => void }) {
  const { workspace } = useWorkspace();
  const save = useAction((enabled: boolean) => api.setFrameworkEnabled(workspace.id, framework.id, enabled));
  // While saving (and until the list reloads) the switch shows where it is going, not the stored value.
  const [intent, setIntent] = useState<boolean | null>(null);
  if (intent !== null && !save.pending && (intent === framework.enabled || save.error)) setIntent(null);
  const enabled = intent ?? framework.enabled;
  const mayConfigure = useMay('program.configure');
  return (
    <div className="framework-toggle">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={save.pending || !mayConfigure}
          title={mayConfigure ? undefined : 'Owners, admins and compliance leads enable frameworks'}
          data-testid={`framework-toggle-${framework.id}`}
          aria-label={`${enabled ? 'Disable' : 'Enable'} ${framework.name}`}
          onChange={async (e) => {
            setIntent(e.target.checked);
            if (await save.run(e.target.checked)) onChanged();
          }}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-label">{enabled ? 'Enabled' : 'Disabled'}</span>
      </label>
      {save.error && <ProblemAlert error={save.error} />}
    </div>
  );
}
