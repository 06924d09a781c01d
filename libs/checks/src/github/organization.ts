import {
  GITHUB_KINDS,
  githubActionsPermissionsSchema,
  githubOrganizationSchema,
  type CheckFinding,
  type EvidenceSet,
  type GithubActionsPermissions,
  type GithubOrganization,
  type ResourceRef,
} from '@astrolabe/core';
import type { z } from 'zod';
import { readSingle } from '../shared/evidence';
import { toFinding, unknown, type Verdict } from '../shared/verdict';
import { GITHUB_RESOURCE_TYPES, orgRef, refFromResourceId } from './resources';

/**
 * One organization-wide observation judged once: one finding on the organization. The
 * resource comes from the evidence (the login GitHub returned), or the connection's scope
 * when the observation is missing, duplicated or malformed — then the answer is `unknown`.
 */
function evaluateSingle<T>(
  evidence: EvidenceSet,
  scope: ResourceRef,
  read: { kind: string; schema: z.ZodType<T>; what: string },
  resourceOf: (data: T, resourceId: string) => ResourceRef,
  judge: (data: T, resource: ResourceRef) => Verdict,
): CheckFinding[] {
  const single = readSingle(evidence, read.kind, read.schema, read.what, 'organization');
  if (!single.ok) return [toFinding(scope, unknown(single.reason), single.evidence)];
  const resource = resourceOf(single.data, single.item.resourceId);
  return [toFinding(resource, judge(single.data, resource), [single.item.hash])];
}

/** Judges the organization settings (GET /orgs/{org}); `org.name` in reasons is the login. */
export function evaluateOrganization(evidence: EvidenceSet, scope: ResourceRef, judge: (org: GithubOrganization, resource: ResourceRef) => Verdict): CheckFinding[] {
  return evaluateSingle(
    evidence,
    scope,
    { kind: GITHUB_KINDS.organization, schema: githubOrganizationSchema, what: 'organization settings' },
    (org) => orgRef(org.login),
    judge,
  );
}

/** Judges the organization's Actions permissions (resource id `github:org/<login>`). */
export function evaluateActionsPermissions(
  evidence: EvidenceSet,
  scope: ResourceRef,
  judge: (permissions: GithubActionsPermissions, resource: ResourceRef) => Verdict,
): CheckFinding[] {
  return evaluateSingle(
    evidence,
    scope,
    { kind: GITHUB_KINDS.actionsPermissions, schema: githubActionsPermissionsSchema, what: 'Actions permissions' },
    (_data, resourceId) => refFromResourceId(resourceId, GITHUB_RESOURCE_TYPES.organization),
    judge,
  );
}
