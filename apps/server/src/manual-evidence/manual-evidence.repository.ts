import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

type Db = EntityManager | DataSource;

export interface ManualEvidenceRow {
  id: string;
  controlId: string;
  requirementId: string;
  kind: 'file' | 'link';
  fileName: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  url: string | null;
  effectiveOn: string;
  note: string;
  uploadedBy: { id: string; displayName: string };
  reviewer: { id: string; displayName: string };
  uploadedAt: Date;
}

export interface NewManualEvidence {
  controlId: string;
  requirementId: string;
  kind: 'file' | 'link';
  file?: { name: string; mediaType: string; content: Buffer; sha256: string };
  url?: string;
  effectiveOn: string;
  note: string;
  uploadedBy: string;
  reviewerId: string;
  uploadedAt: Date;
}

export interface LatestEvidence {
  controlId: string;
  requirementId: string;
  id: string;
  effectiveOn: string;
  uploadedAt: Date;
}

const SELECT = `SELECT e.id, e.control_id, e.requirement_id, e.kind, e.file_name, e.media_type, e.size_bytes, e.sha256, e.url,
  to_char(e.effective_on, 'YYYY-MM-DD') AS effective_on, e.note, e.uploaded_by, u.display_name AS uploaded_by_name,
  e.reviewer_id, r.display_name AS reviewer_name, e.uploaded_at
  FROM manual_evidence e JOIN member u ON u.id = e.uploaded_by JOIN member r ON r.id = e.reviewer_id`;

interface Raw {
  id: string;
  control_id: string;
  requirement_id: string;
  kind: 'file' | 'link';
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  url: string | null;
  effective_on: string;
  note: string;
  uploaded_by: string;
  uploaded_by_name: string;
  reviewer_id: string;
  reviewer_name: string;
  uploaded_at: Date;
}

const toRow = (r: Raw): ManualEvidenceRow => ({
  id: r.id,
  controlId: r.control_id,
  requirementId: r.requirement_id,
  kind: r.kind,
  fileName: r.file_name,
  mediaType: r.media_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  url: r.url,
  effectiveOn: r.effective_on,
  note: r.note,
  uploadedBy: { id: r.uploaded_by, displayName: r.uploaded_by_name },
  reviewer: { id: r.reviewer_id, displayName: r.reviewer_name },
  uploadedAt: r.uploaded_at,
});

/** Manual evidence: append-only history per control and evidence requirement. */
@Injectable()
export class ManualEvidenceRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(manager: Db, workspaceId: string, e: NewManualEvidence): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO manual_evidence (workspace_id, control_id, requirement_id, kind, file_name, media_type, size_bytes, sha256, content, url,
                                    effective_on, note, uploaded_by, reviewer_id, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12, $13, $14, $15) RETURNING id`,
      [
        workspaceId,
        e.controlId,
        e.requirementId,
        e.kind,
        e.file?.name ?? null,
        e.file?.mediaType ?? null,
        e.file ? e.file.content.length : null,
        e.file?.sha256 ?? null,
        e.file?.content ?? null,
        e.url ?? null,
        e.effectiveOn,
        e.note,
        e.uploadedBy,
        e.reviewerId,
        e.uploadedAt,
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('manual evidence insert returned no id');
    return id;
  }

  async listForControl(workspaceId: string, controlId: string): Promise<ManualEvidenceRow[]> {
    const rows: Raw[] = await this.ds.query(`${SELECT} WHERE e.workspace_id = $1 AND e.control_id = $2 ORDER BY e.effective_on DESC, e.uploaded_at DESC`, [workspaceId, controlId]);
    return rows.map(toRow);
  }

  async get(workspaceId: string, id: string): Promise<ManualEvidenceRow | null> {
    const rows: Raw[] = await this.ds.query(`${SELECT} WHERE e.workspace_id = $1 AND e.id = $2`, [workspaceId, id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async content(workspaceId: string, id: string): Promise<Buffer | null> {
    const rows: { content: Buffer | null }[] = await this.ds.query('SELECT content FROM manual_evidence WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
    return rows[0]?.content ?? null;
  }

  /** The newest item (by effective date, then upload time) per control and evidence requirement. */
  async latest(manager: Db, workspaceId: string): Promise<LatestEvidence[]> {
    const rows: { control_id: string; requirement_id: string; id: string; effective_on: string; uploaded_at: Date }[] = await manager.query(
      `SELECT DISTINCT ON (control_id, requirement_id) control_id, requirement_id, id, to_char(effective_on, 'YYYY-MM-DD') AS effective_on, uploaded_at
       FROM manual_evidence WHERE workspace_id = $1
       ORDER BY control_id, requirement_id, effective_on DESC, uploaded_at DESC`,
      [workspaceId],
    );
    return rows.map((r) => ({ controlId: r.control_id, requirementId: r.requirement_id, id: r.id, effectiveOn: r.effective_on, uploadedAt: r.uploaded_at }));
  }
}
