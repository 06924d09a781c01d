import type { ControlDetail, ManualEvidenceView } from '@astrolabe/api-contract';
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useAction } from '../api/use-action';
import { FieldError } from '../components/field-error';
import { ProblemAlert } from '../components/page-state';
import { utcDay } from '../lib/days';
import { useMembers } from '../members/members-context';
import { ROLE_LABEL } from '../members/member-roles';
import { useWorkspace } from '../workspace/workspace-context';

type Kind = 'file' | 'link';
const FIELDS = ['requirementId', 'effectiveOn', 'reviewerId', 'note', 'url', 'file'];

interface Props {
  control: ControlDetail;
  requirementId: string;
  onRequirementChange: (id: string) => void;
  onUploaded: (item: ManualEvidenceView) => void;
}

/** Upload a file or record a link for one evidence requirement, with the date it took effect and who reviewed it. */
export function EvidenceUploadForm({ control, requirementId, onRequirementChange, onUploaded }: Props) {
  const { workspace } = useWorkspace();
  const { me: member, members } = useMembers();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>('file');
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  // The server counts days in UTC and refuses a future date, so "today" is today in UTC.
  const today = utcDay();
  const [effectiveOn, setEffectiveOn] = useState(today);
  const [reviewerId, setReviewerId] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<ManualEvidenceView | null>(null);
  const reviewer = reviewerId || member?.id || '';

  const upload = useAction(() => {
    const form = new FormData();
    form.set('requirementId', requirementId);
    form.set('effectiveOn', effectiveOn);
    form.set('reviewerId', reviewer);
    form.set('note', note);
    if (kind === 'link') form.set('url', url.trim());
    else if (file) form.set('file', file, file.name);
    return api.addControlEvidence(workspace.id, control.id, form);
  });
  const errors = upload.error?.fieldErrors() ?? {};
  // Problems the form has no field for (a 403, say) stay next to the button.
  const unplaced = upload.error && (!upload.error.problem.errors?.length || upload.error.problem.errors.some((e) => !FIELDS.includes(e.field)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const saved = await upload.run();
    if (!saved) return;
    setDone(saved);
    setFile(null);
    setUrl('');
    setNote('');
    if (fileInput.current) fileInput.current.value = '';
    onUploaded(saved);
  }

  return (
    <form className="form evidence-form" onSubmit={submit} noValidate data-testid="evidence-upload-form">
      <div className="form-grid">
        <div className={`field ${errors['requirementId'] ? 'field-invalid' : ''}`}>
          <label htmlFor="evidence-requirement">Requirement</label>
          <select id="evidence-requirement" className="input" value={requirementId} onChange={(e) => onRequirementChange(e.target.value)} data-testid="evidence-requirement-select">
            {control.evidence.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
          <FieldError message={errors['requirementId']} testId="evidence-requirement-error" />
        </div>
        <div className={`field ${errors['effectiveOn'] ? 'field-invalid' : ''}`}>
          <label htmlFor="evidence-effective-on">
            Effective on<span className="required"> *</span>
          </label>
          <input id="evidence-effective-on" type="date" className="input" value={effectiveOn} max={today} onChange={(e) => setEffectiveOn(e.target.value)} data-testid="evidence-effective-on" required />
          <p className="field-help">The day the document was approved or the test was done (UTC), not today's upload.</p>
          <FieldError message={errors['effectiveOn']} testId="evidence-effective-on-error" />
        </div>
      </div>

      <fieldset className="field segmented-field">
        <legend>Evidence</legend>
        <div className="segmented" role="radiogroup" aria-label="Evidence kind">
          {(['file', 'link'] as const).map((k) => (
            <label key={k} className={`segmented-option ${kind === k ? 'segmented-option-active' : ''}`}>
              <input type="radio" name="evidence-kind" value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`evidence-kind-${k}`} />
              {k === 'file' ? 'Upload a file' : 'Link to a document'}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'file' ? (
        <div className={`field field-wide ${errors['file'] ? 'field-invalid' : ''}`}>
          <label htmlFor="evidence-file">File</label>
          <input id="evidence-file" ref={fileInput} type="file" className="input input-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="evidence-file" />
          <p className="field-help">Stored with its SHA-256; downloads are always served as attachments.</p>
          <FieldError message={errors['file']} testId="evidence-file-error" />
        </div>
      ) : (
        <div className={`field field-wide ${errors['url'] ? 'field-invalid' : ''}`}>
          <label htmlFor="evidence-url">Link</label>
          <input id="evidence-url" type="url" className="input" placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="evidence-url" />
          <FieldError message={errors['url']} testId="evidence-url-error" />
        </div>
      )}

      <div className="form-grid">
        <div className={`field ${errors['reviewerId'] ? 'field-invalid' : ''}`}>
          <label htmlFor="evidence-reviewer">Reviewed by</label>
          <select id="evidence-reviewer" className="input" value={reviewer} onChange={(e) => setReviewerId(e.target.value)} data-testid="evidence-reviewer">
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName} ({ROLE_LABEL[m.role]})
              </option>
            ))}
          </select>
          <FieldError message={errors['reviewerId']} testId="evidence-reviewer-error" />
        </div>
        <div className={`field ${errors['note'] ? 'field-invalid' : ''}`}>
          <label htmlFor="evidence-note">
            Note <span className="optional">optional</span>
          </label>
          <input id="evidence-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Version, scope, who signed off…" data-testid="evidence-note" />
          <FieldError message={errors['note']} testId="evidence-note-error" />
        </div>
      </div>

      {unplaced && upload.error && <ProblemAlert error={upload.error} />}
      {done && (
        <div className="alert alert-success" role="status" data-testid="evidence-uploaded">
          <div>
            <strong>{done.kind === 'file' ? done.fileName : 'Link'} recorded</strong> — effective {done.effectiveOn}, reviewed by {done.reviewer.displayName}.
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={upload.pending} data-testid="evidence-submit">
          {upload.pending ? 'Uploading…' : kind === 'file' ? 'Upload evidence' : 'Record link'}
        </button>
      </div>
    </form>
  );
}
