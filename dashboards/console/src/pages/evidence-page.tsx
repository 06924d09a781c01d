import { useParams } from 'react-router';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { CodeBlock } from '../components/code-block';
import { ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { TimeAgo } from '../components/time-ago';
import { RoleNote } from '../members/role-note';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';

/** One evidence item exactly as stored: the canonical JSON whose sha256 is the hash in the URL. */
export function EvidencePage() {
  const { hash = '' } = useParams();
  const { workspace } = useWorkspace();
  const mayRead = useMay('evidence.read');
  const evidence = useResource(mayRead ? `evidence:${workspace.id}:${hash}` : null, (signal) => api.evidence(workspace.id, hash, signal));
  const e = evidence.data;

  return (
    <div className="page" data-testid="evidence-page">
      <PageHeader
        crumbs={[{ label: 'Checks', to: '/checks' }]}
        title="Evidence item"
        subtitle="Content-addressed: the hash is the sha256 of this canonical JSON, so an unchanged item is stored once and any change shows."
      />
      <RoleNote permission="evidence.read" action="open raw evidence" testId="evidence-forbidden" />
      {evidence.error && <ErrorState error={evidence.error} onRetry={evidence.reload} />}
      {mayRead && !e && !evidence.error && <LoadingState label="Loading evidence" />}
      {e && (
        <div className="stack">
          <section className="card">
            <dl className="facts facts-3">
              <div>
                <dt>Kind</dt>
                <dd className="mono">{e.kind}</dd>
              </div>
              <div>
                <dt>First observed</dt>
                <dd>
                  <TimeAgo iso={e.firstObservedAt} />
                </dd>
              </div>
              <div className="facts-wide">
                <dt>Resource</dt>
                <dd className="mono break">{e.resourceId}</dd>
              </div>
              <div className="facts-wide">
                <dt>sha256</dt>
                <dd className="mono break" data-testid="evidence-hash">
                  {e.hash}
                </dd>
              </div>
            </dl>
          </section>
          <CodeBlock title="Evidence JSON" language="json" code={JSON.stringify(e.data, null, 2)} testId="evidence-json" />
        </div>
      )}
    </div>
  );
}
