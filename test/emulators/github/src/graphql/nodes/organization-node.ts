import { canListConcealedMembers, canSeeOwnerFields, canSeeTwoFactor, hasPermission, repoAccess } from '../../model/access';
import type { RepoModel } from '../../model/github-model';
import { githubTimestamp } from '../../relative-date';
import { connection, type Connection, type ConnectionArgs } from '../connection';
import type { GraphqlContext } from '../graphql-context';
import { forbidden } from '../graphql-errors';
import { RepositoryNode } from './repository-node';
import { RulesetNode } from './ruleset-node';
import { userNode, type UserNode } from './user-node';

interface RepositoriesArgs extends ConnectionArgs {
  readonly orderBy?: { readonly field: 'CREATED_AT' | 'UPDATED_AT' | 'PUSHED_AT' | 'NAME' | 'STARGAZERS'; readonly direction: 'ASC' | 'DESC' } | null;
  readonly privacy?: 'PUBLIC' | 'PRIVATE' | null;
  readonly visibility?: 'PUBLIC' | 'PRIVATE' | 'INTERNAL' | null;
  readonly isFork?: boolean | null;
  readonly isArchived?: boolean | null;
}

const ORDER_KEYS: Record<string, (r: RepoModel) => number | string> = {
  CREATED_AT: (r) => r.createdAt.getTime(),
  UPDATED_AT: (r) => r.updatedAt.getTime(),
  PUSHED_AT: (r) => r.pushedAt.getTime(),
  NAME: (r) => r.name.toLowerCase(),
  STARGAZERS: (r) => r.scenario.stars,
};

/** GraphQL `Organization`: the one organization of the scenario, seen by the caller. */
export class OrganizationNode {
  readonly __typename = 'Organization';

  constructor(private readonly ctx: GraphqlContext) {}

  private get org(): GraphqlContext['model']['org'] {
    return this.ctx.model.org;
  }

  get id(): string {
    return this.org.nodeId;
  }
  get databaseId(): number {
    return this.org.id;
  }
  get login(): string {
    return this.org.login;
  }
  get name(): string | null {
    return this.org.settings.name;
  }
  get description(): string | null {
    return this.org.settings.description;
  }
  get avatarUrl(): string {
    return `${this.ctx.urls.web}/avatars/u/${this.org.id}?`;
  }
  get url(): string {
    return `${this.ctx.urls.web}/${this.org.login}`;
  }
  get createdAt(): string {
    return githubTimestamp(this.org.createdAt);
  }
  /** Owner-only, like the REST field: null for anyone else. */
  get requiresTwoFactorAuthentication(): boolean | null {
    return canSeeOwnerFields(this.ctx.principal) ? this.org.settings.twoFactorRequirementEnabled : null;
  }
  get viewerIsAMember(): boolean {
    return this.ctx.principal.member !== null;
  }
  get viewerCanAdminister(): boolean {
    return this.ctx.principal.isOrgOwner || hasPermission(this.ctx.principal, 'organization_administration', 'write');
  }

  repositories(args: RepositoriesArgs): Connection<RepositoryNode> & { totalDiskUsage: number } {
    const { model, principal } = this.ctx;
    const key = ORDER_KEYS[args.orderBy?.field ?? 'CREATED_AT'] ?? ((r: RepoModel) => r.createdAt.getTime());
    const sign = args.orderBy?.direction === 'DESC' ? -1 : 1;
    const repos = model.repos
      .filter((r) => repoAccess(model, principal, r).permission !== null)
      .filter((r) => !args.privacy || (args.privacy === 'PUBLIC') === (r.scenario.visibility === 'public'))
      .filter((r) => !args.visibility || args.visibility === r.scenario.visibility.toUpperCase())
      .filter((r) => typeof args.isFork !== 'boolean' || args.isFork === r.scenario.fork)
      .filter((r) => typeof args.isArchived !== 'boolean' || args.isArchived === r.scenario.archived)
      .sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        return (ka < kb ? -1 : ka > kb ? 1 : a.id - b.id) * sign;
      });
    return { ...connection(repos, args, (r) => new RepositoryNode(r, this.ctx)), totalDiskUsage: repos.reduce((n, r) => n + r.size, 0) };
  }

  membersWithRole(args: ConnectionArgs): Connection<UserNode> {
    const { model, principal } = this.ctx;
    const concealed = canListConcealedMembers(principal);
    const twoFactor = canSeeTwoFactor(principal);
    const members = model.members.filter((m) => concealed || m.publicMembership).sort((a, b) => a.user.login.toLowerCase().localeCompare(b.user.login.toLowerCase()));
    return connection(
      members,
      args,
      (m) => userNode(m.user, this.ctx.urls),
      (m) => ({ role: m.role === 'admin' ? 'ADMIN' : 'MEMBER', hasTwoFactorEnabled: twoFactor ? m.user.twoFactor : null }),
    );
  }

  /** Organization rulesets are settings: owners (or apps with organization administration) only. */
  rulesets(args: ConnectionArgs & { readonly targets?: readonly string[] | null }): Connection<RulesetNode> {
    const p = this.ctx.principal;
    if (!p.isOrgOwner && !(p.kind === 'app' && hasPermission(p, 'organization_administration'))) {
      throw forbidden(p.kind === 'app' ? 'Resource not accessible by integration' : 'Must be an organization owner to view organization rulesets.');
    }
    const rulesets = this.org.rulesets.filter((r) => !args.targets || args.targets.includes(r.target));
    return connection(rulesets, args, (r) => new RulesetNode(r, this.ctx));
  }
}
