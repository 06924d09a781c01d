import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EvidenceBlobEntity } from '../database/entities';

export interface SnapshotItem {
  kind: string;
  resourceId: string;
  hash: string;
  canonical: string;
}

const CHUNK = 5000;

@Injectable()
export class EvidenceRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Stores a run's full snapshot: blobs by content hash (an unchanged item costs one index
   * probe, not a second copy) and one observation row per (kind, resource).
   */
  async saveSnapshot(manager: EntityManager, workspaceId: string, runId: string, items: readonly SnapshotItem[], now: Date): Promise<{ newBlobs: number }> {
    let newBlobs = 0;
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      const known: { hash: string }[] = await manager.query(
        'SELECT hash FROM evidence_blob WHERE workspace_id = $1 AND hash = ANY($2::text[])',
        [workspaceId, chunk.map((c) => c.hash)],
      );
      const knownSet = new Set(known.map((k) => k.hash));
      const fresh = new Map(chunk.filter((c) => !knownSet.has(c.hash)).map((c) => [c.hash, c]));
      if (fresh.size > 0) {
        const rows = [...fresh.values()];
        await manager.query(
          `INSERT INTO evidence_blob (workspace_id, hash, kind, canonical, first_observed_at)
           SELECT $1, t.hash, t.kind, t.canonical::jsonb, $2
           FROM unnest($3::text[], $4::text[], $5::text[]) AS t(hash, kind, canonical)
           ON CONFLICT DO NOTHING`,
          [workspaceId, now, rows.map((r) => r.hash), rows.map((r) => r.kind), rows.map((r) => r.canonical)],
        );
        newBlobs += rows.length;
      }
      await manager.query(
        `INSERT INTO evidence_observation (workspace_id, run_id, kind, resource_id, hash)
         SELECT $1, $2, t.kind, t.resource_id, t.hash FROM unnest($3::text[], $4::text[], $5::text[]) AS t(kind, resource_id, hash)`,
        [workspaceId, runId, chunk.map((c) => c.kind), chunk.map((c) => c.resourceId), chunk.map((c) => c.hash)],
      );
    }
    return { newBlobs };
  }

  async get(workspaceId: string, hash: string): Promise<{ blob: EvidenceBlobEntity; resourceId: string | null } | null> {
    const blob = await this.ds.getRepository(EvidenceBlobEntity).findOneBy({ workspaceId, hash });
    if (!blob) return null;
    const obs: { resource_id: string }[] = await this.ds.query(
      'SELECT resource_id FROM evidence_observation WHERE workspace_id = $1 AND hash = $2 ORDER BY id DESC LIMIT 1',
      [workspaceId, hash],
    );
    return { blob, resourceId: obs[0]?.resource_id ?? null };
  }
}
