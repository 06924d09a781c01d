import type { ControlDetail } from '@astrolabe/api-contract';
import { useRef, useState } from 'react';
import { api } from '../api/client';
import { useResource } from '../api/use-resource';
import { LoadingState, ProblemAlert } from '../components/page-state';
import { RoleNote } from '../members/role-note';
import { useMay } from '../members/permissions';
import { useWorkspace } from '../workspace/workspace-context';
import { EvidenceHistory } from './evidence-history';
import { EvidenceRequirements } from './evidence-requirements';
import { mostUrgentEvidence } from './evidence-summary';
import { EvidenceUploadForm } from './evidence-upload-form';

/** The manual side of a control: what it needs, the upload form, and every upload so far. */
export function ControlEvidence({ control, onChanged }: { control: ControlDetail; onChanged: () => void }) {
  const { workspace } = useWorkspace();
  const history = useResource(`control-evidence:${workspace.id}:${control.id}`, (signal) => api.controlEvidence(workspace.id, control.id, signal));
  const [requirementId, setRequirementId] = useState(() => mostUrgentEvidence(control)?.id ?? '');
  const formRef = useRef<HTMLDivElement>(null);
  const mayUpload = useMay('evidence.upload');

  return (
    <section className="section" data-testid="control-evidence">
      <h2 className="section-title">Manual evidence</h2>
      <div className="grid grid-evidence">
        <div className="card">
          <h3 className="card-title-small">Requirements</h3>
          <EvidenceRequirements
            control={control}
            onUpload={
              mayUpload
                ? (id) => {
                    setRequirementId(id);
                    formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                  }
                : undefined
            }
          />
        </div>
        <div className="card" ref={formRef}>
          <h3 className="card-title-small">Add evidence</h3>
          <RoleNote permission="evidence.upload" action="upload evidence" testId="evidence-upload-forbidden" />
          {mayUpload && (
            <EvidenceUploadForm
              control={control}
              requirementId={requirementId}
              onRequirementChange={setRequirementId}
              onUploaded={() => {
                history.reload();
                onChanged();
              }}
            />
          )}
        </div>
      </div>
      <h3 className="card-title-small spaced">History</h3>
      {history.error && <ProblemAlert error={history.error} onRetry={history.reload} />}
      {!history.data && !history.error && <LoadingState label="Loading evidence" />}
      {history.data && <EvidenceHistory control={control} items={history.data.items} />}
    </section>
  );
}
