import { Controller, Get } from '@nestjs/common';
import { RegistryRef } from '../platform/registry.provider';

/** The check catalog independent of any workspace: metadata, remediation, references. */
@Controller('api/v1/checks')
export class CheckCatalogController {
  constructor(private readonly registryRef: RegistryRef) {}

  @Get()
  list() {
    const { registry } = this.registryRef;
    return { items: registry.checks.map((c) => ({ ...c.metadata, controlIds: registry.controlIdsForCheck(c.metadata.id) })) };
  }
}
