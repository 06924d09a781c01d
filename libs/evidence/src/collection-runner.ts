import {
  ConnectorError,
  memoryResponseCache,
  type ProviderUsage,
  type ResponseCache,
  type CollectionError,
  type ConnectorDefinition,
  type ConnectorLogger,
  type EvidenceItem,
  type KindOutcome,
  type ResourceRef,
} from '@astrolabe/core';
import { canonicalDocument, sha256Hex } from './canonical-json';

export interface CollectedItem extends EvidenceItem {
  /** Canonical JSON of `data`: what is stored and what `hash` is computed over. */
  canonical: string;
}

export interface CollectionResult {
  /** `succeeded`: every kind collected; `partial`: some kinds failed; `failed`: nothing usable. */
  state: 'succeeded' | 'partial' | 'failed';
  scope: ResourceRef | null;
  items: CollectedItem[];
  outcomes: Record<string, KindOutcome>;
  error: CollectionError | null;
  hint: string | null;
  /** The connector's last usage report (API quota used), if it made one. */
  usage: ProviderUsage | null;
}

export interface CollectionOptions<Config, Secret> {
  connector: ConnectorDefinition<Config, Secret>;
  config: Config;
  secret: Secret;
  signal?: AbortSignal;
  logger?: ConnectorLogger;
  now?: () => Date;
  onProgress?: (done: number, total: number, message?: string) => void;
  /** Conditional-request cache kept across runs; default: in memory for this run only. */
  cache?: ResponseCache;
}

const silentLogger: ConnectorLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined };

/**
 * Runs one connector collection in memory and returns a full snapshot per evidence kind.
 * Nothing is persisted here: the caller commits the whole result in one transaction (server)
 * or prints it (CLI), so a crash can never leave half a snapshot behind.
 */
export async function runCollection<Config, Secret>(opts: CollectionOptions<Config, Secret>): Promise<CollectionResult> {
  const { connector } = opts;
  const declared = new Set(connector.evidenceKinds.map((k) => k.kind));
  const items = new Map<string, CollectedItem>();
  const failed = new Map<string, CollectionError>();
  let scope: ResourceRef | null = null;
  let usage: ProviderUsage | null = null;

  const ctx = {
    config: opts.config,
    secret: opts.secret,
    signal: opts.signal ?? new AbortController().signal,
    logger: opts.logger ?? silentLogger,
    now: opts.now ?? (() => new Date()),
    identify: (ref: ResourceRef) => {
      scope = ref;
    },
    emit: (kind: string, resourceId: string, data: unknown) => {
      if (!declared.has(kind)) throw new Error(`connector ${connector.id} emitted undeclared evidence kind ${kind}`);
      const { text: canonical, value } = canonicalDocument(data);
      // Last write wins for a (kind, resource): a snapshot holds one observation per resource.
      items.set(`${kind}\u0000${resourceId}`, { kind, resourceId, data: value, canonical, hash: sha256Hex(canonical) });
    },
    fail: (kind: string, error: CollectionError) => {
      if (!declared.has(kind)) throw new Error(`connector ${connector.id} failed undeclared evidence kind ${kind}`);
      failed.set(kind, error);
    },
    progress: (done: number, total: number, message?: string) => opts.onProgress?.(done, total, message),
    cache: opts.cache ?? memoryResponseCache(),
    usage: (report: ProviderUsage) => {
      usage = { ...report };
    },
  };

  try {
    await connector.collect(ctx);
  } catch (err) {
    const error: CollectionError =
      err instanceof ConnectorError
        ? { code: err.code, message: err.message }
        : { code: 'collection_error', message: err instanceof Error ? err.message : String(err) };
    const outcomes = Object.fromEntries(
      [...declared].map((kind) => [kind, { status: 'failed', items: 0, error } satisfies KindOutcome]),
    );
    return { state: 'failed', scope, items: [], outcomes, error, hint: err instanceof ConnectorError ? (err.hint ?? null) : null, usage };
  }

  const outcomes: Record<string, KindOutcome> = {};
  const kept: CollectedItem[] = [];
  for (const kind of declared) {
    const error = failed.get(kind);
    if (error) {
      outcomes[kind] = { status: 'failed', items: 0, error };
      continue;
    }
    const ofKind = [...items.values()].filter((i) => i.kind === kind);
    kept.push(...ofKind);
    outcomes[kind] = { status: 'succeeded', items: ofKind.length };
  }
  const state = failed.size === 0 ? 'succeeded' : failed.size === declared.size ? 'failed' : 'partial';
  const first = failed.values().next();
  return { state, scope, items: kept, outcomes, error: state === 'succeeded' || first.done ? null : first.value, hint: null, usage };
}
