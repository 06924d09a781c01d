import type { ExceptionView } from '@astrolabe/api-contract';
import { ExceptionRow } from './exception-row';

interface Props {
  exceptions: ExceptionView[];
  showTarget?: boolean;
  focusId?: string | null;
  onChanged: (x: ExceptionView) => void;
}

export function ExceptionTable({ exceptions, showTarget = true, focusId, onChanged }: Props) {
  return (
    <div className="table-wrap">
      <table className="table table-fixed" data-testid="exceptions-table">
        <thead>
          <tr>
            <th style={{ width: 36 }} aria-label="Open" />
            {showTarget && <th style={{ width: '24%' }}>Target</th>}
            <th>Reason</th>
            <th style={{ width: 130 }}>Requested by</th>
            <th style={{ width: 122 }}>Expires</th>
            <th style={{ width: 130 }}>State</th>
            <th style={{ width: 236 }} aria-label="Decisions" />
          </tr>
        </thead>
        <tbody>
          {exceptions.map((x) => (
            <ExceptionRow key={x.id} exception={x} showTarget={showTarget} initiallyOpen={x.id === focusId} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
