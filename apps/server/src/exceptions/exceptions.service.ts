import type { RequestActor } from '../auth/principal';
import type { CreateExceptionBody, ExceptionPage, ExceptionState, ExceptionView } from '@astrolabe/api-contract';
import { PERMISSIONS, roleMay } from '@astrolabe/api-contract';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ControlsService } from '../controls/controls.service';
import { badRequest, conflict, forbidden, notFound } from '../http/problem';
import { ActorService } from '../members/actor.service';
import { Clock } from '../platform/clock.adapter';
import { RegistryRef } from '../platform/registry.provider';
import { ScoringService } from '../scoring/scoring.service';
import { ExceptionRepository, type ExceptionRow } from './exception.repository';

/** Longest an exception may run: risk acceptance is revisited at least yearly. */
export const MAX_EXCEPTION_DAYS = 365;
const DAY_MS = 86_400_000;

export interface ExceptionListFilter {
  state?: ExceptionState;
  controlId?: string;
  cursor?: string;
  limit: number;
}

/** Time-boxed acceptance of a failing finding or control: request → approve/reject → expire or revoke. */
@Injectable()
export class ExceptionsService {
  constructor(
    private readonly ds: DataSource,
    private readonly exceptions: ExceptionRepository,
    private readonly controls: ControlsService,
    private readonly actors: ActorService,
    private readonly scoring: ScoringService,
    private readonly registryRef: RegistryRef,
    private readonly clock: Clock,
  ) {}

  async list(workspaceId: string, f: ExceptionListFilter): Promise<ExceptionPage> {
    let checkIdsOfControl: readonly string[] | undefined;
    if (f.controlId) checkIdsOfControl = (await this.controls.require(workspaceId, f.controlId)).checkIds;
    const now = this.clock.now();
    const [rows, stateCounts] = await Promise.all([
      this.exceptions.page(
        workspaceId,
        { state: f.state, controlId: f.controlId, checkIdsOfControl, afterRequestedAt: f.cursor ? decodeCursor(f.cursor) : undefined, limit: f.limit + 1 },
        now,
      ),
      this.exceptions.stateCounts(workspaceId, { controlId: f.controlId, checkIdsOfControl }, now),
    ]);
    const items = await this.withEvents(workspaceId, rows.slice(0, f.limit));
    const last = rows[f.limit - 1];
    return { items, nextCursor: rows.length > f.limit && last ? encodeCursor(last.requestedAt, last.id) : null, stateCounts };
  }

  async get(workspaceId: string, id: string): Promise<ExceptionView> {
    const [row] = await this.exceptions.page(workspaceId, { ids: [id], limit: 1 }, this.clock.now());
    if (!row) throw notFound('exception', id);
    const [view] = await this.withEvents(workspaceId, [row]);
    if (!view) throw notFound('exception', id);
    return view;
  }

  async request(workspaceId: string, by: RequestActor, body: CreateExceptionBody): Promise<ExceptionView> {
    const actor = this.actors.require(workspaceId, by, 'exceptions.request');
    const now = this.clock.now();
    const expiresAt = new Date(body.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) throw badRequest([{ field: 'expiresAt', message: 'must be in the future' }]);
    if (expiresAt.getTime() > now.getTime() + MAX_EXCEPTION_DAYS * DAY_MS) {
      throw badRequest([{ field: 'expiresAt', message: `at most ${MAX_EXCEPTION_DAYS} days ahead: exceptions are reviewed at least yearly` }]);
    }
    if (body.scope === 'control') {
      await this.controls.require(workspaceId, body.controlId);
    } else {
      if (!this.registryRef.registry.check(body.checkId)) throw badRequest([{ field: 'checkId', message: `unknown check "${body.checkId}"` }]);
      const found: unknown[] = await this.ds.query('SELECT 1 FROM finding WHERE workspace_id = $1 AND check_id = $2 AND resource_id = $3 LIMIT 1', [workspaceId, body.checkId, body.resourceId]);
      if (found.length === 0) throw badRequest([{ field: 'resourceId', message: `no finding of ${body.checkId} for this resource in this workspace` }]);
    }
    const target =
      body.scope === 'control'
        ? { scope: 'control' as const, controlId: body.controlId, checkId: null, resourceId: null }
        : { scope: 'finding' as const, controlId: null, checkId: body.checkId, resourceId: body.resourceId };
    const id = await this.ds.transaction(async (manager) => {
      // One open exception per target: a second request would make "which one applies" ambiguous.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`exception:${workspaceId}:${target.controlId ?? `${target.checkId}|${target.resourceId}`}`]);
      const open: unknown[] = await manager.query(
        `SELECT 1 FROM control_exception WHERE workspace_id = $1 AND scope = $2 AND control_id IS NOT DISTINCT FROM $3 AND check_id IS NOT DISTINCT FROM $4
           AND resource_id IS NOT DISTINCT FROM $5 AND (state = 'requested' OR (state = 'approved' AND expires_at > $6)) LIMIT 1`,
        [workspaceId, target.scope, target.controlId, target.checkId, target.resourceId, now],
      );
      if (open.length > 0) throw conflict('An exception for this target is already requested or active; revoke it first.');
      const newId = await this.exceptions.insert(manager, workspaceId, { ...target, reason: body.reason, requestedBy: actor.id, requestedAt: now, expiresAt });
      await this.exceptions.addEvent(manager, workspaceId, newId, 'requested', actor.id, body.reason, now);
      return newId;
    });
    return this.get(workspaceId, id);
  }

  async decide(workspaceId: string, by: RequestActor, id: string, decision: 'approved' | 'rejected', note: string): Promise<ExceptionView> {
    const actor = this.actors.require(workspaceId, by, 'exceptions.decide');
    await this.ds.transaction(async (manager) => {
      const now = this.clock.now();
      const row = await this.exceptions.getForUpdate(manager, workspaceId, id);
      if (!row) throw notFound('exception', id);
      if (row.storedState !== 'requested') throw conflict(`This exception is already ${row.storedState}.`);
      // Four eyes: whoever asks for a risk to be accepted cannot be the one accepting it.
      if (row.requestedBy.id === actor.id) throw forbidden('A different member must decide an exception than the one who requested it.');
      if (decision === 'approved' && row.expiresAt.getTime() <= now.getTime()) throw conflict('The requested expiry has passed; request a new exception.');
      await this.exceptions.decide(manager, workspaceId, id, decision, actor.id, now);
      await this.exceptions.addEvent(manager, workspaceId, id, decision, actor.id, note, now);
      await this.scoring.recompute(manager, workspaceId, now);
    });
    return this.get(workspaceId, id);
  }

  /**
   * Revokes a requested or active exception (lead or above), or withdraws one's own request
   * (any member who may request: asking and un-asking are the same right).
   */
  async revoke(workspaceId: string, by: RequestActor, id: string, note: string): Promise<ExceptionView> {
    const actor = this.actors.require(workspaceId, by, 'exceptions.request');
    await this.ds.transaction(async (manager) => {
      const now = this.clock.now();
      const row = await this.exceptions.getForUpdate(manager, workspaceId, id);
      if (!row) throw notFound('exception', id);
      const ownRequest = row.storedState === 'requested' && row.requestedBy.id === actor.id;
      if (!ownRequest && !roleMay(actor.role, 'exceptions.revoke')) {
        throw forbidden(`The ${actor.role} role may only withdraw its own requests; revoking needs one of: ${PERMISSIONS['exceptions.revoke'].join(', ')}.`);
      }
      const live = row.storedState === 'requested' || (row.storedState === 'approved' && row.expiresAt.getTime() > now.getTime());
      if (!live) throw conflict(`Only a requested or active exception can be revoked; this one is ${stateLabel(row, now)}.`);
      await this.exceptions.revoke(manager, workspaceId, id, actor.id, now);
      await this.exceptions.addEvent(manager, workspaceId, id, 'revoked', actor.id, note, now);
      await this.scoring.recompute(manager, workspaceId, now);
    });
    return this.get(workspaceId, id);
  }

  private async withEvents(workspaceId: string, rows: readonly (ExceptionRow & { state: ExceptionState })[]): Promise<ExceptionView[]> {
    const events = await this.exceptions.events(rows.map((r) => r.id));
    const controlTitles = new Map<string, string>();
    for (const id of new Set(rows.flatMap((r) => (r.controlId ? [r.controlId] : [])))) {
      controlTitles.set(id, (await this.controls.require(workspaceId, id).catch(() => null))?.title ?? id);
    }
    const { registry } = this.registryRef;
    return rows.map((r) => ({
      id: r.id,
      scope: r.scope,
      controlId: r.controlId,
      targetTitle: r.controlId
        ? (controlTitles.get(r.controlId) ?? r.controlId)
        : `${registry.check(r.checkId ?? '')?.metadata.title ?? r.checkId ?? ''} — ${r.resourceId ?? ''}`,
      checkId: r.checkId,
      resourceId: r.resourceId,
      reason: r.reason,
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      state: r.state,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      events: events.filter((e) => e.exceptionId === r.id).map((e) => ({ action: e.action, actor: e.actor, note: e.note, at: e.at.toISOString() })),
    }));
  }
}

function stateLabel(row: ExceptionRow, now: Date): string {
  if (row.storedState === 'approved') return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
  return row.storedState;
}

const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify({ at: at.toISOString(), id }), 'utf8').toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'at' in parsed && 'id' in parsed && typeof parsed.at === 'string' && typeof parsed.id === 'string') {
      const at = new Date(parsed.at);
      // Both go into SQL as timestamptz and uuid: anything PostgreSQL would refuse is a 400 here.
      const year = at.getUTCFullYear();
      if (!Number.isNaN(at.getTime()) && year >= 1 && year <= 9999 && UUID.test(parsed.id)) return { at, id: parsed.id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest([{ field: 'cursor', message: 'not a cursor returned by this API' }]);
}
