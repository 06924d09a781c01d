import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConnectionEntity } from '../database/entities';

export type NewConnection = Pick<ConnectionEntity, 'workspaceId' | 'connectorId' | 'name' | 'config' | 'secretSealed' | 'schedule' | 'enabled'>;

/** Connections, always scoped by workspace (the scheduler's sweep over all of them is SystemDb.enabledConnections). */
@Injectable()
export class ConnectionRepository {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(ConnectionEntity);
  }

  list(workspaceId: string): Promise<ConnectionEntity[]> {
    return this.repo.find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  get(workspaceId: string, id: string): Promise<ConnectionEntity | null> {
    return this.repo.findOneBy({ workspaceId, id });
  }

  async create(input: NewConnection): Promise<ConnectionEntity> {
    const saved = await this.repo.save(this.repo.create({ ...input, scope: null }));
    return (await this.get(saved.workspaceId, saved.id)) ?? saved;
  }

  async update(workspaceId: string, id: string, patch: Partial<NewConnection>): Promise<ConnectionEntity | null> {
    const current = await this.get(workspaceId, id);
    if (!current) return null;
    return this.repo.save(this.repo.merge(current, { ...patch, updatedAt: new Date() }));
  }

  async setScope(workspaceId: string, id: string, scope: ConnectionEntity['scope'], manager: EntityManager | DataSource = this.ds): Promise<void> {
    await manager.getRepository(ConnectionEntity).update({ workspaceId, id }, { scope });
  }
}
