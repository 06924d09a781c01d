import {
  paginateGetAccountAuthorizationDetails,
  type AttachedPolicy,
  type GroupDetail,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type RoleDetail,
  type UserDetail,
} from '@aws-sdk/client-iam';
import { AWS_IAM_KINDS, type IamGroup, type IamRole, type IamUser, type ManagedPolicy } from '@astrolabe/core';
import { authorizationDetailsArn } from '../account-scope';
import { callIam } from '../iam-errors';
import { decodeOptionalPolicyDocument, decodePolicyDocument } from '../policy-document';
import { iso, isoOrNull, type CollectStep, type Emission } from './collect-step';

/** The largest page IAM serves: 5,000 users take five or six calls, not fifty. */
const PAGE_SIZE = 1000;
const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\//;

const inline = (list: readonly PolicyDetail[] | undefined) =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: decodePolicyDocument(p.PolicyDocument ?? '') }));
const attached = (list: readonly AttachedPolicy[] | undefined) => (list ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' }));

export function toUser(u: UserDetail): IamUser {
  return {
    userName: u.UserName ?? '',
    userId: u.UserId ?? '',
    arn: u.Arn ?? '',
    path: u.Path ?? '/',
    createDate: iso(u.CreateDate),
    groups: [...(u.GroupList ?? [])],
    inlinePolicies: inline(u.UserPolicyList),
    attachedManagedPolicies: attached(u.AttachedManagedPolicies),
  };
}

export function toGroup(g: GroupDetail): IamGroup {
  return {
    groupName: g.GroupName ?? '',
    groupId: g.GroupId ?? '',
    arn: g.Arn ?? '',
    path: g.Path ?? '/',
    createDate: iso(g.CreateDate),
    inlinePolicies: inline(g.GroupPolicyList),
    attachedManagedPolicies: attached(g.AttachedManagedPolicies),
  };
}

export function toRole(r: RoleDetail): IamRole {
  return {
    roleName: r.RoleName ?? '',
    roleId: r.RoleId ?? '',
    arn: r.Arn ?? '',
    path: r.Path ?? '/',
    createDate: iso(r.CreateDate),
    assumeRolePolicyDocument: decodeOptionalPolicyDocument(r.AssumeRolePolicyDocument),
    inlinePolicies: inline(r.RolePolicyList),
    attachedManagedPolicies: attached(r.AttachedManagedPolicies),
    roleLastUsed: isoOrNull(r.RoleLastUsed?.LastUsedDate),
  };
}

export function toManagedPolicy(p: ManagedPolicyDetail): ManagedPolicy {
  const versions = p.PolicyVersionList ?? [];
  const current = versions.find((v) => v.IsDefaultVersion) ?? versions.find((v) => v.VersionId === p.DefaultVersionId);
  const arn = p.Arn ?? '';
  return {
    policyName: p.PolicyName ?? '',
    policyId: p.PolicyId ?? '',
    arn,
    path: p.Path ?? '/',
    awsManaged: AWS_MANAGED_ARN.test(arn),
    attachmentCount: p.AttachmentCount ?? 0,
    isAttachable: p.IsAttachable ?? true,
    defaultVersionId: p.DefaultVersionId ?? current?.VersionId ?? '',
    document: decodeOptionalPolicyDocument(current?.Document),
  };
}

/**
 * Users, groups, roles and managed policies from GetAccountAuthorizationDetails, the one IAM call
 * that returns all of them with their policies: a handful of pages instead of per-user calls.
 */
export const authorizationDetailsStep: CollectStep = {
  title: 'users, groups, roles and policies',
  kinds: [AWS_IAM_KINDS.user, AWS_IAM_KINDS.group, AWS_IAM_KINDS.role, AWS_IAM_KINDS.managedPolicy],
  async run(io) {
    const out: Emission[] = [];
    const pages = paginateGetAccountAuthorizationDetails({ client: io.client, pageSize: PAGE_SIZE }, {}, { abortSignal: io.signal })[Symbol.asyncIterator]();
    for (;;) {
      const next = await callIam('GetAccountAuthorizationDetails', () => pages.next());
      if (next.done) break;
      const page = next.value;
      for (const u of page.UserDetailList ?? []) out.push({ kind: AWS_IAM_KINDS.user, resourceId: u.Arn ?? '', data: toUser(u) });
      for (const g of page.GroupDetailList ?? []) out.push({ kind: AWS_IAM_KINDS.group, resourceId: g.Arn ?? '', data: toGroup(g) });
      for (const r of page.RoleDetailList ?? []) out.push({ kind: AWS_IAM_KINDS.role, resourceId: r.Arn ?? '', data: toRole(r) });
      for (const p of page.Policies ?? []) out.push({ kind: AWS_IAM_KINDS.managedPolicy, resourceId: p.Arn ?? '', data: toManagedPolicy(p) });
      const accountArn = authorizationDetailsArn(page);
      if (accountArn) io.noteArn(accountArn);
    }
    return out;
  },
};
