import { iamErrors } from '../iam-error';
import type { IamModel, ModelGroup, ModelInlinePolicy, ModelPolicy, ModelRole, ModelUser } from '../iam-model';
import { paginate } from '../paging';
import type { ScenarioPolicyDocument } from '../scenario-schema';
import { list, type XmlStruct } from '../xml-writer';
import type { ActionHandler } from './action-context';

const ENTITY_FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
type EntityFilter = (typeof ENTITY_FILTERS)[number];

type Entity =
  | { type: 'User'; user: ModelUser }
  | { type: 'Group'; group: ModelGroup }
  | { type: 'Role'; role: ModelRole }
  | { type: 'LocalManagedPolicy' | 'AWSManagedPolicy'; policy: ModelPolicy };

const isEntityFilter = (v: string): v is EntityFilter => (ENTITY_FILTERS as readonly string[]).includes(v);

/** IAM returns policy documents URL-encoded (RFC 3986), pretty-printed as they were written. */
export function encodePolicyDocument(document: ScenarioPolicyDocument): string {
  return encodeURIComponent(JSON.stringify(document, null, 4));
}

const inlineList = (policies: readonly ModelInlinePolicy[]) =>
  list(policies.map((p) => ({ PolicyName: p.name, PolicyDocument: encodePolicyDocument(p.document) })));

function attachedList(model: IamModel, arns: readonly string[]) {
  return list(arns.map((arn) => ({ PolicyName: model.findPolicy(arn)?.name, PolicyArn: arn })));
}

function entities(model: IamModel, filter: ReadonlySet<EntityFilter>): Entity[] {
  const all = filter.size === 0;
  const out: Entity[] = [];
  if (all || filter.has('User')) out.push(...model.users.map((user) => ({ type: 'User' as const, user })));
  if (all || filter.has('Group')) out.push(...model.groups.map((group) => ({ type: 'Group' as const, group })));
  if (all || filter.has('Role')) out.push(...model.roles.map((role) => ({ type: 'Role' as const, role })));
  for (const policy of model.policies) {
    const type = policy.awsManaged ? 'AWSManagedPolicy' : 'LocalManagedPolicy';
    // model.policies holds AWS-managed policies only when something is attached to them, as IAM lists them.
    if (all || filter.has(type)) out.push({ type, policy });
  }
  return out;
}

/**
 * GetAccountAuthorizationDetails: users, groups, roles and policies in one paged stream; MaxItems
 * counts entities of every type together, so one page may end in the middle of the roles.
 */
export const getAccountAuthorizationDetails: ActionHandler = ({ model, params }) => {
  const filters = params.list('Filter');
  const invalid = filters.find((f) => !isEntityFilter(f));
  if (invalid !== undefined) {
    throw iamErrors.validation(
      `1 validation error detected: Value '[${invalid}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENTITY_FILTERS.join(', ')}]]`,
    );
  }
  const page = paginate(entities(model, new Set(filters.filter(isEntityFilter))), params, 'GetAccountAuthorizationDetails');
  const users: XmlStruct[] = [];
  const groups: XmlStruct[] = [];
  const roles: XmlStruct[] = [];
  const policies: XmlStruct[] = [];
  for (const e of page.items) {
    if (e.type === 'User') {
      const u = e.user;
      users.push({
        Path: u.path,
        UserName: u.name,
        UserId: u.id,
        Arn: u.arn,
        CreateDate: u.created,
        UserPolicyList: inlineList(u.inlinePolicies),
        GroupList: list(u.groups),
        AttachedManagedPolicies: attachedList(model, u.attachedPolicyArns),
        Tags: list([]),
      });
    } else if (e.type === 'Group') {
      const g = e.group;
      groups.push({
        Path: g.path,
        GroupName: g.name,
        GroupId: g.id,
        Arn: g.arn,
        CreateDate: g.created,
        GroupPolicyList: inlineList(g.inlinePolicies),
        AttachedManagedPolicies: attachedList(model, g.attachedPolicyArns),
      });
    } else if (e.type === 'Role') {
      const r = e.role;
      roles.push({
        Path: r.path,
        RoleName: r.name,
        RoleId: r.id,
        Arn: r.arn,
        CreateDate: r.created,
        AssumeRolePolicyDocument: encodePolicyDocument(r.trustPolicy),
        InstanceProfileList: list([]),
        RolePolicyList: inlineList(r.inlinePolicies),
        AttachedManagedPolicies: attachedList(model, r.attachedPolicyArns),
        Tags: list([]),
        RoleLastUsed: r.lastUsed ? { LastUsedDate: r.lastUsed, Region: r.lastUsedRegion } : {},
      });
    } else {
      const p = e.policy;
      policies.push({
        PolicyName: p.name,
        PolicyId: p.id,
        Arn: p.arn,
        Path: p.path,
        DefaultVersionId: p.defaultVersionId,
        AttachmentCount: p.attachmentCount,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        Description: p.description,
        CreateDate: p.created,
        UpdateDate: p.updated,
        PolicyVersionList: list(
          p.versions.map((v) => ({ Document: encodePolicyDocument(v.document), VersionId: v.versionId, IsDefaultVersion: v.isDefault, CreateDate: v.created })),
        ),
      });
    }
  }
  return {
    UserDetailList: list(users),
    GroupDetailList: list(groups),
    RoleDetailList: list(roles),
    Policies: list(policies),
    IsTruncated: page.isTruncated,
    Marker: page.marker,
  };
};
