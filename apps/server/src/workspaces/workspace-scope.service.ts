import { idParam } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { TenantContext } from '../platform/tenant-context';
import { WorkspacesService } from './workspaces.service';

/** Turns a `:ws` path parameter into the id of an existing workspace (400 if malformed, 404 if unknown). */
@Injectable()
export class WorkspaceScope {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly tenant: TenantContext,
  ) {}

  /**
   * Enters the workspace for the rest of the request first: the workspace row itself is under
   * row-level security, so it is only visible from inside. Not visible → 404, as if unknown.
   */
  async resolve(raw: string): Promise<string> {
    const id = this.enter(raw);
    // The auth guard resolved it already for nearly every request: the handler's call is free.
    if (this.tenant.isVerified(id)) return id;
    await this.workspaces.require(id);
    this.tenant.markVerified();
    return id;
  }

  /**
   * Enters the workspace without reading it, for a caller that proves it exists another way (the
   * auth guard finds the caller's member row in it, which a foreign key ties to the workspace) and
   * then calls `proven()`.
   */
  enter(raw: string): string {
    const id = parseInput(idParam, raw, 'workspaceId').toLowerCase();
    this.tenant.enter(id);
    return id;
  }

  proven(): void {
    this.tenant.markVerified();
  }
}
