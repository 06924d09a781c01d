import type { FrameworkDetail } from '@astrolabe/api-contract';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { useWorkspace } from '../workspace/workspace-context';

interface Props {
  frameworkId: string;
  requirementId: string;
  controlId: string;
  onRemoved: (framework: FrameworkDetail) => void;
}

/** × on a mapping the workspace added; a refusal is shown right next to it. */
export function UnmapControlButton({ frameworkId, requirementId, controlId, onRemoved }: Props) {
  const { workspace } = useWorkspace();
  const remove = useAction(() => api.unmapControl(workspace.id, frameworkId, requirementId, controlId));
  return (
    <span className="unmap">
      <button
        type="button"
        className="icon-button"
        aria-label={`Remove the mapping of ${controlId} to ${requirementId}`}
        title="Remove this mapping"
        disabled={remove.pending}
        data-testid="requirement-control-remove"
        onClick={async () => {
          const saved = await remove.run();
          if (saved) onRemoved(saved);
        }}
      >
        ×
      </button>
      {remove.error && (
        <span className="field-error" role="alert" data-testid="problem">
          {remove.error.fieldErrors()['controlId'] ?? remove.error.problem.detail ?? remove.error.problem.title}
        </span>
      )}
    </span>
  );
}
