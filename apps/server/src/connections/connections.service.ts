import type { Connection } from '@astrolabe/api-contract';
import type { ConnectorDefinition, ValidationResult } from '@astrolabe/core';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { createConnectionBody, updateConnectionBody } from '@astrolabe/api-contract';
import { badRequest, notFound, zodFieldErrors, type FieldError } from '../http/problem';
import { RegistryRef } from '../platform/registry.provider';
import { RunRepository } from '../runs/run.repository';
import { toConnectionView } from '../runs/run-views';
import { SchedulerAdapter } from '../scheduler/scheduler.adapter';
import { ConnectionSecrets } from './connection-secrets.service';
import { ConnectionRepository } from './connection.repository';
import type { ConnectionEntity } from '../database/entities';
import { ConnectionScheduleService } from './connection-schedule.service';

type CreateBody = z.infer<typeof createConnectionBody>;
type UpdateBody = z.infer<typeof updateConnectionBody>;

const VALIDATE_TIMEOUT_MS = 30_000;

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly runs: RunRepository,
    private readonly secrets: ConnectionSecrets,
    private readonly registryRef: RegistryRef,
    private readonly schedules: ConnectionScheduleService,
  ) {}

  async list(workspaceId: string): Promise<Connection[]> {
    const [rows, latest, finished] = await Promise.all([
      this.connections.list(workspaceId),
      this.runs.latestPerConnection(workspaceId),
      this.runs.latestPerConnection(workspaceId, true),
    ]);
    return rows.map((c) => toConnectionView(c, latest.get(c.id), finished.get(c.id)));
  }

  async get(workspaceId: string, id: string): Promise<Connection> {
    const c = await this.require(workspaceId, id);
    const [latest, finished] = await Promise.all([this.runs.latestPerConnection(workspaceId), this.runs.latestPerConnection(workspaceId, true)]);
    return toConnectionView(c, latest.get(c.id), finished.get(c.id));
  }

  async require(workspaceId: string, id: string): Promise<ConnectionEntity> {
    const c = await this.connections.get(workspaceId, id);
    if (!c) throw notFound('connection', id);
    return c;
  }

  async create(workspaceId: string, body: CreateBody): Promise<Connection> {
    const connector = this.registryRef.registry.connector(body.connectorId);
    if (!connector) {
      const known = this.registryRef.registry.connectors.map((c) => c.id).join(', ');
      throw badRequest([{ field: 'connectorId', message: `unknown connector "${body.connectorId}"; known: ${known}` }]);
    }
    const schedule = body.schedule ?? connector.defaultSchedule;
    const { config, secret } = this.validateSettings(connector, body.config, body.secret ?? {}, schedule);
    const created = await this.connections.create({
      workspaceId,
      connectorId: connector.id,
      name: body.name,
      config,
      secretSealed: this.secrets.seal(secret),
      schedule,
      enabled: body.enabled,
    });
    this.schedules.sync(created);
    return this.get(workspaceId, created.id);
  }

  async update(workspaceId: string, id: string, body: UpdateBody): Promise<Connection> {
    const current = await this.require(workspaceId, id);
    const connector = this.connectorOf(current);
    const secret = body.secret === undefined ? this.secrets.open(current.secretSealed) : (body.secret ?? {});
    const settings = this.validateSettings(connector, body.config ?? current.config, secret, body.schedule ?? current.schedule);
    const updated = await this.connections.update(workspaceId, id, {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.config !== undefined && { config: settings.config }),
      // The parsed secret (trimmed, unknown keys dropped), never the raw body; null removes it.
      ...(body.secret !== undefined && { secretSealed: this.secrets.seal(settings.secret) }),
      ...(body.schedule !== undefined && { schedule: body.schedule }),
      ...(body.enabled !== undefined && { enabled: body.enabled }),
    });
    if (updated) this.schedules.sync(updated);
    return this.get(workspaceId, id);
  }

  async validate(workspaceId: string, id: string): Promise<ValidationResult> {
    const c = await this.require(workspaceId, id);
    const connector = this.connectorOf(c);
    const signal = AbortSignal.timeout(VALIDATE_TIMEOUT_MS);
    try {
      const result = await connector.validate({ config: c.config, secret: this.secrets.open(c.secretSealed), signal });
      if (result.scope) await this.connections.setScope(workspaceId, id, result.scope);
      return result;
    } catch (err) {
      return { ok: false, steps: [{ name: 'connect', ok: false, message: err instanceof Error ? err.message : 'validation failed' }] };
    }
  }

  connectorOf(c: ConnectionEntity): ConnectorDefinition {
    const connector = this.registryRef.registry.connector(c.connectorId);
    if (!connector) throw new Error(`connection ${c.id} uses connector ${c.connectorId}, which this build does not have`);
    return connector;
  }

  private validateSettings(connector: ConnectorDefinition, rawConfig: unknown, rawSecret: unknown, schedule: string) {
    const errors: FieldError[] = [];
    const config = connector.configSchema.safeParse(rawConfig);
    if (!config.success) errors.push(...zodFieldErrors(config.error, 'config'));
    const secret = connector.secretSchema.safeParse(rawSecret);
    // Field names only: a rejected secret value is never echoed back.
    if (!secret.success) errors.push(...zodFieldErrors(secret.error, 'secret').map((e) => ({ field: e.field, message: 'invalid value' })));
    if (!SchedulerAdapter.isValid(schedule)) errors.push({ field: 'schedule', message: `"${schedule}" is not a valid cron expression` });
    if (errors.length > 0 || !config.success || !secret.success) throw badRequest(errors);
    return { config: config.data as Record<string, unknown>, secret: secret.data as Record<string, unknown> };
  }
}
