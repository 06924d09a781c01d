import type { ControlView } from '@astrolabe/api-contract';
import { ControlRow } from './control-row';

/** Controls in the server's order (by id), `total` being how many match in all pages. */
export function ControlTable({ controls, total, focusId }: { controls: ControlView[]; total: number; focusId: string | null }) {
  return (
    <div className="table-wrap">
      <table className="table table-fixed" data-testid="controls-table" data-count={controls.length} data-total={total}>
        <thead>
          <tr>
            <th style={{ width: 132 }}>Status</th>
            <th>Control</th>
            <th style={{ width: 150 }}>Category</th>
            <th style={{ width: 124 }}>Owner</th>
            <th style={{ width: 196 }}>Evidence due</th>
            <th style={{ width: 112 }}>Automation</th>
          </tr>
        </thead>
        <tbody>
          {controls.map((c) => (
            <ControlRow key={c.id} control={c} focused={c.id === focusId} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
