import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet, { type HelmetOptions } from 'helmet';
import type { AppConfig } from '../config/app-config';
import { NulFreePipe } from './nul-free.pipe';

/**
 * Security headers for every response, API and console alike. The console is a same-origin
 * static build: scripts only from the origin, no framing anywhere, no referrer leaving it.
 */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * CORS for the origins listed in ASTROLABE_CORS_ORIGINS, exactly as written (no wildcard, no
 * credentials: cookies are for the console's own origin only). Other origins get no Access-Control-Allow-Origin.
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  return {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Cross-origin callers (scripts, CI dashboards) use API tokens; cookies never leave the console's origin.
    allowedHeaders: ['content-type', 'authorization'],
    exposedHeaders: ['retry-after', 'content-disposition'],
    credentials: false,
    maxAge: 600,
  };
}

/**
 * The edge of the HTTP pipeline, installed before body parsing so that every response (parse
 * errors, 413s and 404s included) carries the headers: client IP behind a proxy, helmet, CORS
 * (closed unless origins are listed) and cross-site request forgery protection — a browser on
 * another site may not make state-changing requests, even "simple" ones CORS lets through.
 * Input checks every route shares (NUL characters) run as a global pipe, ahead of each route's
 * own zod validation.
 */
export function applyEdgeSecurity(app: NestExpressApplication, config: Pick<AppConfig, 'corsOrigins' | 'trustProxy'>): void {
  if (config.trustProxy !== undefined) app.set('trust proxy', typeof config.trustProxy === 'number' ? config.trustProxy : [...config.trustProxy]);
  app.disable('x-powered-by');
  app.use(helmet(HELMET_OPTIONS));
  if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
  app.enableCsrfProtection({ trustedOrigins: [...config.corsOrigins] });
  app.useGlobalPipes(new NulFreePipe());
}
