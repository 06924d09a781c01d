import { GITHUB_KINDS, type EvidenceKindSpec } from '@astrolabe/core';
import { z } from 'zod';

export const githubConfigSchema = z.object({
  /** The organization login, as in https://github.com/<organization>. */
  organization: z.string().trim().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'a GitHub organization login'),
  /** GitHub Enterprise Server (or an emulator): the REST API root, e.g. https://github.example.com/api/v3. */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * GraphQL cannot be asked "has anything changed?", so a run whose conditional REST listing of
   * repositories comes back unchanged (all 304) reuses the last repository scan while it is
   * younger than this; 0 scans every run. Protection changes that touch no repository listing
   * field are therefore seen within this many hours (well inside the 48 h freshness window).
   */
  fullScanHours: z.coerce.number().int().min(0).max(24).default(6),
});
export type GithubConfig = z.output<typeof githubConfigSchema>;

const optionalSecret = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().min(1).optional());

// Either a token (fine-grained or classic), or a GitHub App installation. Nothing at all means
// "use GITHUB_TOKEN / GH_TOKEN from the environment", like the AWS default credential chain.
export const githubSecretSchema = z
  .object({
    token: optionalSecret,
    appId: optionalSecret,
    privateKey: optionalSecret,
    installationId: optionalSecret,
  })
  .refine((s) => !(s.token && (s.appId || s.privateKey || s.installationId)), { message: 'give a token or a GitHub App, not both', path: ['token'] })
  .refine((s) => Boolean(s.appId) === Boolean(s.privateKey) && Boolean(s.appId) === Boolean(s.installationId), {
    message: 'a GitHub App needs appId, privateKey and installationId',
    path: ['installationId'],
  });
export type GithubSecret = z.output<typeof githubSecretSchema>;

/** What each kind needs, as classic token scope / fine-grained (or App) permission. */
export const GITHUB_PERMISSIONS = {
  orgRead: 'read:org (classic) or Organization "Members: read" (fine-grained / App)',
  orgAdminRead: 'admin:org read access: the token of an organization owner (classic), or Organization "Administration: read" (fine-grained / App)',
  repoRead: 'repo (classic) or Repository "Metadata: read" + "Administration: read" (fine-grained / App)',
} as const;

export const githubEvidenceKinds = [
  { kind: GITHUB_KINDS.organization, title: 'Organization settings (2FA requirement, default permission, repository creation)', permissions: [GITHUB_PERMISSIONS.orgAdminRead] },
  { kind: GITHUB_KINDS.member, title: 'Members with role and 2FA state', permissions: [GITHUB_PERMISSIONS.orgRead] },
  { kind: GITHUB_KINDS.outsideCollaborator, title: 'Outside collaborators and the repositories they can reach', permissions: [GITHUB_PERMISSIONS.orgRead, GITHUB_PERMISSIONS.repoRead] },
  {
    kind: GITHUB_KINDS.repository,
    title: 'Repositories: default branch protection and rulesets, environments, secret scanning, Dependabot alerts',
    permissions: [GITHUB_PERMISSIONS.repoRead],
  },
  { kind: GITHUB_KINDS.actionsPermissions, title: 'Actions: allowed actions and default workflow token permissions', permissions: [GITHUB_PERMISSIONS.orgAdminRead] },
] as const satisfies readonly EvidenceKindSpec[];

export const GITHUB_CREDENTIAL_HELP = [
  'The github connector reads one organization. Provide credentials in one of these ways:',
  '  • environment: export GITHUB_TOKEN=… (or GH_TOKEN; e.g. GITHUB_TOKEN=$(gh auth token))',
  '  • in the console: a fine-grained token (Organization: Members read, Administration read; Repository: Metadata, Administration read),',
  '    a classic token with read:org and repo (an organization owner’s token also shows 2FA state and owner-only settings),',
  '    or a GitHub App installation (appId, privateKey, installationId) with the same read permissions',
  'For GitHub Enterprise Server set baseUrl to https://<host>/api/v3.',
].join('\n');

export const githubManifest = {
  id: 'github',
  title: 'GitHub',
  description:
    'Reads a GitHub organization (cloud or Enterprise Server): 2FA and owners, outside collaborators, default-branch protection and rulesets, production environments, secret scanning, Dependabot and Actions token permissions, with GraphQL batches and conditional REST requests to spare API quota.',
  configSchema: githubConfigSchema,
  secretSchema: githubSecretSchema,
  defaultSchedule: '0 */6 * * *',
  evidenceKinds: githubEvidenceKinds,
  credentialHelp: GITHUB_CREDENTIAL_HELP,
} as const;
