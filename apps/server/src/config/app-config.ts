import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { isFiveFieldCron } from '../scheduler/cron-expression';
import { z } from 'zod';

const ROLES = ['api', 'scheduler', 'worker'] as const;
export type ServerRole = (typeof ROLES)[number];

const commaList = (s: string) => s.split(',').map((v) => v.trim()).filter(Boolean);

/** An exact browser origin: scheme, host and optional port, nothing else (no path, no wildcard). */
const originSchema = z.string().refine((o) => {
  try {
    const u = new URL(o);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o && !u.host.includes('*');
  } catch {
    return false;
  }
}, 'each entry must be an exact origin such as https://grc.example.com (no path, no trailing slash, no wildcard)');

/** Proxies whose X-Forwarded-For is believed (Express "trust proxy"): a hop count, or addresses, subnets and loopback/linklocal/uniquelocal. */
const trustProxyEntry = z.string().refine((v) => {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(v)) return true;
  const [address = '', prefix, ...rest] = v.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}, 'each entry must be an IP address, a subnet (10.0.0.0/8) or loopback, linklocal, uniquelocal');

const perMinute = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Loopback by default: facing a network is a deliberate choice (and needs TLS in front for Secure cookies).
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .url()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /**
   * The least-privileged login the app's queries run as (row-level security applies to it), when
   * the operator manages that role. Unset: the server derives a login from the master key.
   */
  ASTROLABE_APP_DATABASE_URL: z
    .string()
    .url()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL')
    .optional(),
  ASTROLABE_DATA_DIR: z.string().default('.astrolabe'),
  ASTROLABE_ROLES: z
    .string()
    .default('api,scheduler,worker')
    .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ROLES)).min(1)),
  ASTROLABE_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** The IAM endpoint the demo connection reads (the emulator started by `npm start`). */
  ASTROLABE_DEMO_IAM_ENDPOINT: z.string().url().optional(),
  /** The GitHub API root the demo's GitHub connection reads (the emulator started by `npm start`), e.g. http://127.0.0.1:4000/api/v3. */
  ASTROLABE_DEMO_GITHUB_ENDPOINT: z.string().url().optional(),
  /** The Azure emulator's root (token endpoint, Microsoft Graph and ARM) for the demo's Entra ID and Azure connections. */
  ASTROLABE_DEMO_AZURE_ENDPOINT: z.string().url().optional(),
  /** The PEM file of the CA the Azure emulator's HTTPS certificate is issued by. */
  ASTROLABE_DEMO_AZURE_CA_FILE: z.string().optional(),
  ASTROLABE_DEMO_SCHEDULE: z
    .string()
    .default('*/5 * * * *')
    .refine(isFiveFieldCron, 'must be a cron expression such as "*/5 * * * *"'),
  /** 32-byte key, base64; when unset a key file is generated under the data dir (dev only). */
  ASTROLABE_MASTER_KEY: z.string().optional(),
  ASTROLABE_CONSOLE_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Reads (GET/HEAD) per minute per client IP; 0 turns the limit off. */
  ASTROLABE_RATE_LIMIT_PER_MINUTE: perMinute(600),
  /** Mutations (POST/PUT/PATCH/DELETE) per minute per client IP; 0 turns the limit off. */
  ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE: perMinute(120),
  /** Origins whose browsers may call the API cross-origin; none by default (the console is same-origin). */
  ASTROLABE_CORS_ORIGINS: z.string().default('').transform(commaList).pipe(z.array(originSchema)),
  /** Unset: the client IP is the socket's. Behind a reverse proxy: its hop count (1) or its addresses. */
  ASTROLABE_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : /^\d+$/.test(v.trim()) ? Number(v.trim()) : commaList(v)))
    .pipe(z.union([z.number().int().min(1).max(10), z.array(trustProxyEntry).min(1)]).optional()),
  /** A signed-in session ends after this long without a request… */
  ASTROLABE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** …and after this long in any case: the user signs in again. */
  ASTROLABE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Failed passwords in a row before an account is locked for ASTROLABE_LOCKOUT_MINUTES. */
  ASTROLABE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  ASTROLABE_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Sign-in attempts per minute per client IP, whatever the account; 0 turns the limit off. */
  ASTROLABE_LOGIN_ATTEMPTS_PER_MINUTE: perMinute(10),
  /** The URL people reach the console at; used in invitation links and the SSO redirect URI. Default: the origin each request came to. */
  ASTROLABE_PUBLIC_URL: z.string().url().optional(),
  /** First start with no account at all: create this owner (and a workspace) so someone can sign in. */
  ASTROLABE_BOOTSTRAP_OWNER_EMAIL: z.string().trim().toLowerCase().email().optional(),
  ASTROLABE_BOOTSTRAP_OWNER_PASSWORD: z.string().min(12, 'at least 12 characters').max(256).optional(),
  ASTROLABE_BOOTSTRAP_WORKSPACE: z.string().trim().min(1).max(120).default('My workspace'),
});

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** ASTROLABE_APP_DATABASE_URL: the app's own login (no secret of it is ever logged). */
  appDatabaseUrl: string | undefined;
  dataDir: string;
  roles: ReadonlySet<ServerRole>;
  demo: boolean;
  demoSchedule: string;
  demoIamEndpoint: string | undefined;
  demoGithubEndpoint: string | undefined;
  demoAzure: { endpoint: string; caFile: string } | undefined;
  masterKey: string | undefined;
  consoleDir: string;
  logLevel: string;
  /** Requests per minute per client IP; 0 means unlimited. */
  rateLimit: { readsPerMinute: number; mutationsPerMinute: number };
  corsOrigins: readonly string[];
  /** Express "trust proxy": how the client IP (rate limits, logs) is read behind a reverse proxy. */
  trustProxy: number | readonly string[] | undefined;
  sessions: { idleMinutes: number; maxHours: number };
  login: { maxFailures: number; lockoutMinutes: number; attemptsPerMinute: number };
  /** Origin of the console as people reach it, without a trailing slash; unset: the request's own origin. */
  publicUrl: string | undefined;
  bootstrapOwner: { email: string; password: string; workspaceName: string } | null;
}

/** Reads the environment once, at the edge; a bad value stops start-up with the variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // `PORT=` (set but empty, as compose files do with unset variables) means "not set", not 0.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.ASTROLABE_DEMO && !e.ASTROLABE_DEMO_IAM_ENDPOINT) {
    throw new Error('Invalid environment:\n  ASTROLABE_DEMO_IAM_ENDPOINT: required with ASTROLABE_DEMO=1 (npm start sets both and starts the emulator)');
  }
  if (e.ASTROLABE_APP_DATABASE_URL && !e.DATABASE_URL) {
    throw new Error('Invalid environment:\n  ASTROLABE_APP_DATABASE_URL: needs DATABASE_URL (the owner login that runs migrations); the embedded database makes its own app login');
  }
  if (e.ASTROLABE_BOOTSTRAP_OWNER_EMAIL && !e.ASTROLABE_BOOTSTRAP_OWNER_PASSWORD) {
    throw new Error('Invalid environment:\n  ASTROLABE_BOOTSTRAP_OWNER_PASSWORD: required with ASTROLABE_BOOTSTRAP_OWNER_EMAIL (or create the owner with `astrolabe bootstrap-owner`)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.ASTROLABE_APP_DATABASE_URL,
    dataDir: resolve(e.ASTROLABE_DATA_DIR),
    roles: new Set(e.ASTROLABE_ROLES),
    demo: e.ASTROLABE_DEMO,
    demoSchedule: e.ASTROLABE_DEMO_SCHEDULE,
    demoIamEndpoint: e.ASTROLABE_DEMO_IAM_ENDPOINT,
    demoGithubEndpoint: e.ASTROLABE_DEMO_GITHUB_ENDPOINT,
    demoAzure: e.ASTROLABE_DEMO_AZURE_ENDPOINT && e.ASTROLABE_DEMO_AZURE_CA_FILE ? { endpoint: e.ASTROLABE_DEMO_AZURE_ENDPOINT, caFile: e.ASTROLABE_DEMO_AZURE_CA_FILE } : undefined,
    masterKey: e.ASTROLABE_MASTER_KEY,
    consoleDir: resolve(e.ASTROLABE_CONSOLE_DIR ?? resolve(__dirname, '../../../../dashboards/console/dist')),
    logLevel: e.LOG_LEVEL,
    rateLimit: { readsPerMinute: e.ASTROLABE_RATE_LIMIT_PER_MINUTE, mutationsPerMinute: e.ASTROLABE_RATE_LIMIT_MUTATIONS_PER_MINUTE },
    corsOrigins: e.ASTROLABE_CORS_ORIGINS,
    trustProxy: e.ASTROLABE_TRUST_PROXY,
    sessions: { idleMinutes: e.ASTROLABE_SESSION_IDLE_MINUTES, maxHours: e.ASTROLABE_SESSION_MAX_HOURS },
    login: { maxFailures: e.ASTROLABE_LOGIN_MAX_FAILURES, lockoutMinutes: e.ASTROLABE_LOCKOUT_MINUTES, attemptsPerMinute: e.ASTROLABE_LOGIN_ATTEMPTS_PER_MINUTE },
    publicUrl: e.ASTROLABE_PUBLIC_URL?.replace(/\/+$/, ''),
    bootstrapOwner:
      e.ASTROLABE_BOOTSTRAP_OWNER_EMAIL && e.ASTROLABE_BOOTSTRAP_OWNER_PASSWORD
        ? { email: e.ASTROLABE_BOOTSTRAP_OWNER_EMAIL, password: e.ASTROLABE_BOOTSTRAP_OWNER_PASSWORD, workspaceName: e.ASTROLABE_BOOTSTRAP_WORKSPACE }
        : null,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
