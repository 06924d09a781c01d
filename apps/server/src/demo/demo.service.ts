import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConnectionRepository } from '../connections/connection.repository';
import { ConnectionScheduleService } from '../connections/connection-schedule.service';
import { ConnectionSecrets } from '../connections/connection-secrets.service';
import { LOGGER } from '../logging/logger';
import { RunsService } from '../runs/runs.service';
import { ControlsService } from '../controls/controls.service';
import { ExceptionsService } from '../exceptions/exceptions.service';
import { ManualEvidenceService } from '../manual-evidence/manual-evidence.service';
import { MemberRepository, type MemberRow } from '../members/member.repository';
import type { RequestActor } from '../auth/principal';
import { UserRepository } from '../auth/user.repository';
import { Clock } from '../platform/clock.adapter';
import { TenantContext } from '../platform/tenant-context';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { DEMO_EVIDENCE, DEMO_MEMBERS, DEMO_OWNERSHIP, demoBackfill } from './demo-program';
import { RegistryRef } from '../platform/registry.provider';

export const DEMO_WORKSPACE = { slug: 'demo', name: 'Acme Cloud (demo)', demo: true } as const;
const DEMO_CONNECTION_NAME = 'Acme production AWS account';
const DEMO_GITHUB_CONNECTION_NAME = 'Acme GitHub organization';
const DEMO_GITHUB_ORG = 'acme-corp';
// A token the GitHub emulator's demo scenario accepts (an organization owner's); not a real token.
const DEMO_GITHUB_TOKEN = 'ghp_acmeOwnerAuditToken00000000000000000';
// The Azure emulator's demo tenant and the two app registrations it knows (not real credentials):
// the Entra ID collector (Graph directory, policies, reports) and the Azure RBAC reader (ARM + principal lookups).
const DEMO_AZURE_TENANT_ID = '4d1f2c6e-8b3a-4e5f-9c7d-2a6b8e0f1c34';
const DEMO_ENTRA_APP = { clientId: '3f1d6a2e-7c4b-4e8a-9b51-0d2c8e6f4a17', clientSecret: 'acme-demo-collector-secret-not-a-real-one' };
const DEMO_AZURE_RBAC_APP = { clientId: 'c7e2a9d4-3b1f-4a6e-8d25-9f0b7c1e4a38', clientSecret: 'acme-demo-azure-rbac-secret-not-a-real-one' };
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
    private readonly members: MemberRepository,
    private readonly users: UserRepository,
    private readonly controls: ControlsService,
    private readonly evidence: ManualEvidenceService,
    private readonly exceptions: ExceptionsService,
    private readonly clock: Clock,
    private readonly registryRef: RegistryRef,
    private readonly tenant: TenantContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const endpointUrl = this.config.demoIamEndpoint;
    if (!this.config.demo || !endpointUrl) return;
    const workspace = await this.workspaces.ensure(DEMO_WORKSPACE);
    const githubEndpoint = this.config.demoGithubEndpoint;
    const azure = this.config.demoAzure;
    // Start-up is no request: seeding works in the demo workspace's context, like its API calls would.
    await this.tenant.run(workspace.id, async () => {
      await this.seedProgram(workspace.id);
      await this.ensureAccounts(workspace.id);
      await this.ensureConnection(workspace.id, { connectorId: 'aws-iam', name: DEMO_CONNECTION_NAME, config: { region: 'us-east-1', endpointUrl }, secret: DEMO_SECRET });
      if (githubEndpoint) {
        await this.ensureConnection(workspace.id, {
          connectorId: 'github',
          name: DEMO_GITHUB_CONNECTION_NAME,
          config: { organization: DEMO_GITHUB_ORG, baseUrl: githubEndpoint },
          secret: { token: DEMO_GITHUB_TOKEN },
        });
      }
      if (azure) {
        // The emulator serves HTTPS with a CA made at its start: the connections trust exactly that CA.
        const caCertificates = readFileSync(azure.caFile, 'utf8');
        const endpoints = { tenantId: DEMO_AZURE_TENANT_ID, authorityHost: azure.endpoint, graphBaseUrl: azure.endpoint, caCertificates };
        await this.ensureConnection(workspace.id, { connectorId: 'entra-id', name: 'Acme Microsoft Entra ID', config: endpoints, secret: DEMO_ENTRA_APP });
        await this.ensureConnection(workspace.id, {
          connectorId: 'azure-rbac',
          name: 'Acme Azure subscriptions',
          config: { ...endpoints, armEndpoint: azure.endpoint },
          secret: DEMO_AZURE_RBAC_APP,
        });
      }
    });
    this.logger.info({ endpoint: endpointUrl, githubEndpoint, workspace: workspace.slug }, 'demo workspace ready');
  }

  /** Creates the demo connection once, or points it at this start's emulator (a new port each time), then runs it. */
  private async ensureConnection(workspaceId: string, c: { connectorId: string; name: string; config: Record<string, unknown>; secret: Record<string, string> }): Promise<void> {
    const existing = (await this.connections.list(workspaceId)).find((x) => x.connectorId === c.connectorId && x.name === c.name);
    const connection = existing
      ? await this.connections.update(workspaceId, existing.id, { config: c.config, schedule: this.config.demoSchedule })
      : await this.connections.create({
          workspaceId,
          connectorId: c.connectorId,
          name: c.name,
          config: c.config,
          secretSealed: this.secrets.seal(c.secret),
          schedule: this.config.demoSchedule,
          enabled: true,
        });
    if (!connection) throw new Error(`demo connection ${c.name} could not be stored`);
    this.schedules.sync(connection);
    await this.runs.request(workspaceId, connection.id, 'startup');
  }

  /** Demo data made before sign-in existed gets its personas' accounts. */
  private async ensureAccounts(workspaceId: string): Promise<void> {
    for (const m of DEMO_MEMBERS) {
      const member = await this.members.getByEmail(workspaceId, m.email);
      if (!member || member.userId) continue;
      const user = await this.users.ensure({ email: m.email, displayName: m.displayName });
      await this.members.linkUser(workspaceId, member.id, user.id);
    }
  }

  /**
   * A lived-in program for the demo, once: members, owners, manual evidence at different ages
   * (current, due soon, overdue) and a pending exception. Goes through the same services as the
   * API, so the demo shows exactly what a real workspace would.
   */
  private async seedProgram(workspaceId: string): Promise<void> {
    if ((await this.members.count(workspaceId)) > 0) return;
    const rows = new Map<string, MemberRow>();
    for (const m of DEMO_MEMBERS) {
      // Each persona has an account without a password: the demo signs in as them (POST /auth/demo).
      const user = await this.users.ensure({ email: m.email, displayName: m.displayName });
      rows.set(m.key, await this.members.create(workspaceId, { ...m, userId: user.id }));
    }
    const actor = (key: string): RequestActor => {
      const member = rows.get(key);
      if (!member) throw new Error(`unknown demo member ${key}`);
      return { principal: { kind: 'system', reason: 'demo seed' }, workspaceId, member, role: member.role };
    };
    for (const [ownerKey, controlIds] of Object.entries(DEMO_OWNERSHIP)) {
      for (const controlId of controlIds) await this.controls.update(workspaceId, actor('lead'), controlId, { ownerId: actor(ownerKey).member.id });
    }
    const now = this.clock.now().getTime();
    for (const e of DEMO_EVIDENCE) {
      const effectiveOn = new Date(now - e.daysAgo * 86_400_000).toISOString().slice(0, 10);
      const fields = { requirementId: e.requirementId, effectiveOn, reviewerId: actor('lead').member.id, note: e.note, url: e.url };
      const file = e.fileName ? { originalname: e.fileName, mimetype: 'text/plain', buffer: Buffer.from(e.content ?? e.note, 'utf8') } : undefined;
      await this.evidence.add(workspaceId, actor(e.by), e.controlId, fields, file);
    }
    const backfill = demoBackfill(this.registryRef.registry.catalog.controls, new Set(DEMO_EVIDENCE.map((e) => e.controlId)));
    for (const e of backfill) {
      const effectiveOn = new Date(now - e.daysAgo * 86_400_000).toISOString().slice(0, 10);
      await this.evidence.add(workspaceId, actor('lead'), e.controlId, { requirementId: e.requirementId, effectiveOn, reviewerId: actor('owner').member.id, note: e.note, url: e.url }, undefined);
    }
    await this.exceptions.request(workspaceId, actor('engineer'), {
      scope: 'control',
      controlId: 'ctl-iam-support-role',
      reason: 'Incidents go through our AWS account team under the Business support plan; a dedicated IAM support role is scheduled for next quarter.',
      expiresAt: new Date(now + 90 * 86_400_000).toISOString(),
    });
  }
}
