import type { ControlView, FrameworkDetail, RequirementView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { ControlStatusPill } from '../components/status-pill';
import { UnmapControlButton } from './unmap-control-button';

interface Props {
  frameworkId: string;
  requirement: RequirementView;
  controls: ReadonlyMap<string, ControlView>;
  /** Whether the acting member may change mappings (then the workspace's own ones get a ×). */
  editable: boolean;
  onChanged: (framework: FrameworkDetail) => void;
}

/** The drill-down: the controls a requirement rests on, each with its own status. */
export function RequirementControls({ frameworkId, requirement, controls, editable, onChanged }: Props) {
  // controlIds lists every mapped control; customControlIds the ones the workspace added (removable).
  const customIds = new Set(requirement.customControlIds);
  const ids = [...new Set([...requirement.controlIds, ...requirement.customControlIds])];
  if (ids.length === 0) return <p className="muted small">No control is mapped to this requirement.</p>;
  return (
    <ul className="control-list" data-testid="requirement-controls">
      {ids.map((id) => {
        const c = controls.get(id);
        const custom = customIds.has(id);
        return (
          <li key={id} data-testid={`requirement-control-${id}`} data-status={c?.status} data-custom={custom}>
            {c ? <ControlStatusPill status={c.status} /> : <span className="muted small">—</span>}
            <Link to={`/controls/${encodeURIComponent(id)}`} className="control-list-title">
              {c?.title ?? id}
            </Link>
            <span className="muted small nowrap control-list-meta">
              {custom && <span className="tag">Mapped by you</span>}
              {c?.owner ? c.owner.displayName : <span className="text-warn">No owner</span>}
              {custom && editable && <UnmapControlButton frameworkId={frameworkId} requirementId={requirement.id} controlId={id} onRemoved={onChanged} />}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
