import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ApiTokenRepository } from './auth/api-token.repository';
import { ApiTokensController } from './auth/api-tokens.controller';
import { ApiTokensService } from './auth/api-tokens.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthenticationService } from './auth/authentication.service';
import { BootstrapOwnerService } from './auth/bootstrap-owner.service';
import { InvitationRepository } from './auth/invitation.repository';
import { InvitationAcceptController, InvitationsController } from './auth/invitations.controller';
import { InvitationsService } from './auth/invitations.service';
import { MembershipRepository } from './auth/membership.repository';
import { PasswordHasher } from './auth/password-hasher.adapter';
import { SecretTokens } from './auth/secret-tokens.adapter';
import { SessionRepository } from './auth/session.repository';
import { SessionService } from './auth/session.service';
import { SignInService } from './auth/sign-in.service';
import { OidcClient } from './auth/sso/oidc-client.adapter';
import { OidcLoginStateRepository } from './auth/sso/oidc-login-state.repository';
import { SsoConfigRepository } from './auth/sso/sso-config.repository';
import { SsoLoginController } from './auth/sso/sso-login.controller';
import { SsoController } from './auth/sso/sso.controller';
import { SsoService } from './auth/sso/sso.service';
import { UserRepository } from './auth/user.repository';
import { ScheduleModule } from '@nestjs/schedule';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { SystemDb } from './database/system-db';
import { TenantContext } from './platform/tenant-context';
import { AuditLogController } from './audit/audit-log.controller';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuditLogService } from './audit/audit-log.service';
import { AuditTrailInterceptor } from './audit/audit-trail.interceptor';
import { AuditTrail } from './audit/audit-trail.service';
import { CatalogViewsController } from './catalog/catalog-views.controller';
import { CatalogViewsService } from './catalog/catalog-views.service';
import { CheckCatalogController } from './catalog/check-catalog.controller';
import { ConnectorsController } from './catalog/connectors.controller';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ConnectionRepository } from './connections/connection.repository';
import { ConnectionScheduleService } from './connections/connection-schedule.service';
import { ConnectionSecrets } from './connections/connection-secrets.service';
import { ConnectionsController } from './connections/connections.controller';
import { ConnectionsService } from './connections/connections.service';
import { DemoService } from './demo/demo.service';
import { ControlsController } from './controls/controls.controller';
import { ControlsService } from './controls/controls.service';
import { ExceptionRepository } from './exceptions/exception.repository';
import { ExceptionsController } from './exceptions/exceptions.controller';
import { ExceptionsService } from './exceptions/exceptions.service';
import { ManualEvidenceController } from './manual-evidence/manual-evidence.controller';
import { ManualEvidenceRepository } from './manual-evidence/manual-evidence.repository';
import { ManualEvidenceService } from './manual-evidence/manual-evidence.service';
import { ActorService } from './members/actor.service';
import { MemberRepository } from './members/member.repository';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { FrameworkProgramRepository } from './program/framework-program.repository';
import { FrameworksController } from './program/frameworks.controller';
import { FrameworksService } from './program/frameworks.service';
import { WorkController } from './work/work.controller';
import { WorkService } from './work/work.service';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceRepository } from './evidence/evidence.repository';
import { FindingRepository } from './findings/finding.repository';
import { FindingsController } from './findings/findings.controller';
import { FindingsService } from './findings/findings.service';
import { HealthController } from './health/health.controller';
import { OpenApiController } from './http/openapi.controller';
import { RateLimitModule } from './http/rate-limit';
import { LOGGER } from './logging/logger';
import { Clock, SessionClock } from './platform/clock.adapter';
import { RegistryRef } from './platform/registry.provider';
import { WriteRevision } from './platform/write-revision';
import { SecretBox } from './platform/secret-box.adapter';
import { JobQueue } from './queue/job-queue.adapter';
import { RunExecutor } from './runs/run-executor.service';
import { ResponseCacheRepository } from './runs/response-cache.repository';
import { RunRepository } from './runs/run.repository';
import { RunWorker } from './runs/run-worker.service';
import { RunsController } from './runs/runs.controller';
import { RunsService } from './runs/runs.service';
import { SchedulerAdapter } from './scheduler/scheduler.adapter';
import { ControlRepository } from './scoring/control.repository';
import { ScoringService } from './scoring/scoring.service';
import { WorkspaceRepository } from './workspaces/workspace.repository';
import { WorkspaceScope } from './workspaces/workspace-scope.service';
import { WorkspacesController } from './workspaces/workspaces.controller';
import { WorkspacesService } from './workspaces/workspaces.service';

/** Outside effects, created by the composition root (main or a test) and injected here. */
export interface AppAdapters {
  config: AppConfig;
  logger: Logger;
  dataSource: DataSource;
  /** The owner connection for the few cross-workspace lookups (see SystemDb). */
  systemDb: SystemDb;
  /** The workspace of the current request or job, which `dataSource` hands to row-level security. */
  tenant: TenantContext;
  queue: JobQueue;
  secretBox: SecretBox;
  clock: Clock;
  sessionClock: SessionClock;
  registry: RegistryRef;
  writes: WriteRevision;
}

@Module({})
export class AppModule {
  static register(adapters: AppAdapters): DynamicModule {
    return {
      module: AppModule,
      imports: [ScheduleModule.forRoot(), RateLimitModule.register({ ...adapters.config.rateLimit, signInsPerMinute: adapters.config.login.attemptsPerMinute })],
      controllers: [
        HealthController,
        OpenApiController,
        ConnectorsController,
        CheckCatalogController,
        WorkspacesController,
        CatalogViewsController,
        ConnectionsController,
        RunsController,
        FindingsController,
        EvidenceController,
        MembersController,
        ControlsController,
        FrameworksController,
        ManualEvidenceController,
        ExceptionsController,
        WorkController,
        AuditLogController,
        AuthController,
        ApiTokensController,
        InvitationsController,
        InvitationAcceptController,
        SsoController,
        SsoLoginController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: adapters.config },
        { provide: LOGGER, useValue: adapters.logger },
        { provide: DataSource, useValue: adapters.dataSource },
        { provide: SystemDb, useValue: adapters.systemDb },
        { provide: TenantContext, useValue: adapters.tenant },
        { provide: JobQueue, useValue: adapters.queue },
        { provide: SecretBox, useValue: adapters.secretBox },
        { provide: Clock, useValue: adapters.clock },
        { provide: SessionClock, useValue: adapters.sessionClock },
        { provide: RegistryRef, useValue: adapters.registry },
        { provide: WriteRevision, useValue: adapters.writes },
        SchedulerAdapter,
        WorkspaceRepository,
        ConnectionRepository,
        RunRepository,
        EvidenceRepository,
        FindingRepository,
        ControlRepository,
        ConnectionSecrets,
        ScoringService,
        WorkspacesService,
        WorkspaceScope,
        ConnectionsService,
        ConnectionScheduleService,
        RunsService,
        RunExecutor,
        ResponseCacheRepository,
        RunWorker,
        FindingsService,
        CatalogViewsService,
        DemoService,
        MemberRepository,
        ActorService,
        MembersService,
        FrameworkProgramRepository,
        ManualEvidenceRepository,
        ExceptionRepository,
        ControlsService,
        FrameworksService,
        ManualEvidenceService,
        ExceptionsService,
        WorkService,
        AuditLogRepository,
        AuditTrail,
        AuditLogService,
        SecretTokens,
        PasswordHasher,
        UserRepository,
        SessionRepository,
        SessionService,
        MembershipRepository,
        ApiTokenRepository,
        ApiTokensService,
        InvitationRepository,
        InvitationsService,
        AuthenticationService,
        SignInService,
        BootstrapOwnerService,
        SsoConfigRepository,
        OidcLoginStateRepository,
        OidcClient,
        SsoService,
        // Every /api route passes here: authentication, CSRF, membership and the permission matrix.
        { provide: APP_GUARD, useClass: AuthGuard },
        // Every mutating API request is written to the audit log (audit/audit-trail.interceptor.ts).
        { provide: APP_INTERCEPTOR, useClass: AuditTrailInterceptor },
      ],
    };
  }
}
