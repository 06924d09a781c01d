import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { EmptyState, ErrorState, LoadingState } from '../components/page-state';
import { PageHeader } from '../components/page-header';
import { FrameworkCard } from '../frameworks/framework-card';
import { useWorkspace } from '../workspace/workspace-context';

export function FrameworksPage() {
  const { workspace } = useWorkspace();
  const frameworks = useResource(`frameworks:${workspace.id}`, (signal) => api.frameworks(workspace.id, signal));
  const items = frameworks.data?.items;
  return (
    <div className="page" data-testid="frameworks-page">
      <PageHeader
        title="Frameworks"
        subtitle="Readiness is the share of in-scope requirements whose controls all pass. At risk, excepted, unknown and not monitored are counted apart, never as passing."
      />
      {frameworks.error && <ErrorState error={frameworks.error} onRetry={frameworks.reload} />}
      {!items && !frameworks.error && <LoadingState label="Loading frameworks" />}
      {items && items.length === 0 && <EmptyState title="No framework installed" />}
      {items && items.length > 0 && (
        <div className="grid grid-2">
          {items.map((f) => (
            <FrameworkCard key={f.id} framework={f} onChanged={frameworks.reload} />
          ))}
        </div>
      )}
    </div>
  );
}
