import type { RequestActor } from '../auth/principal';
import type { ManualEvidenceFields, ManualEvidenceView } from '@astrolabe/api-contract';
import { sha256HexOfBytes } from '@astrolabe/evidence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ControlsService } from '../controls/controls.service';
import { badRequest, notFound } from '../http/problem';
import { ActorService } from '../members/actor.service';
import { MemberRepository } from '../members/member.repository';
import { Clock } from '../platform/clock.adapter';
import { ScoringService } from '../scoring/scoring.service';
import { ManualEvidenceRepository, type ManualEvidenceRow } from './manual-evidence.repository';

/** The parts of an uploaded file this service needs (what multer hands over). */
export interface UploadedFileLike {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

export const MAX_EVIDENCE_FILE_BYTES = 25 * 1024 * 1024;

export const toManualEvidenceView = (r: ManualEvidenceRow): ManualEvidenceView => ({
  id: r.id,
  controlId: r.controlId,
  requirementId: r.requirementId,
  kind: r.kind,
  fileName: r.fileName,
  mediaType: r.mediaType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  url: r.url,
  effectiveOn: r.effectiveOn,
  note: r.note,
  uploadedBy: r.uploadedBy,
  reviewer: r.reviewer,
  uploadedAt: r.uploadedAt.toISOString(),
});

/** Keeps a file name printable and path-free: it ends up in a Content-Disposition header. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'evidence';
  const cleaned = base.replace(/[^\w.\- ()]+/g, '_').slice(0, 200).trim();
  return cleaned === '' ? 'evidence' : cleaned;
}

@Injectable()
export class ManualEvidenceService {
  constructor(
    private readonly ds: DataSource,
    private readonly evidence: ManualEvidenceRepository,
    private readonly controls: ControlsService,
    private readonly members: MemberRepository,
    private readonly actors: ActorService,
    private readonly scoring: ScoringService,
    private readonly clock: Clock,
  ) {}

  async list(workspaceId: string, controlId: string): Promise<ManualEvidenceView[]> {
    await this.controls.require(workspaceId, controlId);
    return (await this.evidence.listForControl(workspaceId, controlId)).map(toManualEvidenceView);
  }

  /**
   * Records one piece of manual evidence (a file or a link) for a control's evidence requirement
   * and re-scores in the same transaction, so the control's status moves with the upload.
   */
  async add(workspaceId: string, by: RequestActor, controlId: string, fields: ManualEvidenceFields & { note: string }, file: UploadedFileLike | undefined): Promise<ManualEvidenceView> {
    const actor = this.actors.require(workspaceId, by, 'evidence.upload');
    const control = await this.controls.require(workspaceId, controlId);
    const requirement = control.manualEvidence.find((r) => r.id === fields.requirementId);
    if (!requirement) {
      const valid = control.manualEvidence.map((r) => r.id);
      throw badRequest([
        { field: 'requirementId', message: valid.length === 0 ? 'this control takes no manual evidence (it is fully automated)' : `not an evidence requirement of ${controlId}; one of: ${valid.join(', ')}` },
      ]);
    }
    if (file && fields.url) throw badRequest([{ field: 'url', message: 'send either a file or a url, not both' }]);
    if (!file && !fields.url) throw badRequest([{ field: 'file', message: 'attach a file (multipart field "file") or give a url' }]);
    if (file && file.buffer.length === 0) throw badRequest([{ field: 'file', message: 'the file is empty' }]);
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    if (fields.effectiveOn > today) throw badRequest([{ field: 'effectiveOn', message: `cannot be in the future (today is ${today}); use the date the test was done or the document approved` }]);
    const reviewer = await this.members.get(workspaceId, fields.reviewerId);
    if (!reviewer) throw badRequest([{ field: 'reviewerId', message: 'not a member of this workspace' }]);
    if (reviewer.role === 'viewer') throw badRequest([{ field: 'reviewerId', message: 'a viewer cannot review evidence' }]);

    const id = await this.ds.transaction(async (manager) => {
      const inserted = await this.evidence.insert(manager, workspaceId, {
        controlId,
        requirementId: requirement.id,
        kind: file ? 'file' : 'link',
        file: file ? { name: safeFileName(file.originalname), mediaType: file.mimetype || 'application/octet-stream', content: file.buffer, sha256: sha256HexOfBytes(file.buffer) } : undefined,
        url: fields.url,
        effectiveOn: fields.effectiveOn,
        note: fields.note,
        uploadedBy: actor.id,
        reviewerId: reviewer.id,
        uploadedAt: now,
      });
      await this.scoring.recompute(manager, workspaceId, now);
      return inserted;
    });
    const row = await this.evidence.get(workspaceId, id);
    if (!row) throw notFound('evidence', id);
    return toManualEvidenceView(row);
  }

  async file(workspaceId: string, controlId: string, evidenceId: string): Promise<{ name: string; content: Buffer }> {
    const row = await this.evidence.get(workspaceId, evidenceId);
    if (!row || row.controlId !== controlId || row.kind !== 'file') throw notFound('evidence file', evidenceId);
    const content = await this.evidence.content(workspaceId, evidenceId);
    if (!content) throw notFound('evidence file', evidenceId);
    return { name: row.fileName ?? 'evidence', content };
  }
}
