import type { ExceptionView } from '@astrolabe/api-contract';
import { ExceptionRow } from './exception-row';

interface Props {
  exceptions: ExceptionView[];
  /** Control titles by id, to name control targets. */
  controlTitles?: ReadonlyMap<string, string>;
  showTarget?: boolean;
  focusId?: string | null;
  onChanged: (x: ExceptionView) => void;
}

export function ExceptionTable({ exceptions, controlTitles, showTarget = true, focusId, onChanged }: Props) {
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
            <ExceptionRow
              key={x.id}
              exception={x}
              controlTitle={x.controlId ? controlTitles?.get(x.controlId) : undefined}
              showTarget={showTarget}
              initiallyOpen={x.id === focusId}
              onChanged={onChanged}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
