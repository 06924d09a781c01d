import { idParam } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { parseInput } from '../http/problem';
import { WorkspacesService } from './workspaces.service';

/** Turns a `:ws` path parameter into the id of an existing workspace (400 if malformed, 404 if unknown). */
@Injectable()
export class WorkspaceScope {
  constructor(private readonly workspaces: WorkspacesService) {}

  async resolve(raw: string): Promise<string> {
    return (await this.workspaces.require(parseInput(idParam, raw, 'workspaceId'))).id;
  }
}
