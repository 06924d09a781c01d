import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConnectionRepository } from '../connections/connection.repository';
import { ConnectionScheduleService } from '../connections/connection-schedule.service';
import { ConnectionSecrets } from '../connections/connection-secrets.service';
import { LOGGER } from '../logging/logger';
import { RunsService } from '../runs/runs.service';
import { WorkspacesService } from '../workspaces/workspaces.service';

export const DEMO_WORKSPACE = { slug: 'demo', name: 'Acme Cloud (demo)', demo: true } as const;
const DEMO_CONNECTION_NAME = 'Acme production AWS account';
// The emulator does not verify signatures; these are placeholders in AWS's documented example format.
const DEMO_SECRET = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/**
 * Demo mode: a demo workspace with an aws-iam connection pointed at an IAM-compatible endpoint
 * (the emulator `npm start` runs beside the server; no cloud account), a first run at start-up
 * and a short schedule.
 */
@Injectable()
export class DemoService {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly connections: ConnectionRepository,
    private readonly schedules: ConnectionScheduleService,
    private readonly secrets: ConnectionSecrets,
    private readonly runs: RunsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const endpointUrl = this.config.demoIamEndpoint;
    if (!this.config.demo || !endpointUrl) return;
    const workspace = await this.workspaces.ensure(DEMO_WORKSPACE);
    const config = { region: 'us-east-1', endpointUrl };
    const existing = (await this.connections.list(workspace.id)).find((c) => c.connectorId === 'aws-iam' && c.name === DEMO_CONNECTION_NAME);
    // The emulator listens on a new port at every start: point the demo connection at it.
    const connection = existing
      ? await this.connections.update(workspace.id, existing.id, { config, schedule: this.config.demoSchedule })
      : await this.connections.create({
          workspaceId: workspace.id,
          connectorId: 'aws-iam',
          name: DEMO_CONNECTION_NAME,
          config,
          secretSealed: this.secrets.seal(DEMO_SECRET),
          schedule: this.config.demoSchedule,
          enabled: true,
        });
    if (!connection) throw new Error('demo connection could not be stored');
    this.schedules.sync(connection);
    await this.runs.request(workspace.id, connection.id, 'startup');
    this.logger.info({ endpoint: endpointUrl, workspace: workspace.slug }, 'demo workspace ready');
  }
}
