import type { ControlView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { useWorkspace } from '../workspace/workspace-context';

/** The framework requirements this control serves, per framework, each framework a link to its requirement tree. */
export function ControlFrameworks({ control }: { control: ControlView }) {
  const { workspace } = useWorkspace();
  const frameworks = useResource(`frameworks:${workspace.id}`, (signal) => api.frameworks(workspace.id, signal));
  const names = new Map((frameworks.data?.items ?? []).map((f) => [f.id, f.name]));
  const byFramework = new Map<string, string[]>();
  for (const r of control.requirements) byFramework.set(r.frameworkId, [...(byFramework.get(r.frameworkId) ?? []), r.requirementId]);
  if (byFramework.size === 0) return <p className="muted small">Not mapped to any framework requirement.</p>;
  return (
    <ul className="framework-refs" data-testid="control-frameworks">
      {[...byFramework].map(([frameworkId, ids]) => (
        <li key={frameworkId}>
          <Link to={`/frameworks/${encodeURIComponent(frameworkId)}`} className="small">
            {names.get(frameworkId) ?? frameworkId}
          </Link>
          <div>
            {ids.map((id) => (
              <span key={id} className="ref">
                {id}
              </span>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
