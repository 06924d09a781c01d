import { paginateListEntitiesForPolicy, paginateListServerCertificates, paginateListVirtualMFADevices } from '@aws-sdk/client-iam';
import {
  AWS_IAM_KINDS,
  SUPPORT_ACCESS_POLICY_ARN,
  type ServerCertificate,
  type SupportAccessEntities,
  type VirtualMfaDevice,
} from '@astrolabe/core';
import { callIam, type IamActionName } from '../iam-errors';
import { ACCOUNT_RESOURCE, iso, isoOrNull, type CollectStep, type Emission } from './collect-step';

const PAGE_SIZE = 1000;

/** Drains an SDK paginator, tagging any failure with the action so it names the permission. */
async function allPages<T>(action: IamActionName, paginator: AsyncIterable<T>): Promise<T[]> {
  const pages: T[] = [];
  const it = paginator[Symbol.asyncIterator]();
  for (;;) {
    const next = await callIam(action, () => it.next());
    if (next.done) return pages;
    pages.push(next.value);
  }
}

export const virtualMfaDevicesStep: CollectStep = {
  title: 'virtual MFA devices',
  kinds: [AWS_IAM_KINDS.virtualMfaDevice],
  async run(io) {
    const pages = await allPages(
      'ListVirtualMFADevices',
      paginateListVirtualMFADevices({ client: io.client, pageSize: PAGE_SIZE }, { AssignmentStatus: 'Any' }, { abortSignal: io.signal }),
    );
    const out: Emission[] = [];
    for (const d of pages.flatMap((p) => p.VirtualMFADevices ?? [])) {
      if (!d.SerialNumber) continue;
      io.noteArn(d.SerialNumber);
      const data: VirtualMfaDevice = { serialNumber: d.SerialNumber, userArn: d.User?.Arn ?? null, enableDate: isoOrNull(d.EnableDate) };
      out.push({ kind: AWS_IAM_KINDS.virtualMfaDevice, resourceId: d.SerialNumber, data });
    }
    return out;
  },
};

export const serverCertificatesStep: CollectStep = {
  title: 'server certificates',
  kinds: [AWS_IAM_KINDS.serverCertificate],
  async run(io) {
    const pages = await allPages(
      'ListServerCertificates',
      paginateListServerCertificates({ client: io.client, pageSize: PAGE_SIZE }, {}, { abortSignal: io.signal }),
    );
    const out: Emission[] = [];
    for (const c of pages.flatMap((p) => p.ServerCertificateMetadataList ?? [])) {
      if (!c.Arn) continue;
      io.noteArn(c.Arn);
      const data: ServerCertificate = {
        name: c.ServerCertificateName ?? '',
        id: c.ServerCertificateId ?? '',
        arn: c.Arn,
        path: c.Path ?? '/',
        uploadDate: iso(c.UploadDate),
        expiration: iso(c.Expiration),
      };
      out.push({ kind: AWS_IAM_KINDS.serverCertificate, resourceId: c.Arn, data });
    }
    return out;
  },
};

/** Who holds AWSSupportAccess (CIS 1.16): one account-level observation. */
export const supportAccessStep: CollectStep = {
  title: 'AWSSupportAccess holders',
  kinds: [AWS_IAM_KINDS.supportAccessEntities],
  async run(io) {
    const pages = await allPages(
      'ListEntitiesForPolicy',
      paginateListEntitiesForPolicy({ client: io.client, pageSize: PAGE_SIZE }, { PolicyArn: SUPPORT_ACCESS_POLICY_ARN }, { abortSignal: io.signal }),
    );
    const data: SupportAccessEntities = {
      policyArn: SUPPORT_ACCESS_POLICY_ARN,
      roles: pages.flatMap((p) => p.PolicyRoles ?? []).map((r) => ({ name: r.RoleName ?? '', id: r.RoleId ?? '' })),
      users: pages.flatMap((p) => p.PolicyUsers ?? []).map((u) => ({ name: u.UserName ?? '', id: u.UserId ?? '' })),
      groups: pages.flatMap((p) => p.PolicyGroups ?? []).map((g) => ({ name: g.GroupName ?? '', id: g.GroupId ?? '' })),
    };
    return [{ kind: AWS_IAM_KINDS.supportAccessEntities, resourceId: ACCOUNT_RESOURCE, data }];
  },
};
