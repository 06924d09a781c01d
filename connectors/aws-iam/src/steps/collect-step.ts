import type { IAMClient } from '@aws-sdk/client-iam';

/** Stands for the account root ARN, which may only be known once other steps have run. */
export const ACCOUNT_RESOURCE = Symbol('account root ARN');

export interface Emission {
  kind: string;
  resourceId: string | typeof ACCOUNT_RESOURCE;
  data: unknown;
}

export interface StepIo {
  readonly client: IAMClient;
  readonly signal: AbortSignal;
  /** Reports any ARN of the account, so the connection's scope is identified as early as possible. */
  noteArn(arn: string): void;
  sleep(ms: number): Promise<void>;
}

/**
 * One independent piece of collection: a few account-level calls feeding some evidence kinds.
 * A step returns everything it saw only once it has all of it, so a kind is either a full
 * snapshot or failed — never half a list.
 */
export interface CollectStep {
  readonly title: string;
  readonly kinds: readonly string[];
  run(io: StepIo): Promise<Emission[]>;
}

export const iso = (d: Date | undefined): string => (d ? d.toISOString() : '');
export const isoOrNull = (d: Date | undefined): string | null => (d ? d.toISOString() : null);
