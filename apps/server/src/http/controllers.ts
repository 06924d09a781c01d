import {
  createConnectionBody,
  createWorkspaceBody,
  findingsQuery,
  idParam,
  updateConnectionBody,
  type ConnectorInfo,
} from '@astrolabe/api-contract';
import { connectorPermissions } from '@astrolabe/core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CatalogViewsService } from '../catalog/catalog-views.service';
import { ConnectionsService } from '../connections/connections.service';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { FindingsService } from '../findings/findings.service';
import { RegistryRef } from '../platform/registry.provider';
import { RunsService } from '../runs/runs.service';
import { toWorkspaceView, WorkspacesService } from '../workspaces/workspaces.service';
import { notFound, parseInput } from './problem';

const hashParam = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest');
const textParam = z.string().min(1).max(200);

@Controller('api/v1')
export class HealthController {
  constructor(private readonly ds: DataSource) {}

  @Get('health')
  async health() {
    await this.ds.query('SELECT 1');
    return { status: 'ok', database: 'up' };
  }
}

@Controller('api/v1/connectors')
export class ConnectorsController {
  constructor(private readonly registryRef: RegistryRef) {}

  @Get()
  list(): { items: ConnectorInfo[] } {
    return {
      items: this.registryRef.registry.connectors.map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        defaultSchedule: c.defaultSchedule,
        permissions: connectorPermissions(c),
        evidenceKinds: c.evidenceKinds.map((k) => ({ kind: k.kind, title: k.title, permissions: [...k.permissions] })),
        configSchema: z.toJSONSchema(c.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
        secretSchema: z.toJSONSchema(c.secretSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
        credentialHelp: c.credentialHelp,
      })),
    };
  }
}

@Controller('api/v1/checks')
export class CheckCatalogController {
  constructor(private readonly registryRef: RegistryRef) {}

  @Get()
  list() {
    const { registry } = this.registryRef;
    return { items: registry.checks.map((c) => ({ ...c.metadata, controlIds: registry.controlIdsForCheck(c.metadata.id) })) };
  }
}

@Controller('api/v1/workspaces')
export class WorkspacesController {
  constructor(
    private readonly workspaces: WorkspacesService,
    private readonly views: CatalogViewsService,
    private readonly connections: ConnectionsService,
    private readonly runs: RunsService,
    private readonly findings: FindingsService,
    private readonly evidence: EvidenceRepository,
  ) {}

  private async ws(raw: string): Promise<string> {
    return (await this.workspaces.require(parseInput(idParam, raw, 'workspaceId'))).id;
  }

  @Get()
  async list() {
    return { items: await this.workspaces.list() };
  }

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown) {
    return toWorkspaceView(await this.workspaces.create(parseInput(createWorkspaceBody, body)));
  }

  @Get(':ws')
  async get(@Param('ws') ws: string) {
    return toWorkspaceView(await this.workspaces.require(parseInput(idParam, ws, 'workspaceId')));
  }

  @Get(':ws/overview')
  async overview(@Param('ws') ws: string) {
    return this.views.overview(await this.ws(ws));
  }

  @Get(':ws/connections')
  async connectionList(@Param('ws') ws: string) {
    return { items: await this.connections.list(await this.ws(ws)) };
  }

  @Post(':ws/connections')
  @HttpCode(201)
  async connectionCreate(@Param('ws') ws: string, @Body() body: unknown) {
    return this.connections.create(await this.ws(ws), parseInput(createConnectionBody, body));
  }

  @Get(':ws/connections/:id')
  async connectionGet(@Param('ws') ws: string, @Param('id') id: string) {
    return this.connections.get(await this.ws(ws), parseInput(idParam, id, 'connectionId'));
  }

  @Patch(':ws/connections/:id')
  async connectionUpdate(@Param('ws') ws: string, @Param('id') id: string, @Body() body: unknown) {
    return this.connections.update(await this.ws(ws), parseInput(idParam, id, 'connectionId'), parseInput(updateConnectionBody, body));
  }

  @Post(':ws/connections/:id/validate')
  @HttpCode(200)
  async connectionValidate(@Param('ws') ws: string, @Param('id') id: string) {
    return this.connections.validate(await this.ws(ws), parseInput(idParam, id, 'connectionId'));
  }

  @Post(':ws/connections/:id/runs')
  @HttpCode(202)
  async runNow(@Param('ws') ws: string, @Param('id') id: string) {
    return this.runs.request(await this.ws(ws), parseInput(idParam, id, 'connectionId'), 'manual');
  }

  @Get(':ws/connections/:id/runs')
  async runList(@Param('ws') ws: string, @Param('id') id: string) {
    return { items: await this.runs.list(await this.ws(ws), parseInput(idParam, id, 'connectionId')) };
  }

  @Get(':ws/runs/:runId')
  async run(@Param('ws') ws: string, @Param('runId') runId: string) {
    return this.runs.get(await this.ws(ws), parseInput(idParam, runId, 'runId'));
  }

  @Get(':ws/findings')
  async findingList(@Param('ws') ws: string, @Query() query: unknown) {
    return this.findings.page(await this.ws(ws), parseInput(findingsQuery, query));
  }

  @Get(':ws/checks')
  async checkList(@Param('ws') ws: string) {
    return { items: await this.views.checks(await this.ws(ws)) };
  }

  @Get(':ws/checks/:checkId')
  async checkGet(@Param('ws') ws: string, @Param('checkId') checkId: string) {
    return this.views.check(await this.ws(ws), parseInput(textParam, checkId, 'checkId'));
  }

  @Get(':ws/controls')
  async controlList(@Param('ws') ws: string) {
    return { items: await this.views.controlList(await this.ws(ws)) };
  }

  @Get(':ws/controls/:controlId')
  async controlGet(@Param('ws') ws: string, @Param('controlId') controlId: string) {
    return this.views.control(await this.ws(ws), parseInput(textParam, controlId, 'controlId'));
  }

  @Get(':ws/frameworks')
  async frameworkList(@Param('ws') ws: string) {
    const items = await this.views.frameworks(await this.ws(ws));
    return { items: items.map(({ id, name, version, readiness }) => ({ id, name, version, readiness })) };
  }

  @Get(':ws/frameworks/:frameworkId')
  async frameworkGet(@Param('ws') ws: string, @Param('frameworkId') frameworkId: string) {
    return this.views.framework(await this.ws(ws), parseInput(textParam, frameworkId, 'frameworkId'));
  }

  @Get(':ws/evidence/:hash')
  async evidenceGet(@Param('ws') ws: string, @Param('hash') hash: string) {
    const workspaceId = await this.ws(ws);
    const h = parseInput(hashParam, hash, 'hash');
    const found = await this.evidence.get(workspaceId, h);
    if (!found) throw notFound('evidence item', h);
    return { hash: found.blob.hash, kind: found.blob.kind, resourceId: found.resourceId ?? '', data: found.blob.canonical, firstObservedAt: found.blob.firstObservedAt.toISOString() };
  }
}
