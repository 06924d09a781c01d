import type { CheckView } from '@astrolabe/api-contract';
import { Link } from 'react-router';

/** What the check reads, where it comes from, and which controls it backs — one compact card. */
export function CheckFacts({ check }: { check: CheckView }) {
  const { cis, soc2, iso27001 } = check.references;
  return (
    <aside className="card card-compact" data-testid="check-references">
      <h2 className="card-title-small">About this check</h2>
      <dl className="kv">
        <dt>Resource type</dt>
        <dd className="mono small">{check.resourceType}</dd>
        <dt>Reads</dt>
        <dd>
          {check.reads.map((k) => (
            <div key={k} className="mono small">
              {k}
            </div>
          ))}
        </dd>
        {cis.length > 0 && (
          <>
            <dt>CIS</dt>
            <dd>
              {cis.map((r) => (
                <span key={`${r.benchmark}${r.id}`} className="ref" title={r.benchmark}>
                  {r.id} · v{r.version}
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>SOC 2</dt>
        <dd>
          {soc2.map((r) => (
            <span key={r} className="ref">
              {r}
            </span>
          ))}
        </dd>
        <dt>ISO 27001</dt>
        <dd>
          {iso27001.map((r) => (
            <span key={r} className="ref">
              {r}
            </span>
          ))}
        </dd>
        {check.controlIds.length > 0 && (
          <>
            <dt>Controls</dt>
            <dd>
              {check.controlIds.map((id) => (
                <div key={id}>
                  <Link to={`/controls/${encodeURIComponent(id)}`} className="mono small">
                    {id}
                  </Link>
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
    </aside>
  );
}
