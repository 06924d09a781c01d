import type { ControlView, RequirementView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { ControlStatusPill } from '../components/status-pill';

/** The drill-down: the controls a requirement rests on, each with its own status. */
export function RequirementControls({ requirement, controls }: { requirement: RequirementView; controls: ReadonlyMap<string, ControlView> }) {
  const custom = new Set(requirement.customControlIds);
  const ids = [...requirement.controlIds, ...requirement.customControlIds.filter((id) => !requirement.controlIds.includes(id))];
  if (ids.length === 0) return <p className="muted small">No control is mapped to this requirement.</p>;
  return (
    <ul className="control-list" data-testid="requirement-controls">
      {ids.map((id) => {
        const c = controls.get(id);
        return (
          <li key={id} data-testid={`requirement-control-${id}`} data-status={c?.status}>
            {c ? <ControlStatusPill status={c.status} /> : <span className="muted small">—</span>}
            <Link to={`/controls/${encodeURIComponent(id)}`} className="control-list-title">
              {c?.title ?? id}
            </Link>
            <span className="muted small nowrap">
              {custom.has(id) && <span className="tag">Mapped by you</span>}
              {c?.owner ? c.owner.displayName : <span className="text-warn">No owner</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
