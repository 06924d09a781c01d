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
