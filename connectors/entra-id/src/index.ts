import { defineConnector } from '@astrolabe/core';
import { collectEntra } from './collect';
import { entraManifest, type EntraConfig, type EntraSecret } from './manifest';
import { validateEntra } from './validate';

export const entraIdConnector = defineConnector<EntraConfig, EntraSecret>({
  ...entraManifest,
  collect: collectEntra,
  validate: validateEntra,
});

export { entraManifest, ENTRA_PERMISSIONS, type EntraConfig, type EntraSecret } from './manifest';
