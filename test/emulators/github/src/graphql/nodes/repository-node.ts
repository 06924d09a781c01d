import { repoAccess, userPermission, type RepoAccess } from '../../model/access';
import { matchesBranch } from '../../model/glob';
import type { RepoModel, UserModel } from '../../model/github-model';
import { githubTimestamp } from '../../relative-date';
import type { RepositoryPermission } from '../../scenario-schema';
import { nodeId } from '../../stable-id';
import { connection, type Connection, type ConnectionArgs } from '../connection';
import type { GraphqlContext } from '../graphql-context';
import { forbidden } from '../graphql-errors';
import { branchProtectionRuleNode, type BranchProtectionRuleNode } from './branch-protection-node';
import { environmentNode, type EnvironmentNode } from './environment-node';
import { OrganizationNode } from './organization-node';
import { RulesetNode } from './ruleset-node';
import { userNode, type UserNode } from './user-node';

interface RefNode {
  readonly __typename: 'Ref';
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly branchProtectionRule: BranchProtectionRuleNode | null;
}

interface CollaboratorsArgs extends ConnectionArgs {
  readonly affiliation?: 'OUTSIDE' | 'DIRECT' | 'ALL' | null;
  readonly login?: string | null;
  readonly query?: string | null;
}

interface Collaborator {
  readonly user: UserModel;
  readonly permission: RepositoryPermission;
}

/** GraphQL `Repository`; what the caller may see follows its access (see model/access.ts). */
export class RepositoryNode {
  readonly __typename = 'Repository';
  private readonly access: RepoAccess;

  constructor(
    private readonly repo: RepoModel,
    private readonly ctx: GraphqlContext,
  ) {
    this.access = repoAccess(ctx.model, ctx.principal, repo);
  }

  get id(): string {
    return this.repo.nodeId;
  }
  get databaseId(): number {
    return this.repo.id;
  }
  get name(): string {
    return this.repo.name;
  }
  get nameWithOwner(): string {
    return this.repo.fullName;
  }
  get description(): string | null {
    return this.repo.scenario.description;
  }
  get url(): string {
    return `${this.ctx.urls.web}/${this.repo.fullName}`;
  }
  get owner(): OrganizationNode {
    return new OrganizationNode(this.ctx);
  }
  get visibility(): string {
    return this.repo.scenario.visibility.toUpperCase();
  }
  get isPrivate(): boolean {
    return this.repo.scenario.visibility !== 'public';
  }
  get isArchived(): boolean {
    return this.repo.scenario.archived;
  }
  get isDisabled(): boolean {
    return false;
  }
  get isFork(): boolean {
    return this.repo.scenario.fork;
  }
  get isEmpty(): boolean {
    return this.repo.scenario.empty;
  }
  get isTemplate(): boolean {
    return false;
  }
  get isLocked(): boolean {
    return false;
  }
  get archivedAt(): string | null {
    return this.repo.scenario.archived ? githubTimestamp(this.repo.updatedAt) : null;
  }
  get createdAt(): string {
    return githubTimestamp(this.repo.createdAt);
  }
  get updatedAt(): string {
    return githubTimestamp(this.repo.updatedAt);
  }
  get pushedAt(): string | null {
    return this.repo.scenario.empty ? null : githubTimestamp(this.repo.pushedAt);
  }
  get diskUsage(): number {
    return this.repo.size;
  }
  get stargazerCount(): number {
    return this.repo.scenario.stars;
  }
  /**
   * Non-null in GitHub's schema, so a caller without admin rights cannot get an error here: it
   * reads `false`. Pair it with viewerPermission to tell "off" from "not visible".
   */
  get hasVulnerabilityAlertsEnabled(): boolean {
    return this.access.admin && this.repo.scenario.security.vulnerabilityAlerts;
  }
  get viewerPermission(): RepositoryPermission | null {
    return this.access.permission;
  }
  get viewerCanAdminister(): boolean {
    return this.access.admin;
  }

  /** null for an empty repository (no commits, so no branch). */
  get defaultBranchRef(): RefNode | null {
    const r = this.repo.scenario;
    if (r.empty) return null;
    return {
      __typename: 'Ref',
      id: nodeId('Ref', this.repo.id),
      name: r.defaultBranch,
      prefix: 'refs/heads/',
      branchProtectionRule: this.matchingProtection(r.defaultBranch),
    };
  }

  branchProtectionRules(args: ConnectionArgs): Connection<BranchProtectionRuleNode> {
    const rule = this.access.admin && this.repo.branchProtection ? [this.repo.branchProtection] : [];
    return connection(rule, args, (p) => branchProtectionRuleNode(p, this.ctx.urls));
  }

  rulesets(args: ConnectionArgs & { readonly includeParents?: boolean | null; readonly targets?: readonly string[] | null }): Connection<RulesetNode> {
    const rulesets = this.ctx.model.rulesetsFor(this.repo, args.includeParents !== false).filter((r) => !args.targets || args.targets.includes(r.target));
    return connection(rulesets, args, (r) => new RulesetNode(r, this.ctx));
  }

  environments(args: ConnectionArgs & { readonly names?: readonly string[] | null }): Connection<EnvironmentNode> {
    const envs = this.repo.environments.filter((e) => !args.names || args.names.includes(e.name));
    return connection(envs, args, (e) => environmentNode(e, this.ctx.urls));
  }

  /** GitHub refuses the collaborator list to callers without push access (FORBIDDEN, field null). */
  collaborators(args: CollaboratorsArgs): Connection<UserNode> {
    if (!this.access.push) throw forbidden('Must have push access to view repository collaborators.');
    const affiliation = args.affiliation ?? 'ALL';
    const list = this.collaboratorList(affiliation)
      .filter((c) => !args.login || c.user.login.toLowerCase() === args.login.toLowerCase())
      .filter((c) => !args.query || c.user.login.toLowerCase().includes(args.query.toLowerCase()))
      .sort((a, b) => a.user.login.toLowerCase().localeCompare(b.user.login.toLowerCase()));
    return connection(
      list,
      args,
      (c) => userNode(c.user, this.ctx.urls),
      (c) => ({ permission: c.permission }),
    );
  }

  /** Protection is settings: only a caller with admin rights sees the rule (others read null). */
  private matchingProtection(branch: string): BranchProtectionRuleNode | null {
    const rule = this.repo.branchProtection;
    if (!this.access.admin || !rule || !matchesBranch(rule.pattern, branch)) return null;
    return branchProtectionRuleNode(rule, this.ctx.urls);
  }

  private collaboratorList(affiliation: 'OUTSIDE' | 'DIRECT' | 'ALL'): Collaborator[] {
    const { model } = this.ctx;
    const outside: Collaborator[] = model.outsideCollaborators.flatMap((c) => {
      const permission = c.grants.get(this.repo.name);
      return permission ? [{ user: c.user, permission }] : [];
    });
    if (affiliation === 'OUTSIDE') return outside;
    const members: Collaborator[] = model.members.flatMap((m) => {
      const direct = m.grants.get(this.repo.name);
      if (affiliation === 'DIRECT') return direct ? [{ user: m.user, permission: direct }] : [];
      const permission = userPermission(model, { isOrgOwner: m.role === 'admin', member: m, collaborator: null }, this.repo);
      return permission ? [{ user: m.user, permission }] : [];
    });
    return [...members, ...outside];
  }
}
