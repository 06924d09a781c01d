import type { RateLimits, RepositoryPermission } from '../scenario-schema';
import type { AppModel, CollaboratorModel, GithubModel, MemberModel, RepoModel, TokenModel, UserModel } from './github-model';

export type TokenKind = TokenModel['kind'];
type PermissionLevel = 'read' | 'write' | 'admin';

/** Who is calling: resolved once per request from the Authorization header. */
export interface Principal {
  /** `app-jwt`: a GitHub App itself (a JWT), which only the `/app/…` routes accept. */
  readonly kind: TokenKind | 'anonymous' | 'app-jwt';
  readonly user: UserModel | null;
  readonly member: MemberModel | null;
  readonly collaborator: CollaboratorModel | null;
  /** A user token of an organization owner (role `admin`). */
  readonly isOrgOwner: boolean;
  /** Classic tokens only: echoed in `x-oauth-scopes`. */
  readonly scopes: readonly string[] | null;
  /** Fine-grained and app tokens. */
  readonly permissions: Readonly<Record<string, PermissionLevel>>;
  readonly limits: RateLimits;
  /** Quota is per user (all of a user's tokens share it) or per app installation. */
  readonly bucketKey: string;
  /** The GitHub App behind a JWT or a minted installation token. */
  readonly app: AppModel | null;
}

/** Anonymous callers get GitHub's unauthenticated quota: 60 REST requests an hour, no GraphQL. */
export const ANONYMOUS: Principal = {
  kind: 'anonymous',
  user: null,
  member: null,
  collaborator: null,
  isOrgOwner: false,
  scopes: null,
  permissions: {},
  limits: { core: 60, graphql: 0 },
  bucketKey: 'anonymous',
  app: null,
};

export function principalFor(model: GithubModel, token: TokenModel): Principal {
  const member = token.kind === 'app' ? undefined : model.member(token.user.login);
  return {
    kind: token.kind,
    user: token.user,
    member: member ?? null,
    collaborator: token.kind === 'app' ? null : (model.collaborator(token.user.login) ?? null),
    isOrgOwner: member?.role === 'admin',
    scopes: token.kind === 'classic' ? token.scopes : null,
    permissions: token.kind === 'classic' ? {} : token.permissions,
    limits: token.limits,
    bucketKey: token.installation ? `installation:${token.installation.id}` : token.kind === 'app' ? `app:${token.token}` : `user:${token.user.login.toLowerCase()}`,
    app: token.installation?.app ?? null,
  };
}

/** A GitHub App authenticated by its JWT: no user, no permissions; its own quota (GitHub: per app). */
export function appJwtPrincipal(app: AppModel, limits: RateLimits): Principal {
  return { kind: 'app-jwt', user: null, member: null, collaborator: null, isOrgOwner: false, scopes: null, permissions: {}, limits, bucketKey: `app-jwt:${app.id}`, app };
}

/** Broader classic scopes include narrower ones (`admin:org` ⊃ `write:org` ⊃ `read:org`, `repo` ⊃ `public_repo`). */
const IMPLIED_BY: Record<string, readonly string[]> = {
  'read:org': ['write:org', 'admin:org'],
  'write:org': ['admin:org'],
  public_repo: ['repo'],
};

export function hasScope(p: Principal, scope: string): boolean {
  const scopes = p.scopes ?? [];
  return scopes.includes(scope) || (IMPLIED_BY[scope] ?? []).some((s) => scopes.includes(s));
}

const LEVELS: readonly PermissionLevel[] = ['read', 'write', 'admin'];
export function hasPermission(p: Principal, name: string, level: PermissionLevel = 'read'): boolean {
  const granted = p.permissions[name];
  return granted !== undefined && LEVELS.indexOf(granted) >= LEVELS.indexOf(level);
}

/** Organization-level reads: a classic scope, or a fine-grained/app permission, per token kind. */
function orgCapability(p: Principal, scope: string, permission: string, ownersOnly: boolean): boolean {
  if (p.kind === 'app') return hasPermission(p, permission);
  if (ownersOnly && !p.isOrgOwner) return false;
  if (p.kind === 'classic') return hasScope(p, scope);
  if (p.kind === 'fine-grained') return hasPermission(p, permission);
  return false;
}

/** Documented for GET /orgs/{org}: full details need an owner, and `admin:org` for classic tokens. */
export const canSeeOwnerFields = (p: Principal): boolean => orgCapability(p, 'admin:org', 'organization_administration', true);
/** Concealed (non-public) members are listed to members of the org with `read:org`. */
export const canListConcealedMembers = (p: Principal): boolean => (p.member !== null || p.kind === 'app') && orgCapability(p, 'read:org', 'members', false);
/** `filter=2fa_disabled` and the outside-collaborator list are owners-only. */
export const canSeeTwoFactor = (p: Principal): boolean => orgCapability(p, 'read:org', 'members', true);
export const canReadActionsSettings = (p: Principal): boolean => orgCapability(p, 'admin:org', 'organization_administration', true);

const RANK: readonly RepositoryPermission[] = ['READ', 'TRIAGE', 'WRITE', 'MAINTAIN', 'ADMIN'];
const maxPermission = (a: RepositoryPermission | null, b: RepositoryPermission | null): RepositoryPermission | null =>
  a === null ? b : b === null ? a : RANK.indexOf(a) >= RANK.indexOf(b) ? a : b;
export const atLeast = (have: RepositoryPermission | null, need: RepositoryPermission): boolean => have !== null && RANK.indexOf(have) >= RANK.indexOf(need);

const BASE_PERMISSION: Record<string, RepositoryPermission | null> = { read: 'READ', write: 'WRITE', admin: 'ADMIN', none: null };

/** What a user (ignoring the token's limits) may do on a repository: owner, base permission, grants. */
export function userPermission(model: GithubModel, p: Pick<Principal, 'isOrgOwner' | 'member' | 'collaborator'>, repo: RepoModel): RepositoryPermission | null {
  const publicRead: RepositoryPermission | null = repo.scenario.visibility === 'public' ? 'READ' : null;
  if (p.isOrgOwner) return 'ADMIN';
  if (p.member) {
    const base = BASE_PERMISSION[model.org.settings.defaultRepositoryPermission] ?? null;
    const internal: RepositoryPermission | null = repo.scenario.visibility === 'internal' ? 'READ' : null;
    return maxPermission(maxPermission(base, p.member.grants.get(repo.name) ?? null), maxPermission(internal, publicRead));
  }
  if (p.collaborator) return maxPermission(p.collaborator.grants.get(repo.name) ?? null, publicRead);
  return publicRead;
}

export interface RepoAccess {
  /** null: the repository is invisible to this caller. */
  readonly permission: RepositoryPermission | null;
  /** May read admin-only settings (security_and_analysis, branch protection, bypass actors). */
  readonly admin: boolean;
  /** May list collaborators (GitHub: push access). */
  readonly push: boolean;
}

/** Combines what the user may do with what the token lets it do (scopes / fine-grained / app permissions). */
export function repoAccess(model: GithubModel, p: Principal, repo: RepoModel): RepoAccess {
  if (p.kind === 'app') {
    // An installation on all repositories: its permissions, not a collaborator role, decide.
    const admin = hasPermission(p, 'administration');
    const permission: RepositoryPermission = hasPermission(p, 'administration', 'write') ? 'ADMIN' : hasPermission(p, 'contents', 'write') ? 'WRITE' : 'READ';
    return { permission, admin, push: true };
  }
  const permission = userPermission(model, p, repo);
  if (permission === null) return { permission: null, admin: false, push: false };
  if (p.kind === 'classic' && repo.scenario.visibility !== 'public' && !hasScope(p, 'repo')) return { permission: null, admin: false, push: false };
  const tokenAllowsAdmin = p.kind === 'classic' ? hasScope(p, 'repo') : p.kind === 'fine-grained' ? hasPermission(p, 'administration') : false;
  return { permission, admin: permission === 'ADMIN' && tokenAllowsAdmin, push: atLeast(permission, 'WRITE') };
}
