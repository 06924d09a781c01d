import type { BranchProtectionModel } from '../../model/github-model';
import type { ApiUrls } from '../../rest/api-urls';
import { nodeId } from '../../stable-id';
import { connection, type Connection, type ConnectionArgs } from '../connection';
import { userNode, type UserNode } from './user-node';

interface AllowanceNode {
  readonly __typename: 'BypassPullRequestAllowance' | 'BypassForcePushAllowance';
  readonly id: string;
  readonly actor: UserNode;
}

export interface BranchProtectionRuleNode {
  readonly __typename: 'BranchProtectionRule';
  readonly [field: string]: unknown;
}

/** GraphQL `BranchProtectionRule` from the scenario's classic protection of the default branch. */
export function branchProtectionRuleNode(p: BranchProtectionModel, urls: ApiUrls): BranchProtectionRuleNode {
  const allowances = (type: AllowanceNode['__typename'], args: ConnectionArgs): Connection<AllowanceNode> =>
    connection(p.bypassPullRequestActors, args, (u) => ({ __typename: type, id: nodeId(type, u.id), actor: userNode(u, urls) }));
  return {
    __typename: 'BranchProtectionRule',
    id: nodeId('BranchProtectionRule', p.id),
    databaseId: p.id,
    pattern: p.pattern,
    requiresApprovingReviews: p.requiresApprovingReviews,
    // Without required reviews GitHub has no count to report.
    requiredApprovingReviewCount: p.requiresApprovingReviews ? p.requiredApprovingReviewCount : null,
    dismissesStaleReviews: p.dismissesStaleReviews,
    requiresCodeOwnerReviews: p.requiresCodeOwnerReviews,
    requireLastPushApproval: p.requireLastPushApproval,
    requiresStatusChecks: p.requiredStatusCheckContexts.length > 0,
    requiresStrictStatusChecks: p.requiresStrictStatusChecks,
    requiredStatusCheckContexts: p.requiredStatusCheckContexts,
    isAdminEnforced: p.isAdminEnforced,
    allowsForcePushes: p.allowsForcePushes,
    allowsDeletions: p.allowsDeletions,
    requiresLinearHistory: p.requiresLinearHistory,
    requiresCommitSignatures: p.requiresCommitSignatures,
    requiresConversationResolution: p.requiresConversationResolution,
    lockBranch: false,
    restrictsPushes: false,
    restrictsReviewDismissals: false,
    bypassPullRequestAllowances: (args: ConnectionArgs) => allowances('BypassPullRequestAllowance', args),
    bypassForcePushAllowances: (args: ConnectionArgs) => connection([], args, (u: AllowanceNode) => u),
  };
}
