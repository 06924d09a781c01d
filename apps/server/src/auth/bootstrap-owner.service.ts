import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { PasswordHasher } from './password-hasher.adapter';
import { UserRepository } from './user.repository';

/** A slug from a workspace name: "Acme Corp" → "acme-corp". */
export function slugFor(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return slug.length >= 2 ? slug : 'workspace';
}

/**
 * The first owner of a fresh installation: someone has to be able to sign in before anyone can
 * be invited. Runs only while no account exists at all, so a restart with the variables still
 * set changes nothing (and never resets a password).
 */
@Injectable()
export class BootstrapOwnerService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly workspaces: WorkspacesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async fromEnvironment(): Promise<void> {
    const owner = this.config.bootstrapOwner;
    if (!owner) return;
    const created = await this.create(owner);
    if (created) this.logger.info({ event: 'owner_bootstrapped', userId: created.userId, workspaceId: created.workspaceId }, 'first owner created from ASTROLABE_BOOTSTRAP_OWNER_EMAIL');
  }

  /** Creates the owner account and their workspace, unless any account exists. */
  async create(input: { email: string; password: string; workspaceName: string; displayName?: string }): Promise<{ userId: string; workspaceId: string } | null> {
    if ((await this.users.count()) > 0) return null;
    const displayName = input.displayName ?? input.email.split('@')[0] ?? input.email;
    const user = await this.users.ensure({ email: input.email, displayName, passwordHash: await this.hasher.hash(input.password) });
    const workspace = await this.workspaces.create({ slug: slugFor(input.workspaceName), name: input.workspaceName, owner: { displayName, email: input.email, userId: user.id } });
    return { userId: user.id, workspaceId: workspace.id };
  }
}
