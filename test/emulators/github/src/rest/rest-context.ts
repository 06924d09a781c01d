import type { Principal } from '../model/access';
import type { GithubModel, OrgModel } from '../model/github-model';
import type { RateLimitResource, RateLimitSnapshot } from '../rate-limiter';
import type { ApiUrls } from './api-urls';
import { httpErrors } from './http-error';

export interface RestContext {
  readonly model: GithubModel;
  readonly principal: Principal;
  /** Path parameters by template name (`org`, `org_id`, `owner`, `repo`). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly urls: ApiUrls;
  /** The caller's quota, for GET /rate_limit. */
  readonly rateLimit: (resource: RateLimitResource) => RateLimitSnapshot;
  /** A POST's JSON body (undefined when empty). */
  readonly body: unknown;
  /** The emulator's wall clock (token lifetimes). */
  readonly now: () => Date;
}

export interface RestResult {
  readonly body: unknown;
  /** Default 200. */
  readonly status?: number;
  /** RFC 5988 Link header of a paged list. */
  readonly link?: string;
}

export interface RestRoute {
  readonly method: 'GET' | 'POST';
  /** `app-jwt`: the caller is a GitHub App, authenticated by a JWT instead of a token (the `/app/…` routes). */
  readonly auth?: 'app-jwt';
  /** `/orgs/{org}/members`: names the route in calls() and gives its path parameters. */
  readonly template: string;
  /** Sent as `x-accepted-oauth-scopes` to classic tokens. */
  readonly acceptedScopes: string;
  /** GET /rate_limit does not count against the quota. */
  readonly free?: boolean;
  readonly handler: (ctx: RestContext) => RestResult;
}

/** The organization named by `{org}` (login, any case) or `{org_id}` (GitHub's own Link URLs use ids). */
export function orgFrom(ctx: RestContext, docs: string): OrgModel {
  const { org } = ctx.model;
  const byLogin = ctx.params['org'];
  const byId = ctx.params['org_id'];
  if (byLogin !== undefined && byLogin.toLowerCase() === org.login.toLowerCase()) return org;
  if (byId !== undefined && byId === String(org.id)) return org;
  throw httpErrors.notFound(docs);
}
