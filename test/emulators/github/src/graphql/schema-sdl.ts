/**
 * A subset of GitHub's GraphQL schema (names, nullability and arguments as in the public schema)
 * covering what a compliance connector reads: organization, repositories with branch protection,
 * rulesets, environments and collaborators, and rateLimit. Anything not listed here is answered
 * the way GitHub answers an unknown field: a validation error.
 */
export const GITHUB_SCHEMA_SDL = /* GraphQL */ `
scalar DateTime
scalar URI

type Query {
  rateLimit(dryRun: Boolean = false): RateLimit
  organization(login: String!): Organization
  repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
  viewer: User!
}

type RateLimit {
  cost: Int!
  limit: Int!
  nodeCount: Int!
  remaining: Int!
  resetAt: DateTime!
  used: Int!
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

interface Node {
  id: ID!
}

interface Actor {
  login: String!
  avatarUrl(size: Int): URI!
  url: URI!
}

interface RepositoryOwner {
  id: ID!
  login: String!
  url: URI!
}

type User implements Node & Actor & RepositoryOwner {
  id: ID!
  databaseId: Int
  login: String!
  name: String
  avatarUrl(size: Int): URI!
  url: URI!
  createdAt: DateTime!
}

type Bot implements Node & Actor {
  id: ID!
  databaseId: Int
  login: String!
  avatarUrl(size: Int): URI!
  url: URI!
}

type Team implements Node {
  id: ID!
  name: String!
  slug: String!
}

type App implements Node {
  id: ID!
  name: String!
  slug: String!
}

type Enterprise implements Node {
  id: ID!
  name: String!
  slug: String!
}

type Organization implements Node & Actor & RepositoryOwner {
  id: ID!
  databaseId: Int
  login: String!
  name: String
  description: String
  avatarUrl(size: Int): URI!
  url: URI!
  createdAt: DateTime!
  requiresTwoFactorAuthentication: Boolean
  viewerIsAMember: Boolean!
  viewerCanAdminister: Boolean!
  repositories(
    first: Int
    after: String
    last: Int
    before: String
    orderBy: RepositoryOrder
    privacy: RepositoryPrivacy
    visibility: RepositoryVisibility
    isFork: Boolean
    isArchived: Boolean
    affiliations: [RepositoryAffiliation]
    ownerAffiliations: [RepositoryAffiliation] = [OWNER, COLLABORATOR]
    isLocked: Boolean
  ): RepositoryConnection!
  membersWithRole(first: Int, after: String, last: Int, before: String): OrganizationMemberConnection!
  rulesets(first: Int, after: String, last: Int, before: String, includeParents: Boolean = true, targets: [RepositoryRulesetTarget!]): RepositoryRulesetConnection
}

enum RepositoryPrivacy { PRIVATE PUBLIC }
enum RepositoryVisibility { PRIVATE PUBLIC INTERNAL }
enum RepositoryAffiliation { OWNER COLLABORATOR ORGANIZATION_MEMBER }
enum OrderDirection { ASC DESC }
enum RepositoryOrderField { CREATED_AT UPDATED_AT PUSHED_AT NAME STARGAZERS }
input RepositoryOrder { field: RepositoryOrderField!, direction: OrderDirection! }

type RepositoryConnection {
  edges: [RepositoryEdge]
  nodes: [Repository]
  pageInfo: PageInfo!
  totalCount: Int!
  totalDiskUsage: Int!
}
type RepositoryEdge { cursor: String!, node: Repository }

enum OrganizationMemberRole { ADMIN MEMBER }
type OrganizationMemberConnection {
  edges: [OrganizationMemberEdge]
  nodes: [User]
  pageInfo: PageInfo!
  totalCount: Int!
}
type OrganizationMemberEdge {
  cursor: String!
  node: User
  role: OrganizationMemberRole
  hasTwoFactorEnabled: Boolean
}

enum RepositoryPermission { ADMIN MAINTAIN WRITE TRIAGE READ }
enum CollaboratorAffiliation { OUTSIDE DIRECT ALL }

type Repository implements Node {
  id: ID!
  databaseId: Int
  name: String!
  nameWithOwner: String!
  description: String
  url: URI!
  owner: RepositoryOwner!
  visibility: RepositoryVisibility!
  isPrivate: Boolean!
  isArchived: Boolean!
  isDisabled: Boolean!
  isFork: Boolean!
  isEmpty: Boolean!
  isTemplate: Boolean!
  isLocked: Boolean!
  archivedAt: DateTime
  createdAt: DateTime!
  updatedAt: DateTime!
  pushedAt: DateTime
  diskUsage: Int
  stargazerCount: Int!
  hasVulnerabilityAlertsEnabled: Boolean!
  viewerPermission: RepositoryPermission
  viewerCanAdminister: Boolean!
  defaultBranchRef: Ref
  branchProtectionRules(first: Int, after: String, last: Int, before: String): BranchProtectionRuleConnection!
  rulesets(first: Int, after: String, last: Int, before: String, includeParents: Boolean = true, targets: [RepositoryRulesetTarget!]): RepositoryRulesetConnection
  environments(first: Int, after: String, last: Int, before: String, names: [String!]): EnvironmentConnection!
  collaborators(first: Int, after: String, last: Int, before: String, affiliation: CollaboratorAffiliation, login: String, query: String): RepositoryCollaboratorConnection
}

type Ref implements Node {
  id: ID!
  name: String!
  prefix: String!
  branchProtectionRule: BranchProtectionRule
}

type BranchProtectionRuleConnection {
  edges: [BranchProtectionRuleEdge]
  nodes: [BranchProtectionRule]
  pageInfo: PageInfo!
  totalCount: Int!
}
type BranchProtectionRuleEdge { cursor: String!, node: BranchProtectionRule }

type BranchProtectionRule implements Node {
  id: ID!
  databaseId: Int
  pattern: String!
  requiresApprovingReviews: Boolean!
  requiredApprovingReviewCount: Int
  dismissesStaleReviews: Boolean!
  requiresCodeOwnerReviews: Boolean!
  requireLastPushApproval: Boolean!
  requiresStatusChecks: Boolean!
  requiresStrictStatusChecks: Boolean!
  requiredStatusCheckContexts: [String]
  isAdminEnforced: Boolean!
  allowsForcePushes: Boolean!
  allowsDeletions: Boolean!
  requiresLinearHistory: Boolean!
  requiresCommitSignatures: Boolean!
  requiresConversationResolution: Boolean!
  lockBranch: Boolean!
  restrictsPushes: Boolean!
  restrictsReviewDismissals: Boolean!
  bypassPullRequestAllowances(first: Int, after: String, last: Int, before: String): BypassPullRequestAllowanceConnection!
  bypassForcePushAllowances(first: Int, after: String, last: Int, before: String): BypassForcePushAllowanceConnection!
}

union BranchActorAllowanceActor = App | Team | User

type BypassPullRequestAllowanceConnection {
  edges: [BypassPullRequestAllowanceEdge]
  nodes: [BypassPullRequestAllowance]
  pageInfo: PageInfo!
  totalCount: Int!
}
type BypassPullRequestAllowanceEdge { cursor: String!, node: BypassPullRequestAllowance }
type BypassPullRequestAllowance implements Node { id: ID!, actor: BranchActorAllowanceActor }

type BypassForcePushAllowanceConnection {
  edges: [BypassForcePushAllowanceEdge]
  nodes: [BypassForcePushAllowance]
  pageInfo: PageInfo!
  totalCount: Int!
}
type BypassForcePushAllowanceEdge { cursor: String!, node: BypassForcePushAllowance }
type BypassForcePushAllowance implements Node { id: ID!, actor: BranchActorAllowanceActor }

enum RuleEnforcement { ACTIVE DISABLED EVALUATE }
enum RepositoryRulesetTarget { BRANCH TAG PUSH REPOSITORY }
union RuleSource = Enterprise | Organization | Repository

type RepositoryRulesetConnection {
  edges: [RepositoryRulesetEdge]
  nodes: [RepositoryRuleset]
  pageInfo: PageInfo!
  totalCount: Int!
}
type RepositoryRulesetEdge { cursor: String!, node: RepositoryRuleset }

type RepositoryRuleset implements Node {
  id: ID!
  databaseId: Int
  name: String!
  enforcement: RuleEnforcement!
  target: RepositoryRulesetTarget
  source: RuleSource!
  conditions: RepositoryRuleConditions!
  bypassActors(first: Int, after: String, last: Int, before: String): RepositoryRulesetBypassActorConnection
  rules(first: Int, after: String, last: Int, before: String, type: RepositoryRuleType): RepositoryRuleConnection
  createdAt: DateTime!
  updatedAt: DateTime!
}

type RepositoryRuleConditions {
  refName: RefNameConditionTarget
  repositoryName: RepositoryNameConditionTarget
}
type RefNameConditionTarget { include: [String!]!, exclude: [String!]! }
type RepositoryNameConditionTarget { include: [String!]!, exclude: [String!]!, protected: Boolean! }

enum RepositoryRulesetBypassActorBypassMode { ALWAYS PULL_REQUEST EXEMPT }
type RepositoryRulesetBypassActorConnection {
  edges: [RepositoryRulesetBypassActorEdge]
  nodes: [RepositoryRulesetBypassActor]
  pageInfo: PageInfo!
  totalCount: Int!
}
type RepositoryRulesetBypassActorEdge { cursor: String!, node: RepositoryRulesetBypassActor }
type RepositoryRulesetBypassActor implements Node {
  id: ID!
  bypassMode: RepositoryRulesetBypassActorBypassMode
  organizationAdmin: Boolean!
  repositoryRoleName: String
}

enum RepositoryRuleType {
  CREATION UPDATE DELETION REQUIRED_LINEAR_HISTORY REQUIRED_DEPLOYMENTS REQUIRED_SIGNATURES PULL_REQUEST
  REQUIRED_STATUS_CHECKS NON_FAST_FORWARD MERGE_QUEUE CODE_SCANNING WORKFLOWS
  COMMIT_MESSAGE_PATTERN COMMIT_AUTHOR_EMAIL_PATTERN COMMITTER_EMAIL_PATTERN BRANCH_NAME_PATTERN TAG_NAME_PATTERN
  FILE_PATH_RESTRICTION MAX_FILE_PATH_LENGTH FILE_EXTENSION_RESTRICTION MAX_FILE_SIZE
}

type RepositoryRuleConnection {
  edges: [RepositoryRuleEdge]
  nodes: [RepositoryRule]
  pageInfo: PageInfo!
  totalCount: Int!
}
type RepositoryRuleEdge { cursor: String!, node: RepositoryRule }
type RepositoryRule implements Node {
  id: ID!
  type: RepositoryRuleType!
  parameters: RuleParameters
  repositoryRuleset: RepositoryRuleset
}

union RuleParameters = PullRequestParameters | RequiredStatusChecksParameters | RequiredDeploymentsParameters | UpdateParameters

type PullRequestParameters {
  dismissStaleReviewsOnPush: Boolean!
  requireCodeOwnerReview: Boolean!
  requireLastPushApproval: Boolean!
  requiredApprovingReviewCount: Int!
  requiredReviewThreadResolution: Boolean!
}
type StatusCheckConfiguration { context: String!, integrationId: Int }
type RequiredStatusChecksParameters {
  requiredStatusChecks: [StatusCheckConfiguration!]!
  strictRequiredStatusChecksPolicy: Boolean!
  doNotEnforceOnCreate: Boolean!
}
type RequiredDeploymentsParameters { requiredDeploymentEnvironments: [String!]! }
type UpdateParameters { updateAllowsFetchAndMerge: Boolean! }

type EnvironmentConnection {
  edges: [EnvironmentEdge]
  nodes: [Environment]
  pageInfo: PageInfo!
  totalCount: Int!
}
type EnvironmentEdge { cursor: String!, node: Environment }
type Environment implements Node {
  id: ID!
  databaseId: Int
  name: String!
  isPinned: Boolean
  protectionRules(first: Int, after: String, last: Int, before: String): DeploymentProtectionRuleConnection!
}

enum DeploymentProtectionRuleType { REQUIRED_REVIEWERS WAIT_TIMER BRANCH_POLICY }
type DeploymentProtectionRuleConnection {
  edges: [DeploymentProtectionRuleEdge]
  nodes: [DeploymentProtectionRule]
  pageInfo: PageInfo!
  totalCount: Int!
}
type DeploymentProtectionRuleEdge { cursor: String!, node: DeploymentProtectionRule }
type DeploymentProtectionRule {
  databaseId: Int
  type: DeploymentProtectionRuleType!
  timeout: Int!
  preventSelfReview: Boolean
  reviewers(first: Int, after: String, last: Int, before: String): DeploymentReviewerConnection!
}
union DeploymentReviewer = Team | User
type DeploymentReviewerConnection {
  edges: [DeploymentReviewerEdge]
  nodes: [DeploymentReviewer]
  pageInfo: PageInfo!
  totalCount: Int!
}
type DeploymentReviewerEdge { cursor: String!, node: DeploymentReviewer }

type RepositoryCollaboratorConnection {
  edges: [RepositoryCollaboratorEdge]
  nodes: [User]
  pageInfo: PageInfo!
  totalCount: Int!
}
type RepositoryCollaboratorEdge {
  cursor: String!
  node: User!
  permission: RepositoryPermission!
}
`;
