import type { AuditOutcome } from '@astrolabe/api-contract';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { LOGGER } from '../logging/logger';
import { Clock } from '../platform/clock.adapter';
import { TenantContext } from '../platform/tenant-context';
import { WorkspaceRepository } from '../workspaces/workspace.repository';
import type { RouteAudit } from './audit-actions';
import { AuditLogRepository, SYSTEM_ACTOR, type AuditActor, type AuditJson } from './audit-log.repository';

/** What the audit trail needs of an HTTP request; read from it once, never the raw body as a whole. */
export interface RequestFacts {
  method: string;
  /** The route pattern (`/api/v1/workspaces/:ws/exceptions/:id/approve`), never the raw URL. */
  routePath: string | null;
  params: Readonly<Record<string, string | undefined>>;
  body: unknown;
  /** Who the auth guard established; null when nobody is signed in (a refused or public request). */
  actor: AuditActor | null;
  sourceIp: string | null;
}

/** Why a request failed, without its detail text (which may echo input). */
export interface FailureFacts {
  title: string;
  /** Names of the fields a 400 rejected. */
  fields: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ANONYMOUS: AuditActor = { type: 'anonymous', id: null, label: 'anonymous' };

export function outcomeOf(status: number): AuditOutcome {
  if (status >= 200 && status < 300) return 'success';
  return status === 401 || status === 403 ? 'denied' : 'failed';
}

/** A detail value as sent, if it is a scalar; anything else (objects, arrays) is not recorded. */
function scalar(value: unknown): AuditJson | undefined {
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  if (typeof value === 'string') return value;
  return undefined;
}

/** A list of strings as sent (at most 20), for RouteAudit.listFields; anything else is not recorded. */
function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]).slice(0, 20) : undefined;
}

const field = (source: unknown, key: string): unknown => (source && typeof source === 'object' && !Array.isArray(source) ? (source as Record<string, unknown>)[key] : undefined);

/**
 * Writes the audit trail: one row per mutating API request (from AuditTrailInterceptor) and per
 * system event (a run finishing, an exception expiring). An HTTP row is written before the
 * response leaves, so a client that saw its change acknowledged can find it in the log; if the
 * write fails the failure is logged and the response still goes out (the change itself is
 * already committed).
 */
@Injectable()
export class AuditTrail {
  /** Workspaces seen to exist; they are never deleted, so a hit never goes stale. */
  private readonly knownWorkspaces = new Set<string>();

  constructor(
    private readonly log: AuditLogRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly clock: Clock,
    private readonly tenant: TenantContext,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async recordRequest(req: RequestFacts, route: RouteAudit, status: number, result: unknown, failure: FailureFacts | null): Promise<void> {
    try {
      const outcome = outcomeOf(status);
      // The chain of the workspace the request entered (WorkspaceScope.resolve), if it exists; a
      // new workspace starts its own chain with its creation, in its own tenant context (the
      // request never entered it); everything else goes to the system chain.
      const entered = this.tenant.workspaceId();
      let workspaceId = entered === null ? null : ((await this.existingWorkspace(entered)) ?? null);
      const created = route.action === 'workspace.create' && outcome === 'success' ? scalarString(field(result, 'id'))?.toLowerCase() : undefined;
      if (workspaceId === null && created && UUID.test(created)) workspaceId = (await this.tenant.run(created, () => this.existingWorkspace(created))) ?? null;
      const actor = req.actor ?? ANONYMOUS;
      const append = (chain: string | null) => this.log.append(undefined, {
        workspaceId: chain,
        at: this.clock.now(),
        actor,
        action: route.action,
        target: { type: route.targetType, id: targetId(route, req, result) },
        sourceIp: req.sourceIp,
        outcome,
        statusCode: status,
        details: details(route, req, result, failure),
      });
      await (workspaceId === null || workspaceId === entered ? append(workspaceId) : this.tenant.run(workspaceId, () => append(workspaceId)));
    } catch (err) {
      this.logger.error({ err, method: req.method, route: req.routePath, status }, 'audit log append failed');
    }
  }

  /** A system event, inside the caller's transaction when `manager` is given (it commits with it). */
  async recordSystem(
    manager: EntityManager | undefined,
    e: { workspaceId: string; action: string; target: { type: string; id: string }; outcome: AuditOutcome; details: Record<string, AuditJson>; at?: Date },
  ): Promise<void> {
    await this.log.append(manager, { workspaceId: e.workspaceId, at: e.at ?? this.clock.now(), actor: SYSTEM_ACTOR, action: e.action, target: e.target, sourceIp: null, outcome: e.outcome, statusCode: null, details: e.details });
  }

  /** `raw` if it is a workspace visible in the current tenant context (row-level security). */
  private async existingWorkspace(raw: string | undefined): Promise<string | undefined> {
    if (!raw || !UUID.test(raw)) return undefined;
    const id = raw.toLowerCase();
    if (this.knownWorkspaces.has(id)) return id;
    if (!(await this.workspaces.get(id))) return undefined;
    this.knownWorkspaces.add(id);
    return id;
  }

}

const scalarString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function targetId(route: RouteAudit, req: RequestFacts, result: unknown): string | null {
  if (route.targetParams) {
    const parts = route.targetParams.map((p) => req.params[p]);
    return parts.every((p) => p !== undefined) ? parts.join('/') : null;
  }
  const fromResult = route.targetFromResult ? scalarString(field(result, route.targetFromResult)) : undefined;
  if (fromResult) return fromResult;
  return route.targetFromBody ? (scalarString(field(req.body, route.targetFromBody)) ?? null) : null;
}

function details(route: RouteAudit, req: RequestFacts, result: unknown, failure: FailureFacts | null): Record<string, AuditJson> {
  const out: Record<string, AuditJson> = {};
  for (const key of route.bodyFields ?? []) {
    const v = scalar(field(req.body, key));
    if (v !== undefined) out[key] = v;
  }
  for (const key of route.listFields ?? []) {
    const v = stringList(field(req.body, key));
    if (v !== undefined) out[key] = v;
  }
  if (route.changedFields && req.body && typeof req.body === 'object' && !Array.isArray(req.body)) out['changed'] = Object.keys(req.body).sort().slice(0, 20);
  for (const key of route.paramFields ?? []) {
    const v = req.params[key];
    if (v !== undefined) out[key] = v;
  }
  for (const [key, path] of Object.entries(route.resultFields ?? {})) {
    const v = scalar(field(result, path));
    if (v !== undefined) out[key] = v;
  }
  if (route.action.startsWith('http.') && req.routePath) out['route'] = `${req.method} ${req.routePath}`;
  if (failure) {
    out['error'] = failure.title;
    if (failure.fields.length > 0) out['fields'] = failure.fields.slice(0, 20);
  }
  return out;
}
