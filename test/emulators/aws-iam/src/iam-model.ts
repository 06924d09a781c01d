import { createHash } from 'node:crypto';
import { awsManagedPolicyArn, awsManagedPolicyNames, findAwsManagedPolicy } from './aws-managed-policies';
import { resolveDate } from './relative-date';
import type { MfaKind, Scenario, ScenarioAccessKey, ScenarioPasswordPolicy, ScenarioPolicyDocument } from './scenario-schema';

export interface ModelAccessKey {
  id: string;
  active: boolean;
  created: Date;
  lastUsed: Date | null;
  lastUsedService: string;
  lastUsedRegion: string;
}

export interface ModelInlinePolicy {
  name: string;
  document: ScenarioPolicyDocument;
}

interface ModelPrincipalBase {
  name: string;
  id: string;
  arn: string;
  path: string;
  created: Date;
  inlinePolicies: ModelInlinePolicy[];
  attachedPolicyArns: string[];
}

export interface ModelUser extends ModelPrincipalBase {
  console: { passwordLastChanged: Date; lastUsed: Date | null } | null;
  mfa: MfaKind;
  mfaEnabled: Date | null;
  accessKeys: ModelAccessKey[];
  groups: string[];
}

export type ModelGroup = ModelPrincipalBase;

export interface ModelRole extends ModelPrincipalBase {
  description: string | undefined;
  trustPolicy: ScenarioPolicyDocument;
  lastUsed: Date | null;
  lastUsedRegion: string;
}

export interface ModelPolicyVersion {
  versionId: string;
  document: ScenarioPolicyDocument;
  isDefault: boolean;
  created: Date;
}

export interface ModelPolicy {
  name: string;
  id: string;
  arn: string;
  path: string;
  awsManaged: boolean;
  description: string | undefined;
  created: Date;
  updated: Date;
  defaultVersionId: string;
  versions: ModelPolicyVersion[];
  attachmentCount: number;
}

export interface ModelRoot {
  arn: string;
  created: Date;
  mfa: MfaKind;
  mfaEnabled: Date | null;
  passwordLastUsed: Date | null;
  accessKeys: ModelAccessKey[];
}

export interface ModelVirtualMfaDevice {
  serialNumber: string;
  /** The user it is assigned to, `root`, or null when unassigned. */
  assignee: ModelUser | 'root' | null;
  enabled: Date | null;
}

export interface ModelServerCertificate {
  name: string;
  id: string;
  arn: string;
  path: string;
  uploaded: Date;
  expiration: Date;
}

export interface IamModel {
  accountId: string;
  root: ModelRoot;
  passwordPolicy: ScenarioPasswordPolicy | null;
  users: ModelUser[];
  groups: ModelGroup[];
  roles: ModelRole[];
  /** Customer-managed policies, then the AWS-managed policies something is attached to. */
  policies: ModelPolicy[];
  virtualMfaDevices: ModelVirtualMfaDevice[];
  serverCertificates: ModelServerCertificate[];
  /** Any policy by ARN, including AWS-managed ones nothing is attached to. */
  findPolicy(arn: string): ModelPolicy | undefined;
  findAccessKeyOwner(accessKeyId: string): ModelUser | 'root' | undefined;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM-looking ids (`AIDA…`, `AROA…`) derived from the name, so they are stable across runs. */
export function stableId(prefix: string, seed: string, length = 17): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = prefix;
  for (let i = 0; out.length < prefix.length + length; i++) out += BASE32[(digest[i % digest.length] ?? 0) % 32];
  return out;
}

/** Builds the account the emulator serves: dates resolved against `now`, ids and ARNs derived. */
export function buildIamModel(scenario: Scenario, now: Date): IamModel {
  const acct = scenario.accountId;
  const at = (spec: string): Date => resolveDate(spec, now);
  const atOrNull = (spec: string | null | undefined): Date | null => (spec == null ? null : at(spec));

  const customerPolicies = scenario.policies.map((p): ModelPolicy => {
    const created = at(p.created);
    const updated = p.updated ? at(p.updated) : created;
    const versions = Array.from({ length: p.versions }, (_, i) => ({
      versionId: `v${i + 1}`,
      document: p.document,
      isDefault: i === p.versions - 1,
      created: i === p.versions - 1 ? updated : created,
    }));
    return {
      name: p.name,
      id: stableId('ANPA', `${acct}:policy:${p.name}`),
      arn: `arn:aws:iam::${acct}:policy${p.path}${p.name}`,
      path: p.path,
      awsManaged: false,
      description: p.description,
      created,
      updated,
      defaultVersionId: `v${p.versions}`,
      versions,
      attachmentCount: 0,
    };
  });
  const byArn = new Map(customerPolicies.map((p) => [p.arn, p]));
  const byName = new Map(customerPolicies.map((p) => [p.name, p]));
  const awsManaged = new Map<string, ModelPolicy>();

  const awsManagedPolicy = (nameOrArn: string): ModelPolicy | undefined => {
    const template = findAwsManagedPolicy(nameOrArn);
    if (!template) return undefined;
    const arn = awsManagedPolicyArn(template);
    let policy = awsManaged.get(arn);
    if (!policy) {
      policy = {
        name: template.name,
        id: stableId('ANPA', `aws:policy:${template.name}`),
        arn,
        path: template.path,
        awsManaged: true,
        description: template.description,
        created: new Date(template.created),
        updated: new Date(template.updated),
        defaultVersionId: template.versionId,
        versions: [{ versionId: template.versionId, document: template.document, isDefault: true, created: new Date(template.updated) }],
        attachmentCount: 0,
      };
      awsManaged.set(arn, policy);
    }
    return policy;
  };

  const attach = (owner: string, refs: readonly string[]): string[] =>
    refs.map((ref) => {
      const policy = byArn.get(ref) ?? byName.get(ref) ?? awsManagedPolicy(ref);
      if (!policy) {
        throw new Error(
          `${owner} attaches unknown policy ${ref}: name a policy of the scenario or one of the AWS-managed policies ${awsManagedPolicyNames().join(', ')}`,
        );
      }
      policy.attachmentCount += 1;
      return policy.arn;
    });

  const accessKeys = (owner: string, keys: readonly ScenarioAccessKey[]): ModelAccessKey[] =>
    keys.map((k, i) => ({
      id: k.id ?? stableId('AKIA', `${acct}:key:${owner}:${i}`, 16),
      active: k.active,
      created: at(k.created),
      lastUsed: atOrNull(k.lastUsed),
      lastUsedService: k.lastUsedService,
      lastUsedRegion: k.lastUsedRegion,
    }));

  const accountCreated = at(scenario.accountCreated);
  const root: ModelRoot = {
    arn: `arn:aws:iam::${acct}:root`,
    created: accountCreated,
    mfa: scenario.root.mfa,
    mfaEnabled: scenario.root.mfa === 'none' ? null : scenario.root.mfaEnabled ? at(scenario.root.mfaEnabled) : new Date(accountCreated.getTime() + 86_400_000),
    passwordLastUsed: atOrNull(scenario.root.passwordLastUsed),
    accessKeys: accessKeys('<root>', scenario.root.accessKeys),
  };

  const groups = scenario.groups.map((g): ModelGroup => ({
    name: g.name,
    id: stableId('AGPA', `${acct}:group:${g.name}`),
    arn: `arn:aws:iam::${acct}:group${g.path}${g.name}`,
    path: g.path,
    created: at(g.created),
    inlinePolicies: g.inlinePolicies,
    attachedPolicyArns: attach(`group ${g.name}`, g.attachedPolicies),
  }));

  const users = scenario.users.map((u): ModelUser => {
    const created = at(u.created);
    return {
      name: u.name,
      id: stableId('AIDA', `${acct}:user:${u.name}`),
      arn: `arn:aws:iam::${acct}:user${u.path}${u.name}`,
      path: u.path,
      created,
      console: u.console
        ? { passwordLastChanged: u.console.passwordLastChanged ? at(u.console.passwordLastChanged) : created, lastUsed: atOrNull(u.console.lastUsed) }
        : null,
      mfa: u.mfa,
      mfaEnabled: u.mfa === 'none' ? null : u.mfaEnabled ? at(u.mfaEnabled) : new Date(created.getTime() + 3_600_000),
      accessKeys: accessKeys(u.name, u.accessKeys),
      groups: u.groups,
      inlinePolicies: u.inlinePolicies,
      attachedPolicyArns: attach(`user ${u.name}`, u.attachedPolicies),
    };
  });

  const roles = scenario.roles.map((r): ModelRole => ({
    name: r.name,
    id: stableId('AROA', `${acct}:role:${r.name}`),
    arn: `arn:aws:iam::${acct}:role${r.path}${r.name}`,
    path: r.path,
    created: at(r.created),
    description: r.description,
    trustPolicy: r.trustPolicy,
    inlinePolicies: r.inlinePolicies,
    attachedPolicyArns: attach(`role ${r.name}`, r.attachedPolicies),
    lastUsed: atOrNull(r.lastUsed),
    lastUsedRegion: r.lastUsedRegion,
  }));

  const virtualMfaDevices: ModelVirtualMfaDevice[] = [];
  if (root.mfa === 'virtual') {
    virtualMfaDevices.push({ serialNumber: `arn:aws:iam::${acct}:mfa/root-account-mfa-device`, assignee: 'root', enabled: root.mfaEnabled });
  }
  for (const u of users) {
    if (u.mfa === 'virtual') virtualMfaDevices.push({ serialNumber: `arn:aws:iam::${acct}:mfa/${u.name}`, assignee: u, enabled: u.mfaEnabled });
  }
  for (const name of scenario.unassignedVirtualMfaDevices) {
    virtualMfaDevices.push({ serialNumber: `arn:aws:iam::${acct}:mfa/${name}`, assignee: null, enabled: null });
  }

  const serverCertificates = scenario.serverCertificates.map((c): ModelServerCertificate => ({
    name: c.name,
    id: stableId('ASCA', `${acct}:cert:${c.name}`),
    arn: `arn:aws:iam::${acct}:server-certificate${c.path}${c.name}`,
    path: c.path,
    uploaded: at(c.uploaded),
    expiration: at(c.expiration),
  }));

  const keyOwners = new Map<string, ModelUser | 'root'>();
  for (const k of root.accessKeys) keyOwners.set(k.id, 'root');
  for (const u of users) for (const k of u.accessKeys) keyOwners.set(k.id, u);

  const attachedAwsManaged = [...awsManaged.values()];
  return {
    accountId: acct,
    root,
    passwordPolicy: scenario.passwordPolicy,
    users,
    groups,
    roles,
    policies: [...customerPolicies, ...attachedAwsManaged],
    virtualMfaDevices,
    serverCertificates,
    findPolicy: (arn) => byArn.get(arn) ?? awsManaged.get(arn) ?? (arn.startsWith('arn:aws:iam::aws:policy') ? awsManagedPolicy(arn) : undefined),
    findAccessKeyOwner: (accessKeyId) => keyOwners.get(accessKeyId),
  };
}
