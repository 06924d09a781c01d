import { randomUUID } from 'node:crypto';
import type { Workspace } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemberRepository } from '../members/member.repository';
import { Clock } from '../platform/clock.adapter';
import { FrameworkProgramRepository } from '../program/framework-program.repository';
import type { WorkspaceEntity } from '../database/entities';
import { SystemDb } from '../database/system-db';
import { conflict, notFound } from '../http/problem';
import { RegistryRef } from '../platform/registry.provider';
import { TenantContext } from '../platform/tenant-context';
import { ControlRepository } from '../scoring/control.repository';
import { SlugTakenError, WorkspaceRepository } from './workspace.repository';

export function toWorkspaceView(w: WorkspaceEntity): Workspace {
  return { id: w.id, slug: w.slug, name: w.name, demo: w.demo, createdAt: w.createdAt.toISOString() };
}

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly workspaces: WorkspaceRepository,
    private readonly controls: ControlRepository,
    private readonly registryRef: RegistryRef,
    private readonly program: FrameworkProgramRepository,
    private readonly members: MemberRepository,
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly system: SystemDb,
    private readonly tenant: TenantContext,
  ) {}

  /** The workspace, if the current tenant context may see it (WorkspaceScope.resolve entered it). */

  async require(id: string): Promise<WorkspaceEntity> {
    const w = await this.workspaces.get(id);
    if (!w) throw notFound('workspace', id);
    return w;
  }

  /**
   * Creates a workspace with the control catalog, every built-in framework enabled (a lead
   * disables what customers do not ask for) and, when given, its first owner. The id is chosen
   * here so that everything, the workspace row first, is written inside its own tenant context
   * (row-level security checks each row against it), whatever context the caller is in.
   */
  async create(input: { slug: string; name: string; demo?: boolean; owner?: { displayName: string; email: string; userId?: string } }): Promise<WorkspaceEntity> {
    const id = randomUUID();
    try {
      return await this.tenant.run(id, async () => {
        const w = await this.workspaces.create({ id, slug: input.slug, name: input.name, demo: input.demo ?? false });
        await this.syncCatalog(w.id);
        const frameworkIds = this.registryRef.registry.catalog.frameworks.map((f) => f.id);
        await this.program.setEnabled(this.ds, w.id, frameworkIds, true, this.clock.now());
        if (input.owner) await this.members.create(w.id, { ...input.owner, role: 'owner' });
        return w;
      });
    } catch (err) {
      if (err instanceof SlugTakenError) throw conflict(err.message);
      throw err;
    }
  }

  /** The workspace with this slug, created if missing (the demo at start-up: no context yet, so SystemDb finds it). */
  async ensure(input: { slug: string; name: string; demo: boolean }): Promise<WorkspaceEntity> {
    const id = await this.system.workspaceIdBySlug(input.slug);
    const existing = id === null ? null : await this.tenant.run(id, () => this.workspaces.get(id));
    return existing ?? this.create(input);
  }

  /** New catalog controls reach existing workspaces at start-up, one workspace context at a time. */
  async syncCatalogEverywhere(): Promise<void> {
    for (const id of await this.system.workspaceIds()) await this.tenant.run(id, () => this.syncCatalog(id));
  }

  private syncCatalog(workspaceId: string): Promise<void> {
    return this.controls.syncCatalog(workspaceId, this.registryRef.registry.catalog.controls);
  }
}
