import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { loggableUrl } from './logging/logger';
import cookieParser from 'cookie-parser';
import { AppModule } from './app.module';
import { BootstrapOwnerService } from './auth/bootstrap-owner.service';
import type { AppConfig } from './config/app-config';
import { ConnectionScheduleService } from './connections/connection-schedule.service';
import { locateDatabase } from './database/database.bootstrap';
import { openServerDatabases } from './database/data-source.factory';
import { SystemDb } from './database/system-db';
import { DemoService } from './demo/demo.service';
import { serveApiDocsUi } from './http/api-docs-ui';
import { applyEdgeSecurity } from './http/edge-security';
import { ProblemFilter } from './http/problem.filter';
import { Clock, SessionClock, SystemClock, SystemSessionClock } from './platform/clock.adapter';
import { TenantContext } from './platform/tenant-context';
import { WriteRevision } from './platform/write-revision';
import { DefaultRegistryRef, type RegistryRef } from './platform/registry.provider';
import { loadMasterKey, SecretBox } from './platform/secret-box.adapter';
import { JobQueue } from './queue/job-queue.adapter';
import { RunWorker } from './runs/run-worker.service';
import { SchedulerAdapter } from './scheduler/scheduler.adapter';
import { ScoringService } from './scoring/scoring.service';
import { WorkspacesService } from './workspaces/workspaces.service';

export interface RunningServer {
  app: NestExpressApplication;
  url: string;
  close: () => Promise<void>;
}

export interface ServerOverrides {
  clock?: Clock;
  /** Wall-clock time for session timeouts and lockouts (tests pin it to test them). */
  sessionClock?: SessionClock;
  registry?: RegistryRef;
  /** Queue retry policy; tests shorten the backoff. */
  retry?: { retryLimit: number; retryDelay: number; retryBackoff: boolean };
}

const RESYNC_MS = 60_000;

/**
 * Composition root: opens the database (embedded or DATABASE_URL), the queue and the key,
 * builds the Nest app and starts the roles this process was given (api, scheduler, worker).
 */
export async function startServer(config: AppConfig, logger: Logger, overrides: ServerOverrides = {}): Promise<RunningServer> {
  const db = await locateDatabase(config.databaseUrl, config.dataDir, logger);
  const masterKey = loadMasterKey(config.masterKey, join(config.dataDir, 'master.key'));
  // Two logins: the owner migrates and answers SystemDb's few cross-workspace lookups; the app's
  // queries run as a login that row-level security confines to the workspace of each request or job.
  const tenant = new TenantContext();
  const { owner, app: dataSource } = await openServerDatabases(db.url, config.appDatabaseUrl, masterKey, tenant);
  const queue = new JobQueue(db.url, logger, overrides.retry);
  await queue.start();
  const secretBox = new SecretBox(masterKey);

  const writes = new WriteRevision();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, logger, dataSource, systemDb: new SystemDb(owner), tenant, queue, secretBox, writes, clock: overrides.clock ?? new SystemClock(), sessionClock: overrides.sessionClock ?? new SystemSessionClock(), registry: overrides.registry ?? new DefaultRegistryRef() }),
    { logger: ['error', 'warn'], bodyParser: false },
  );
  // First of all: every request gets its own, empty tenant context (WorkspaceScope enters one).
  app.use(tenant.middleware);
  applyEdgeSecurity(app, config);
  app.useBodyParser('json', { limit: '256kb' });
  app.use(cookieParser());
  // Any state-changing request invalidates this process's read caches, when it starts (so a read
  // racing it is not cached as current) and when it ends (so its result is read back at once).
  app.use((req: { method: string }, res: { on(event: 'finish', listener: () => void): void }, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      writes.bump();
      res.on('finish', () => writes.bump());
    }
    next();
  });
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === '/api/v1/health' || !req.url?.startsWith('/api') },
      quietReqLogger: true,
      // Method, path and status only: headers may carry credentials and add nothing here.
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: loggableUrl(req.url) }), res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    }),
  );
  app.useGlobalFilters(new ProblemFilter(logger));
  serveApiDocsUi(app);
  serveConsole(app, config.consoleDir, logger);
  app.enableShutdownHooks();
  await app.init();

  const timers: NodeJS.Timeout[] = [];
  await app.get(WorkspacesService).syncCatalogEverywhere();
  const schedules = app.get(ConnectionScheduleService);
  await schedules.syncAll();
  if (config.roles.has('scheduler')) timers.push(setInterval(() => void schedules.syncAll().catch((err) => logger.error({ err }, 'schedule resync failed')), RESYNC_MS));
  if (config.roles.has('scheduler')) {
    const scoring = app.get(ScoringService);
    const clock = app.get(Clock);
    // Every 5 minutes: evidence ages out and exceptions expire without any run or read.
    app.get(SchedulerAdapter).upsert('scoring:periodic', '*/5 * * * *', () => scoring.recomputeAll(clock.now()).catch((err) => logger.error({ err }, 're-scoring failed')));
  }
  const worker = app.get(RunWorker);
  await worker.start({ ownsDatabase: db.embedded });
  if (config.roles.has('worker')) timers.push(setInterval(() => void worker.reap().catch(() => undefined), RESYNC_MS));
  await app.get(BootstrapOwnerService).fromEnvironment();
  const demo = app.get(DemoService);
  await demo.start();

  if (config.roles.has('api')) await app.listen(config.port, config.host);
  else await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  logger.info({ url, roles: [...config.roles], database: db.embedded ? 'embedded' : 'DATABASE_URL' }, 'astrolabe is listening');

  let closed = false;
  return {
    app,
    url,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      app.get(SchedulerAdapter).stopAll();
      await queue.stop();
      await app.close();
      await dataSource.destroy();
      await owner.destroy();
      await db.stop();
    },
  };
}

/** The console is a static build served at `/`; unknown non-API paths fall back to index.html (client routing). */
function serveConsole(app: NestExpressApplication, dir: string, logger: Logger): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dir }, 'console build not found; run `npm run build:console` (npm start does it for you)');
    return;
  }
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
    res.sendFile(index);
  });
}
