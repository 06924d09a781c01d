import { AWS_IAM_KINDS, passwordPolicySchema, type EvidenceSet, type PasswordPolicy } from '@astrolabe/core';
import { readSingle } from '../shared/evidence';

export type PolicySettings = NonNullable<PasswordPolicy['policy']>;

/** `policy: null` means the account has no custom password policy (IAM answered NoSuchEntity). */
export type PasswordPolicyRead = { ok: true; policy: PolicySettings | null; hash: string } | { ok: false; reason: string; evidence: string[] };

export function readPasswordPolicy(evidence: EvidenceSet): PasswordPolicyRead {
  const read = readSingle(evidence, AWS_IAM_KINDS.passwordPolicy, passwordPolicySchema, 'account password policy');
  if (!read.ok) return read;
  const { present, policy } = read.data;
  if (!present) return { ok: true, policy: null, hash: read.item.hash };
  // "present" without settings contradicts itself: we cannot tell what the policy says.
  if (!policy) {
    return { ok: false, reason: 'The password policy evidence says a policy exists but carries no settings; re-run the collection.', evidence: [read.item.hash] };
  }
  return { ok: true, policy, hash: read.item.hash };
}
