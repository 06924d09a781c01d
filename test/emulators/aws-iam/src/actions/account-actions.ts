import { iamErrors } from '../iam-error';
import type { ModelUser } from '../iam-model';
import { map, type XmlStruct } from '../xml-writer';
import type { ActionHandler } from './action-context';

/** The keys and default quotas of a real GetAccountSummary SummaryMap. */
export const getAccountSummary: ActionHandler = ({ model }) => {
  const users = model.users.length;
  const mfaInUse = model.users.filter((u) => u.mfa !== 'none').length + (model.root.mfa === 'none' ? 0 : 1);
  const policyVersions = model.policies.filter((p) => !p.awsManaged).reduce((n, p) => n + p.versions.length, 0);
  const entries: Array<[string, number]> = [
    ['AccessKeysPerUserQuota', 2],
    ['AccountAccessKeysPresent', model.root.accessKeys.length > 0 ? 1 : 0],
    ['AccountMFAEnabled', model.root.mfa === 'none' ? 0 : 1],
    ['AccountSigningCertificatesPresent', 0],
    ['AttachedPoliciesPerGroupQuota', 10],
    ['AttachedPoliciesPerRoleQuota', 10],
    ['AttachedPoliciesPerUserQuota', 10],
    ['GlobalEndpointTokenVersion', 1],
    ['GroupPolicySizeQuota', 5120],
    ['Groups', model.groups.length],
    ['GroupsPerUserQuota', 10],
    ['GroupsQuota', Math.max(300, model.groups.length)],
    ['InstanceProfiles', 0],
    ['InstanceProfilesQuota', 1000],
    ['MFADevices', model.virtualMfaDevices.length + model.users.filter((u) => u.mfa === 'hardware').length + (model.root.mfa === 'hardware' ? 1 : 0)],
    ['MFADevicesInUse', mfaInUse],
    ['Policies', model.policies.filter((p) => !p.awsManaged).length],
    ['PoliciesQuota', Math.max(1500, model.policies.length)],
    ['PolicySizeQuota', 6144],
    ['PolicyVersionsInUse', policyVersions],
    ['PolicyVersionsInUseQuota', 10000],
    ['Providers', 0],
    ['RolePolicySizeQuota', 10240],
    ['Roles', model.roles.length],
    ['RolesQuota', Math.max(1000, model.roles.length)],
    ['ServerCertificates', model.serverCertificates.length],
    ['ServerCertificatesQuota', Math.max(20, model.serverCertificates.length)],
    ['SigningCertificatesPerUserQuota', 2],
    ['UserPolicySizeQuota', 2048],
    ['Users', users],
    ['UsersQuota', Math.max(5000, users)],
    ['VersionsPerPolicyQuota', 5],
  ];
  return { SummaryMap: map(entries) };
};

export const getAccountPasswordPolicy: ActionHandler = ({ model }) => {
  const p = model.passwordPolicy;
  if (!p) throw iamErrors.noSuchEntity(`The Password Policy with domain name ${model.accountId} cannot be found.`);
  return {
    PasswordPolicy: {
      MinimumPasswordLength: p.minimumPasswordLength,
      RequireSymbols: p.requireSymbols,
      RequireNumbers: p.requireNumbers,
      RequireUppercaseCharacters: p.requireUppercaseCharacters,
      RequireLowercaseCharacters: p.requireLowercaseCharacters,
      AllowUsersToChangePassword: p.allowUsersToChangePassword,
      ExpirePasswords: p.maxPasswordAge !== undefined,
      MaxPasswordAge: p.maxPasswordAge,
      PasswordReusePrevention: p.passwordReusePrevention,
      HardExpiry: p.hardExpiry,
    },
  };
};

export function userXml(u: ModelUser): XmlStruct {
  return { Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: u.created, PasswordLastUsed: u.console?.lastUsed ?? undefined };
}

/** GetUser: the named user, or without UserName the user (or root) whose key signed the request. */
export const getUser: ActionHandler = ({ model, params, callerArn }) => {
  const name = params.get('UserName');
  if (name !== undefined) {
    const user = model.users.find((u) => u.name === name);
    if (!user) throw iamErrors.noSuchEntity(`The user with name ${name} cannot be found.`);
    return { User: userXml(user) };
  }
  const caller = model.users.find((u) => u.arn === callerArn);
  if (caller) return { User: userXml(caller) };
  const root = model.root;
  return { User: { UserId: model.accountId, Arn: root.arn, CreateDate: root.created, PasswordLastUsed: root.passwordLastUsed ?? undefined } };
};
