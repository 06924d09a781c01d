import { iamErrors } from '../iam-error';
import type { ModelVirtualMfaDevice } from '../iam-model';
import { paginate } from '../paging';
import { list, type XmlStruct } from '../xml-writer';
import type { ActionContext, ActionHandler } from './action-context';
import { userXml } from './account-actions';

function mfaDeviceXml(ctx: ActionContext, d: ModelVirtualMfaDevice): XmlStruct {
  if (d.assignee === null) return { SerialNumber: d.serialNumber };
  // Root's device names the account root as its user: no UserName or Path, the account id as UserId.
  const root = ctx.model.root;
  const user: XmlStruct =
    d.assignee === 'root'
      ? { UserId: ctx.model.accountId, Arn: root.arn, CreateDate: root.created, PasswordLastUsed: root.passwordLastUsed ?? undefined }
      : userXml(d.assignee);
  return { SerialNumber: d.serialNumber, User: user, EnableDate: d.enabled ?? undefined };
}

export const listVirtualMfaDevices: ActionHandler = (ctx) => {
  const status = ctx.params.get('AssignmentStatus') ?? 'Any';
  if (!['Assigned', 'Unassigned', 'Any'].includes(status)) {
    throw iamErrors.validation(`1 validation error detected: Value '${status}' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Any, Assigned, Unassigned]`);
  }
  const devices = ctx.model.virtualMfaDevices.filter((d) => status === 'Any' || (status === 'Assigned') === (d.assignee !== null));
  const page = paginate(devices, ctx.params, 'ListVirtualMFADevices');
  return { VirtualMFADevices: list(page.items.map((d) => mfaDeviceXml(ctx, d))), IsTruncated: page.isTruncated, Marker: page.marker };
};

export const listServerCertificates: ActionHandler = ({ model, params }) => {
  const prefix = params.get('PathPrefix') ?? '/';
  const certs = model.serverCertificates.filter((c) => c.path.startsWith(prefix));
  const page = paginate(certs, params, 'ListServerCertificates');
  return {
    ServerCertificateMetadataList: list(
      page.items.map((c) => ({ Path: c.path, ServerCertificateName: c.name, ServerCertificateId: c.id, Arn: c.arn, UploadDate: c.uploaded, Expiration: c.expiration })),
    ),
    IsTruncated: page.isTruncated,
    Marker: page.marker,
  };
};

type PolicyEntity = { type: 'Group' | 'User' | 'Role'; name: string; id: string };

export const listEntitiesForPolicy: ActionHandler = ({ model, params }) => {
  const policyArn = params.get('PolicyArn');
  if (!policyArn) throw iamErrors.validation("1 validation error detected: Value null at 'policyArn' failed to satisfy constraint: Member must not be null");
  const policy = model.findPolicy(policyArn);
  if (!policy) throw iamErrors.noSuchEntity(`Policy ${policyArn} does not exist or is not attachable.`);
  const filter = params.get('EntityFilter');
  const want = (type: PolicyEntity['type']): boolean => filter === undefined || filter === type;
  const entities: PolicyEntity[] = [
    ...(want('Group') ? model.groups.filter((g) => g.attachedPolicyArns.includes(policyArn)).map((g) => ({ type: 'Group' as const, name: g.name, id: g.id })) : []),
    ...(want('User') ? model.users.filter((u) => u.attachedPolicyArns.includes(policyArn)).map((u) => ({ type: 'User' as const, name: u.name, id: u.id })) : []),
    ...(want('Role') ? model.roles.filter((r) => r.attachedPolicyArns.includes(policyArn)).map((r) => ({ type: 'Role' as const, name: r.name, id: r.id })) : []),
  ];
  const page = paginate(entities, params, 'ListEntitiesForPolicy');
  const of = (type: PolicyEntity['type']) => page.items.filter((e) => e.type === type);
  return {
    PolicyGroups: list(of('Group').map((g) => ({ GroupName: g.name, GroupId: g.id }))),
    PolicyUsers: list(of('User').map((u) => ({ UserName: u.name, UserId: u.id }))),
    PolicyRoles: list(of('Role').map((r) => ({ RoleName: r.name, RoleId: r.id }))),
    IsTruncated: page.isTruncated,
    Marker: page.marker,
  };
};
