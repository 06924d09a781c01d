import { AZURE_RBAC_KINDS, type EvidenceKindSpec } from '@astrolabe/core';
import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Console forms send "" for an untouched optional field: treat it as absent. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalUrl = z.preprocess(blankToUndefined, z.url({ protocol: /^https$/, error: 'an https:// URL' }).optional());
/** A list field a form may send as one comma- or line-separated string. */
const list = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[\s,]+/)
            .map((s) => s.trim())
            .filter((s) => s !== '')
        : v,
    z.array(item),
  );
const lowerWords = list(z.string().trim().min(1).transform((s) => s.toLowerCase()));

/** Tag keys and values, and name words, that say "production" or "non-production" (all case-insensitive). */
export const DEFAULT_ENVIRONMENT_RULES = {
  tagKeys: ['environment', 'env', 'stage'],
  productionValues: ['production', 'prod', 'prd', 'live'],
  nonProductionValues: ['development', 'dev', 'test', 'testing', 'qa', 'staging', 'stage', 'stg', 'sandbox', 'uat', 'nonprod', 'non-production', 'preprod'],
  productionNames: ['production', 'prod', 'prd', 'live'],
  nonProductionNames: ['development', 'dev', 'test', 'qa', 'staging', 'stage', 'stg', 'sandbox', 'uat', 'nonprod', 'preprod'],
};

export const environmentRulesSchema = z.object({
  /** Tag keys that name an environment; the first present decides. */
  tagKeys: lowerWords.default(DEFAULT_ENVIRONMENT_RULES.tagKeys),
  productionValues: lowerWords.default(DEFAULT_ENVIRONMENT_RULES.productionValues),
  nonProductionValues: lowerWords.default(DEFAULT_ENVIRONMENT_RULES.nonProductionValues),
  /**
   * Words of a subscription or resource group name (split at anything but letters and digits:
   * `rg-web-prod` → rg, web, prod) that identify it when no environment tag does.
   */
  productionNames: lowerWords.default(DEFAULT_ENVIRONMENT_RULES.productionNames),
  nonProductionNames: lowerWords.default(DEFAULT_ENVIRONMENT_RULES.nonProductionNames),
});
export type EnvironmentRules = z.output<typeof environmentRulesSchema>;

export const azureRbacConfigSchema = z.object({
  /**
   * The directory (tenant) id or initial domain. Needed with a client secret; with
   * DefaultAzureCredential it defaults to the credential's tenant.
   */
  tenantId: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((t) => GUID.test(t) || DOMAIN.test(t), { message: 'a tenant id (GUID) or domain such as contoso.onmicrosoft.com' })
      .optional(),
  ),
  /** Subscriptions to read (ids). Empty: every subscription the identity can see. */
  subscriptionIds: z.preprocess(blankToUndefined, list(z.string().trim().regex(GUID, 'a subscription id (GUID)')).default([])),
  /**
   * Management groups (ids, e.g. the tenant root group's, which is the tenant id) whose own role
   * assignments and custom roles are read too. Assignments inherited from management groups are
   * read with each subscription anyway; this adds groups without a subscription in scope.
   */
  managementGroupIds: z.preprocess(blankToUndefined, list(z.string().trim().regex(/^[A-Za-z0-9_().-]{1,90}$/, 'a management group id')).default([])),
  environments: environmentRulesSchema.default(environmentRulesSchema.parse({})),
  /** The identity platform host, for national clouds (https://login.microsoftonline.us) or an emulator. */
  authorityHost: optionalUrl,
  /** Azure Resource Manager, for national clouds (https://management.usgovcloudapi.net) or an emulator. Default: https://management.azure.com. */
  armEndpoint: optionalUrl,
  /** Microsoft Graph, for national clouds (https://graph.microsoft.us) or an emulator. Default: https://graph.microsoft.com. */
  graphBaseUrl: optionalUrl,
  /**
   * Extra CA certificates (PEM) to trust for these hosts, besides the system's: a TLS-inspecting
   * proxy, Azure Stack Hub, or the emulator. Public certificates, not secrets.
   */
  caCertificates: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), { message: 'PEM certificates ("-----BEGIN CERTIFICATE-----")' })
      .optional(),
  ),
});
export type AzureRbacConfig = z.output<typeof azureRbacConfigSchema>;

const optionalSecret = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());

// An app registration's client id and secret, or nothing: then DefaultAzureCredential (environment
// variables, workload identity, managed identity, Azure CLI), like the AWS default chain.
export const azureRbacSecretSchema = z
  .object({
    clientId: z.preprocess(blankToUndefined, z.string().trim().regex(GUID, 'the application (client) id, a GUID').optional()),
    clientSecret: optionalSecret,
  })
  .refine((s) => Boolean(s.clientId) === Boolean(s.clientSecret), { message: 'give the client id and the client secret together, or neither', path: ['clientSecret'] });
export type AzureRbacSecret = z.output<typeof azureRbacSecretSchema>;

/** The Azure RBAC actions (as ARM names them in AuthorizationFailed) and the Graph permission each kind needs; Reader covers the ARM ones. */
export const AZURE_RBAC_PERMISSIONS = {
  subscriptions: 'Microsoft.Resources/subscriptions/read',
  resourceGroups: 'Microsoft.Resources/subscriptions/resourceGroups/read',
  roleAssignments: 'Microsoft.Authorization/roleAssignments/read',
  roleDefinitions: 'Microsoft.Authorization/roleDefinitions/read',
  directory: 'Microsoft Graph Directory.Read.All (application permission)',
} as const;

export const azureRbacEvidenceKinds = [
  { kind: AZURE_RBAC_KINDS.subscription, title: 'Subscriptions: name, state, tags and the environment they are identified as', permissions: [AZURE_RBAC_PERMISSIONS.subscriptions] },
  { kind: AZURE_RBAC_KINDS.resourceGroup, title: 'Resource groups: name, tags and the environment they are identified as', permissions: [AZURE_RBAC_PERMISSIONS.resourceGroups] },
  {
    kind: AZURE_RBAC_KINDS.roleAssignment,
    title: 'Role assignments on each subscription, its resource groups and resources, and inherited from management groups and the root scope',
    permissions: [AZURE_RBAC_PERMISSIONS.roleAssignments],
  },
  { kind: AZURE_RBAC_KINDS.roleDefinition, title: 'Custom role definitions, and the built-in roles that are assigned', permissions: [AZURE_RBAC_PERMISSIONS.roleDefinitions] },
  {
    kind: AZURE_RBAC_KINDS.principal,
    title: 'Principals holding roles, looked up in Microsoft Entra ID (enabled or not; members of groups holding Owner or User Access Administrator)',
    permissions: [AZURE_RBAC_PERMISSIONS.roleAssignments, AZURE_RBAC_PERMISSIONS.directory],
  },
] as const satisfies readonly EvidenceKindSpec[];

export const AZURE_RBAC_CREDENTIAL_HELP = [
  'The azure-rbac connector reads Azure role assignments with Azure Resource Manager and looks up the principals holding them in Microsoft Graph, as an app or managed identity:',
  '  1. Azure: assign the Reader role to the identity on the tenant root management group (or on each subscription to monitor):',
  '     az role assignment create --assignee <client-id> --role Reader --scope /providers/Microsoft.Management/managementGroups/<tenant-id>',
  `  2. Microsoft Graph: API permissions → Add → Microsoft Graph → Application permissions: Directory.Read.All → Grant admin consent`,
  '     (without it only the checks about owners and disabled users answer unknown).',
  '  3. Give the app’s client id and secret (and tenantId) on the connection, or leave them empty to use DefaultAzureCredential',
  '     (AZURE_CLIENT_ID / AZURE_CLIENT_SECRET / AZURE_TENANT_ID, workload identity, managed identity or `az login`).',
  'National clouds: set authorityHost, armEndpoint and graphBaseUrl (e.g. https://login.microsoftonline.us, https://management.usgovcloudapi.net, https://graph.microsoft.us).',
].join('\n');

export const azureRbacManifest = {
  id: 'azure-rbac',
  title: 'Azure RBAC',
  description:
    'Reads Azure role-based access control across a tenant’s subscriptions with Azure Resource Manager (role assignments including inherited ones, custom and assigned built-in roles, resource groups and their environment tags) and looks up the principals holding roles in Microsoft Entra ID, with paged list calls only.',
  configSchema: azureRbacConfigSchema,
  secretSchema: azureRbacSecretSchema,
  defaultSchedule: '0 */6 * * *',
  evidenceKinds: azureRbacEvidenceKinds,
  credentialHelp: AZURE_RBAC_CREDENTIAL_HELP,
} as const;
