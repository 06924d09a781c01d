import type { z } from 'zod';
import type { CollectionError } from './evidence';
import type { ResourceRef } from './resource';

export interface EvidenceKindSpec {
  kind: string;
  title: string;
  /** Provider permissions (e.g. IAM actions) without which this kind cannot be collected. */
  permissions: readonly string[];
}

export interface ConnectorLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A response a connector may reuse next run if the provider says it has not changed (HTTP ETag). */
export interface CachedResponse {
  etag: string;
  /** Whatever the connector needs to rebuild the response: body and the headers it reads (e.g. Link). */
  value: unknown;
}

/**
 * Per-connection storage of conditional-request validators, kept across runs by the host (the
 * server stores it in PostgreSQL; the CLI keeps it for one process). A connector never sees where.
 */
export interface ResponseCache {
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, response: CachedResponse): Promise<void>;
}

/** API quota a run consumed and what is left, by provider bucket (e.g. restUsed, graphqlPoints, rest304). */
export type ProviderUsage = Record<string, number>;

export interface CollectContext<Config, Secret> {
  readonly config: Config;
  readonly secret: Secret;
  readonly signal: AbortSignal;
  readonly logger: ConnectorLogger;
  now(): Date;
  /** Names the resource the whole connection is about (the AWS account root ARN, the GitHub org). */
  identify(scope: ResourceRef): void;
  emit(kind: string, resourceId: string, data: unknown): void;
  /** Marks one kind as not collected; checks reading it answer `unknown`, the rest still run. */
  fail(kind: string, error: CollectionError): void;
  progress(done: number, total: number, message?: string): void;
  /** Conditional-request cache for this connection (see ResponseCache). */
  readonly cache: ResponseCache;
  /** Reports the provider quota used so far; the last report is stored with the run. */
  usage(report: ProviderUsage): void;
}

/** A ResponseCache held in memory: for one-off runs (CLI) and tests. */
export function memoryResponseCache(): ResponseCache {
  const entries = new Map<string, CachedResponse>();
  return {
    get: async (key) => entries.get(key),
    set: async (key, response) => {
      entries.set(key, response);
    },
  };
}

export interface ValidationStep {
  name: string;
  ok: boolean;
  message: string;
  missingPermission?: string;
}

export interface ValidationResult {
  ok: boolean;
  scope?: ResourceRef;
  steps: ValidationStep[];
}

export interface ValidateContext<Config, Secret> {
  readonly config: Config;
  readonly secret: Secret;
  readonly signal: AbortSignal;
}

export interface ConnectorDefinition<Config = unknown, Secret = unknown> {
  id: string;
  title: string;
  description: string;
  configSchema: z.ZodType<Config>;
  secretSchema: z.ZodType<Secret>;
  /** Five-field cron expression. */
  defaultSchedule: string;
  evidenceKinds: readonly EvidenceKindSpec[];
  /** How a user supplies credentials when none are configured (shown by the CLI and console). */
  credentialHelp: string;
  collect(ctx: CollectContext<Config, Secret>): Promise<void>;
  validate(ctx: ValidateContext<Config, Secret>): Promise<ValidationResult>;
}

/** Every permission the connector needs, derived from its evidence kinds so the two cannot drift. */
export function connectorPermissions(connector: Pick<ConnectorDefinition, 'evidenceKinds'>): string[] {
  return [...new Set(connector.evidenceKinds.flatMap((k) => k.permissions))].sort();
}

/**
 * Thrown by a connector when nothing at all can be collected (no credentials, endpoint
 * unreachable). The run fails and every check answers `unknown`.
 */
export class ConnectorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export function defineConnector<Config, Secret>(definition: ConnectorDefinition<Config, Secret>): ConnectorDefinition<Config, Secret> {
  return definition;
}
