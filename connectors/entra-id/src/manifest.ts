import { ENTRA_KINDS, type EvidenceKindSpec } from '@astrolabe/core';
import { z } from 'zod';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Console forms send "" for an untouched optional field: treat it as absent. */
const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalUrl = z.preprocess(blankToUndefined, z.url({ protocol: /^https$/, error: 'an https:// URL' }).optional());

export const entraConfigSchema = z.object({
  /** The directory (tenant) id, or its initial domain (`contoso.onmicrosoft.com`). */
  tenantId: z
    .string()
    .trim()
    .refine((t) => GUID.test(t) || DOMAIN.test(t), { message: 'a tenant id (GUID) or domain such as contoso.onmicrosoft.com' }),
  /**
   * The Microsoft identity platform host, for national clouds (https://login.microsoftonline.us,
   * https://login.chinacloudapi.cn) or an emulator. Default: https://login.microsoftonline.com.
   */
  authorityHost: optionalUrl,
  /** Microsoft Graph's root for national clouds (https://graph.microsoft.us) or an emulator. Default: https://graph.microsoft.com. */
  graphBaseUrl: optionalUrl,
  /**
   * Extra CA certificates (PEM) to trust for the authority and Graph hosts, besides the system's:
   * a TLS-inspecting proxy, a private cloud, or the emulator. Public certificates, not secrets.
   */
  caCertificates: z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((pem) => pem.includes('-----BEGIN CERTIFICATE-----'), { message: 'PEM certificates ("-----BEGIN CERTIFICATE-----")' })
      .optional(),
  ),
});
export type EntraConfig = z.output<typeof entraConfigSchema>;

const optionalSecret = z.preprocess(blankToUndefined, z.string().trim().min(1).optional());

// An app registration's client id and secret, or nothing: then DefaultAzureCredential (environment
// variables, workload identity, managed identity, Azure CLI), like the AWS default chain.
export const entraSecretSchema = z
  .object({
    clientId: z.preprocess(blankToUndefined, z.string().trim().regex(GUID, 'the application (client) id, a GUID').optional()),
    clientSecret: optionalSecret,
  })
  .refine((s) => Boolean(s.clientId) === Boolean(s.clientSecret), { message: 'give the client id and the client secret together, or neither', path: ['clientSecret'] });
export type EntraSecret = z.output<typeof entraSecretSchema>;

/** Microsoft Graph application permissions (least privileged) each kind needs, granted with admin consent. */
export const ENTRA_PERMISSIONS = {
  users: 'User.Read.All',
  auditLogs: 'AuditLog.Read.All',
  roleManagement: 'RoleManagement.Read.Directory',
  groupMembers: 'GroupMember.Read.All',
  policies: 'Policy.Read.All',
  /** Optional: only names the tenant in findings. */
  organization: 'Organization.Read.All',
} as const;

export const entraEvidenceKinds = [
  { kind: ENTRA_KINDS.user, title: 'Users: account enabled, member or guest, created, invitation state', permissions: [ENTRA_PERMISSIONS.users] },
  {
    kind: ENTRA_KINDS.userSignInActivity,
    title: 'Users’ last sign-in (interactive, non-interactive, successful); needs Microsoft Entra ID P1 or P2',
    permissions: [ENTRA_PERMISSIONS.users, ENTRA_PERMISSIONS.auditLogs],
  },
  { kind: ENTRA_KINDS.mfaRegistration, title: 'Authentication methods registration (MFA registered and capable); needs Microsoft Entra ID P1 or P2', permissions: [ENTRA_PERMISSIONS.auditLogs] },
  {
    kind: ENTRA_KINDS.directoryRoleAssignment,
    title: 'Active directory role assignments, with the users of role-assignable groups expanded transitively',
    permissions: [ENTRA_PERMISSIONS.roleManagement, ENTRA_PERMISSIONS.groupMembers],
  },
  { kind: ENTRA_KINDS.conditionalAccessPolicy, title: 'Conditional Access policies: who and which apps they cover, state, grant controls', permissions: [ENTRA_PERMISSIONS.policies] },
  { kind: ENTRA_KINDS.securityDefaults, title: 'Security defaults (on or off)', permissions: [ENTRA_PERMISSIONS.policies] },
] as const satisfies readonly EvidenceKindSpec[];

export const ENTRA_CREDENTIAL_HELP = [
  'The entra-id connector reads one Microsoft Entra tenant through Microsoft Graph, as an app (no user sign-in):',
  '  1. Register an app: Entra admin center → App registrations → New registration (single tenant).',
  `  2. API permissions → Add → Microsoft Graph → Application permissions: ${Object.values(ENTRA_PERMISSIONS).join(', ')}`,
  '     (Organization.Read.All is optional: it only names the tenant) → Grant admin consent.',
  '  3. Certificates & secrets → New client secret; give the client id and secret on the connection,',
  '     or leave them empty to use DefaultAzureCredential (AZURE_CLIENT_ID / AZURE_CLIENT_SECRET / AZURE_TENANT_ID,',
  '     workload identity, managed identity or `az login`).',
  'Sign-in activity and the MFA registration report need Microsoft Entra ID P1 or P2; without them only the checks reading them answer unknown.',
  'National clouds: set authorityHost (https://login.microsoftonline.us) and graphBaseUrl (https://graph.microsoft.us).',
].join('\n');

export const entraManifest = {
  id: 'entra-id',
  title: 'Microsoft Entra ID',
  description:
    'Reads a Microsoft Entra tenant through Microsoft Graph: users and guests with their last sign-in, MFA registration, directory role assignments (group assignments expanded), Conditional Access policies and security defaults, with paged $select queries that stay within Graph throttling limits.',
  configSchema: entraConfigSchema,
  secretSchema: entraSecretSchema,
  defaultSchedule: '0 */6 * * *',
  evidenceKinds: entraEvidenceKinds,
  credentialHelp: ENTRA_CREDENTIAL_HELP,
} as const;
