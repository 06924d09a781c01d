import type { ControlView } from '@astrolabe/api-contract';
import { Link, useNavigate } from 'react-router';
import { ControlStatusPill } from '../components/status-pill';
import { categoryLabel } from './control-categories';
import { EvidenceDueCell } from './evidence-due-cell';

const AUTOMATION: Record<ControlView['automation'], string> = { automated: 'Automated', manual: 'Manual', hybrid: 'Hybrid' };

export function ControlRow({ control, focused }: { control: ControlView; focused: boolean }) {
  const navigate = useNavigate();
  const href = `/controls/${encodeURIComponent(control.id)}`;
  return (
    <tr id={`control-${control.id}`} className={`row-link ${focused ? 'row-focus' : ''}`} data-testid={`control-row-${control.id}`} data-status={control.status} onClick={() => navigate(href)}>
      <td>
        <ControlStatusPill status={control.status} />
      </td>
      <td>
        <Link to={href} className="cell-title" title={control.description} data-testid={`control-link-${control.id}`} onClick={(e) => e.stopPropagation()}>
          {control.title}
        </Link>
        <div className="cell-sub clamp-2" title={control.reason}>
          {control.reason}
        </div>
        <div className="cell-sub mono">{control.id}</div>
      </td>
      <td className="small">{categoryLabel(control.category)}</td>
      <td className="small">{control.owner ? control.owner.displayName : <span className="text-warn">Unowned</span>}</td>
      <td>
        <EvidenceDueCell control={control} />
      </td>
      <td>
        <span className={`automation automation-${control.automation}`}>{AUTOMATION[control.automation]}</span>
        {control.checkIds.length > 0 && <div className="cell-sub">{control.checkIds.length === 1 ? '1 check' : `${control.checkIds.length} checks`}</div>}
      </td>
    </tr>
  );
}
