import type { EnvironmentModel } from '../../model/github-model';
import type { ApiUrls } from '../../rest/api-urls';
import { nodeId } from '../../stable-id';
import { connection, type Connection, type ConnectionArgs } from '../connection';
import { userNode, type UserNode } from './user-node';

type ProtectionRule = EnvironmentModel['protectionRules'][number];

interface ProtectionRuleNode {
  readonly databaseId: number;
  readonly type: ProtectionRule['type'];
  /** Minutes for WAIT_TIMER; 0 for the other rule types (the field is non-null). */
  readonly timeout: number;
  readonly preventSelfReview: boolean | null;
  readonly reviewers: (args: ConnectionArgs) => Connection<UserNode>;
}

export interface EnvironmentNode {
  readonly __typename: 'Environment';
  readonly id: string;
  readonly databaseId: number;
  readonly name: string;
  readonly isPinned: boolean;
  readonly protectionRules: (args: ConnectionArgs) => Connection<ProtectionRuleNode>;
}

function protectionRuleNode(rule: ProtectionRule, urls: ApiUrls): ProtectionRuleNode {
  return {
    databaseId: rule.id,
    type: rule.type,
    timeout: rule.type === 'WAIT_TIMER' ? rule.minutes : 0,
    preventSelfReview: rule.type === 'REQUIRED_REVIEWERS' ? rule.preventSelfReview : null,
    reviewers: (args) => connection(rule.reviewerUsers, args, (u) => userNode(u, urls)),
  };
}

/** GraphQL `Environment` with its deployment protection rules. */
export function environmentNode(env: EnvironmentModel, urls: ApiUrls): EnvironmentNode {
  return {
    __typename: 'Environment',
    id: nodeId('Environment', env.id),
    databaseId: env.id,
    name: env.name,
    isPinned: false,
    protectionRules: (args) => connection(env.protectionRules, args, (r) => protectionRuleNode(r, urls)),
  };
}
