import { repoAccess } from '../model/access';
import type { GraphqlContext } from './graphql-context';
import { forbidden, githubError } from './graphql-errors';
import { OrganizationNode } from './nodes/organization-node';
import { RepositoryNode } from './nodes/repository-node';
import { userNode, type UserNode } from './nodes/user-node';

/** The `Query` type: graphql-js calls these with (args, context) as the root value's methods. */
export const queryRoot = {
  rateLimit(_args: unknown, ctx: GraphqlContext): Record<string, unknown> {
    const { cost, nodeCount, snapshot } = ctx.rateLimit;
    return {
      cost,
      nodeCount,
      limit: snapshot.limit,
      remaining: snapshot.remaining,
      used: snapshot.used,
      resetAt: new Date(snapshot.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  },

  organization(args: { login: string }, ctx: GraphqlContext): OrganizationNode {
    if (args.login.toLowerCase() !== ctx.model.org.login.toLowerCase()) {
      throw githubError('NOT_FOUND', `Could not resolve to an Organization with the login of '${args.login}'.`);
    }
    return new OrganizationNode(ctx);
  },

  /** Unknown and invisible repositories read the same, as on GitHub. */
  repository(args: { owner: string; name: string }, ctx: GraphqlContext): RepositoryNode {
    const repo = ctx.model.repo(args.name);
    if (!repo || args.owner.toLowerCase() !== ctx.model.org.login.toLowerCase() || repoAccess(ctx.model, ctx.principal, repo).permission === null) {
      throw githubError('NOT_FOUND', `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`);
    }
    return new RepositoryNode(repo, ctx);
  },

  viewer(_args: unknown, ctx: GraphqlContext): UserNode {
    const p = ctx.principal;
    if (p.kind === 'app' || !p.user) throw forbidden('Resource not accessible by integration');
    return userNode(p.user, ctx.urls);
  },
};
