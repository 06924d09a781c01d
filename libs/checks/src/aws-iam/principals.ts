import { AWS_IAM_KINDS, iamGroupSchema, iamRoleSchema, iamUserSchema, type EvidenceItem, type EvidenceSet, type ResourceRef } from '@astrolabe/core';
import type { z } from 'zod';
import { parseItems } from '../shared/evidence';
import { AWS_RESOURCE_TYPES, nameFromArn } from './resources';

type InlinePolicy = z.infer<typeof iamUserSchema>['inlinePolicies'][number];
type AttachedPolicy = z.infer<typeof iamUserSchema>['attachedManagedPolicies'][number];

/** A user, group or role seen the same way: the shape CIS 1.15 needs from all three. */
export interface Principal {
  /** "user", "group" or "role", for reasons ("role deploy"). */
  noun: string;
  resource: ResourceRef;
  item: EvidenceItem;
  inlinePolicies: InlinePolicy[];
  attachedManagedPolicies: AttachedPolicy[];
}

export interface UnreadablePrincipal {
  noun: string;
  resource: ResourceRef;
  item: EvidenceItem;
  problem: string;
}

export interface PrincipalsRead {
  principals: Principal[];
  unreadable: UnreadablePrincipal[];
}

export function readPrincipals(evidence: EvidenceSet): PrincipalsRead {
  const out: PrincipalsRead = { principals: [], unreadable: [] };
  const add = <T extends { arn: string; inlinePolicies: InlinePolicy[]; attachedManagedPolicies: AttachedPolicy[] }>(
    kind: string,
    schema: z.ZodType<T>,
    noun: string,
    type: string,
    nameOf: (data: T) => string,
  ) => {
    for (const parsed of parseItems(evidence, kind, schema)) {
      if (parsed.ok) {
        const { arn, inlinePolicies, attachedManagedPolicies } = parsed.data;
        out.principals.push({ noun, item: parsed.item, resource: { id: arn, type, name: nameOf(parsed.data) }, inlinePolicies, attachedManagedPolicies });
      } else {
        const id = parsed.item.resourceId;
        out.unreadable.push({ noun, item: parsed.item, resource: { id, type, name: nameFromArn(id) }, problem: parsed.problem });
      }
    }
  };
  add(AWS_IAM_KINDS.user, iamUserSchema, 'user', AWS_RESOURCE_TYPES.user, (u) => u.userName);
  add(AWS_IAM_KINDS.group, iamGroupSchema, 'group', AWS_RESOURCE_TYPES.group, (g) => g.groupName);
  add(AWS_IAM_KINDS.role, iamRoleSchema, 'role', AWS_RESOURCE_TYPES.role, (r) => r.roleName);
  return out;
}
