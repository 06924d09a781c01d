import { z } from 'zod';
import type { InstallationModel } from '../../model/github-model';
import { githubTimestamp } from '../../relative-date';
import { DOCS, GithubHttpError, httpErrors } from '../http-error';
import type { RestContext, RestResult, RestRoute } from '../rest-context';

/** Installation access tokens live an hour, as on GitHub. */
const INSTALLATION_TOKEN_TTL_MS = 60 * 60 * 1000;
const LEVELS = ['read', 'write', 'admin'] as const;

const tokenRequestSchema = z
  .object({
    permissions: z.record(z.string(), z.enum(LEVELS)).optional(),
    repositories: z.array(z.string()).optional(),
    repository_ids: z.array(z.number().int()).optional(),
  })
  .optional();

/** The installation named by `{installation_id}`; 404 unless it belongs to the app the JWT names. */
function installationOf(ctx: RestContext, docs: string): InstallationModel {
  const raw = ctx.params['installation_id'] ?? '';
  const installation = /^\d{1,15}$/.test(raw) ? ctx.model.installation(Number(raw)) : undefined;
  if (!installation || installation.app.id !== ctx.principal.app?.id) throw httpErrors.notFound(docs);
  return installation;
}

function invalidRequest(error: z.ZodError): GithubHttpError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `For 'properties/${issue.path.join('/')}', ` : '';
  return httpErrors.unprocessable(`Invalid request.\n\n${where}${issue?.message ?? 'the body does not match the schema'}.`, DOCS.createInstallationToken);
}

/**
 * POST /app/installations/{installation_id}/access_tokens: 201 with a `ghs_…` token that acts as
 * the app's bot with the installation's permissions (or the subset asked for) for an hour.
 */
function createInstallationToken(ctx: RestContext): RestResult {
  const installation = installationOf(ctx, DOCS.createInstallationToken);
  const parsed = tokenRequestSchema.safeParse(ctx.body);
  if (!parsed.success) throw invalidRequest(parsed.error);
  const request = parsed.data ?? {};
  if (request.repositories !== undefined || request.repository_ids !== undefined) {
    // GitHub would narrow the token to those repositories; the emulator's app tokens see every repository.
    throw httpErrors.unprocessable('The emulator does not model installation tokens narrowed to repositories (repositories / repository_ids).', DOCS.createInstallationToken);
  }
  const granted = installation.permissions;
  const permissions = request.permissions ?? granted;
  const exceeds = Object.entries(permissions).some(([name, level]) => {
    const have = granted[name];
    return have === undefined || LEVELS.indexOf(level) > LEVELS.indexOf(have);
  });
  if (exceeds) throw httpErrors.unprocessable('The permissions requested are not granted to this installation.', DOCS.createInstallationToken);
  const expiresAt = new Date(ctx.now().getTime() + INSTALLATION_TOKEN_TTL_MS);
  const token = ctx.model.mintInstallationToken(installation, permissions, expiresAt);
  return { status: 201, body: { token: token.token, expires_at: githubTimestamp(expiresAt), permissions: { ...permissions }, repository_selection: 'all' } };
}

/** GET /app/installations/{installation_id}: the installation on the organization. */
function getInstallation(ctx: RestContext): RestResult {
  const installation = installationOf(ctx, DOCS.getInstallation);
  const { org } = ctx.model;
  const { app } = installation;
  const created = githubTimestamp(installation.createdAt);
  return {
    body: {
      id: installation.id,
      client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
      account: {
        login: org.login,
        id: org.id,
        node_id: org.nodeId,
        avatar_url: `${ctx.urls.web}/avatars/u/${org.id}?`,
        gravatar_id: '',
        url: `${ctx.urls.api}/users/${org.login}`,
        html_url: `${ctx.urls.web}/${org.login}`,
        repos_url: `${ctx.urls.api}/users/${org.login}/repos`,
        type: 'Organization',
        user_view_type: 'public',
        site_admin: false,
      },
      repository_selection: 'all',
      access_tokens_url: `${ctx.urls.api}/app/installations/${installation.id}/access_tokens`,
      repositories_url: `${ctx.urls.api}/installation/repositories`,
      html_url: `${ctx.urls.web}/organizations/${org.login}/settings/installations/${installation.id}`,
      app_id: app.id,
      app_slug: app.slug,
      target_id: org.id,
      target_type: 'Organization',
      permissions: { ...installation.permissions },
      events: [],
      created_at: created,
      updated_at: created,
      single_file_name: null,
      has_multiple_single_files: false,
      single_file_paths: [],
      suspended_by: null,
      suspended_at: null,
    },
  };
}

export const APP_ROUTES: readonly RestRoute[] = [
  { method: 'POST', template: '/app/installations/{installation_id}/access_tokens', acceptedScopes: '', auth: 'app-jwt', handler: createInstallationToken },
  { method: 'GET', template: '/app/installations/{installation_id}', acceptedScopes: '', auth: 'app-jwt', handler: getInstallation },
];
