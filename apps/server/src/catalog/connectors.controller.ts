import type { ConnectorInfo } from '@astrolabe/api-contract';
import { connectorPermissions } from '@astrolabe/core';
import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { RegistryRef } from '../platform/registry.provider';

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
