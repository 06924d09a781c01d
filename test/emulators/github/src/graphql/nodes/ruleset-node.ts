import { hasPermission, repoAccess } from '../../model/access';
import type { RulesetModel } from '../../model/github-model';
import { githubTimestamp } from '../../relative-date';
import type { ScenarioRule } from '../../scenario-schema';
import { nodeId } from '../../stable-id';
import { connection, type Connection, type ConnectionArgs } from '../connection';
import type { GraphqlContext } from '../graphql-context';
import { forbidden } from '../graphql-errors';
import { OrganizationNode } from './organization-node';
import { RepositoryNode } from './repository-node';

type ParametersNode = { readonly __typename: string } & Record<string, unknown>;

interface RuleNode {
  readonly __typename: 'RepositoryRule';
  readonly id: string;
  readonly type: ScenarioRule['type'];
  readonly parameters: ParametersNode | null;
  readonly repositoryRuleset: RulesetNode;
}

/** RuleParameters union members for the rule types that have parameters; null for the rest. */
function parametersNode(rule: ScenarioRule): ParametersNode | null {
  if (rule.type === 'PULL_REQUEST') return { __typename: 'PullRequestParameters', ...rule.parameters };
  if (rule.type === 'REQUIRED_STATUS_CHECKS') {
    return {
      __typename: 'RequiredStatusChecksParameters',
      requiredStatusChecks: rule.parameters.requiredStatusChecks.map((context) => ({ context, integrationId: null })),
      strictRequiredStatusChecksPolicy: rule.parameters.strictRequiredStatusChecksPolicy,
      doNotEnforceOnCreate: false,
    };
  }
  if (rule.type === 'REQUIRED_DEPLOYMENTS') return { __typename: 'RequiredDeploymentsParameters', ...rule.parameters };
  if (rule.type === 'UPDATE') return { __typename: 'UpdateParameters', updateAllowsFetchAndMerge: false };
  return null;
}

/** GraphQL `RepositoryRuleset`, repository- or organization-level (its `source`). */
export class RulesetNode {
  readonly __typename = 'RepositoryRuleset';

  constructor(
    private readonly ruleset: RulesetModel,
    private readonly ctx: GraphqlContext,
  ) {}

  get id(): string {
    return nodeId('RepositoryRuleset', this.ruleset.id);
  }
  get databaseId(): number {
    return this.ruleset.id;
  }
  get name(): string {
    return this.ruleset.name;
  }
  get enforcement(): string {
    return this.ruleset.enforcement;
  }
  get target(): string {
    return this.ruleset.target;
  }
  get source(): RepositoryNode | OrganizationNode {
    return this.ruleset.ownerRepository ? new RepositoryNode(this.ruleset.ownerRepository, this.ctx) : new OrganizationNode(this.ctx);
  }
  get conditions(): Record<string, unknown> {
    const { refName, repositoryName } = this.ruleset;
    return {
      refName: { include: refName.include, exclude: refName.exclude },
      repositoryName: repositoryName ? { include: repositoryName.include, exclude: repositoryName.exclude, protected: false } : null,
    };
  }
  get createdAt(): string {
    return githubTimestamp(this.ruleset.createdAt);
  }
  get updatedAt(): string {
    return githubTimestamp(this.ruleset.createdAt);
  }

  /** Who may bypass is admin knowledge: admins of the source see it, others get FORBIDDEN. */
  bypassActors(args: ConnectionArgs): Connection<Record<string, unknown>> {
    const p = this.ctx.principal;
    const owner = this.ruleset.ownerRepository;
    const admin = owner
      ? repoAccess(this.ctx.model, p, owner).admin
      : p.isOrgOwner || (p.kind === 'app' && hasPermission(p, 'organization_administration'));
    if (!admin) throw forbidden(p.kind === 'app' ? 'Resource not accessible by integration' : 'Must have admin access to view ruleset bypass actors.');
    const actors = Array.from({ length: this.ruleset.bypassActors }, (_, i) => i);
    return connection(actors, args, (i) => ({
      __typename: 'RepositoryRulesetBypassActor',
      id: nodeId('RepositoryRulesetBypassActor', this.ruleset.id * 100 + i),
      bypassMode: 'ALWAYS',
      // The first bypass actor of a ruleset is the usual one: organization admins.
      organizationAdmin: i === 0,
      repositoryRoleName: i === 0 ? null : 'maintain',
    }));
  }

  rules(args: ConnectionArgs & { readonly type?: string | null }): Connection<RuleNode> {
    const rules = this.ruleset.rules.filter((r) => !args.type || r.type === args.type);
    return connection(rules, args, (rule) => ({
      __typename: 'RepositoryRule' as const,
      id: nodeId('RepositoryRule', this.ruleset.id * 100 + this.ruleset.rules.indexOf(rule)),
      type: rule.type,
      parameters: parametersNode(rule),
      repositoryRuleset: this,
    }));
  }
}
