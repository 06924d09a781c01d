import type { ControlView } from '@astrolabe/api-contract';
import { Link } from 'react-router';
import { ControlStatusPill } from '../components/status-pill';

export function MyWorkControls({ controls }: { controls: ControlView[] }) {
  if (controls.length === 0) return <p className="muted">None of your controls needs attention.</p>;
  return (
    <ul className="work-list work-list-2" data-testid="my-work-controls">
      {controls.map((c) => (
        <li key={c.id} data-testid={`my-work-control-${c.id}`} data-status={c.status}>
          <ControlStatusPill status={c.status} />
          <div className="min-w-0">
            <Link to={`/controls/${encodeURIComponent(c.id)}`} className="work-title">
              {c.title}
            </Link>
            <div className="cell-sub truncate" title={c.reason}>
              {c.reason}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
