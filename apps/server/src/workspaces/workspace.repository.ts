import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkspaceEntity } from '../database/entities';

@Injectable()
export class WorkspaceRepository {
  constructor(private readonly ds: DataSource) {}

  list(): Promise<WorkspaceEntity[]> {
    return this.ds.getRepository(WorkspaceEntity).find({ order: { createdAt: 'ASC' } });
  }

  get(id: string): Promise<WorkspaceEntity | null> {
    return this.ds.getRepository(WorkspaceEntity).findOneBy({ id });
  }

  findBySlug(slug: string): Promise<WorkspaceEntity | null> {
    return this.ds.getRepository(WorkspaceEntity).findOneBy({ slug });
  }

  async setSla(id: string, sla: Record<string, number>): Promise<void> {
    await this.ds.query('UPDATE workspace SET sla_days = $2::jsonb WHERE id = $1', [id, JSON.stringify(sla)]);
  }

  async create(input: { slug: string; name: string; demo: boolean }): Promise<WorkspaceEntity> {
    const rows: { id: string }[] = await this.ds.query(
      'INSERT INTO workspace (slug, name, demo) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING id',
      [input.slug, input.name, input.demo],
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
