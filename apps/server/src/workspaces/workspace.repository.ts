import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceEntity } from '../database/entities';

/** Workspace rows, as the current tenant context sees them (its own workspace, or none). */
@Injectable()
export class WorkspaceRepository {
  constructor(private readonly ds: DataSource) {}

  get(id: string): Promise<WorkspaceEntity | null> {
    return this.ds.getRepository(WorkspaceEntity).findOneBy({ id });
  }

  async setSla(id: string, sla: Record<string, number>): Promise<void> {
    await this.ds.query('UPDATE workspace SET sla_days = $2::jsonb WHERE id = $1', [id, JSON.stringify(sla)]);
  }

  /** `id` is chosen by the caller, who runs this in that workspace's tenant context. */
  async create(input: { id: string; slug: string; name: string; demo: boolean }): Promise<WorkspaceEntity> {
    // The slug's unique index sees every workspace, row-level security or not: a taken slug conflicts.
    const rows: { id: string }[] = await this.ds.query(
      'INSERT INTO workspace (id, slug, name, demo) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING RETURNING id',
      [input.id, input.slug, input.name, input.demo],
    );
    const id = rows[0]?.id;
    if (!id) throw new SlugTakenError(input.slug);
    return (await this.get(id)) as WorkspaceEntity;
  }
}

export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`a workspace with slug "${slug}" already exists`);
  }
}
