import { getRegistry, type Registry } from '@astrolabe/registry';

/** Nest token for the connector/check registry (built once from the manifests). */
export abstract class RegistryRef {
  abstract readonly registry: Registry;
}

export class DefaultRegistryRef extends RegistryRef {
  readonly registry = getRegistry();
}
