import { defineConnector } from '@astrolabe/core';
import { collectAzureRbac } from './collect';
import { azureRbacManifest, type AzureRbacConfig, type AzureRbacSecret } from './manifest';
import { validateAzureRbac } from './validate';

/** The azure-rbac connector: the manifest plus how to collect and how to validate a connection. */
export const azureRbacConnector = defineConnector<AzureRbacConfig, AzureRbacSecret>({
  ...azureRbacManifest,
  collect: collectAzureRbac,
  validate: validateAzureRbac,
});

export {
  azureRbacConfigSchema,
  azureRbacSecretSchema,
  azureRbacEvidenceKinds,
  azureRbacManifest,
  AZURE_RBAC_CREDENTIAL_HELP,
  AZURE_RBAC_PERMISSIONS,
  DEFAULT_ENVIRONMENT_RULES,
  type AzureRbacConfig,
  type AzureRbacSecret,
  type EnvironmentRules,
} from './manifest';
