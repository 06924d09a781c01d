import {
  GITHUB_KINDS,
  githubMemberSchema,
  githubOutsideCollaboratorSchema,
  type CheckFinding,
  type EvidenceSet,
  type GithubMember,
  type GithubOutsideCollaborator,
  type ResourceRef,
} from '@astrolabe/core';
import { parseItems, type ParsedItem } from '../shared/evidence';
import { orNotApplicable, toFinding, unknown, type Verdict } from '../shared/verdict';
import { GITHUB_RESOURCE_TYPES, refFromResourceId, userRef } from './resources';

/** Every GitHub organization has at least one owner, so an empty member list is a broken collection. */
export const NO_MEMBERS_REASON =
  'The member list was collected without any members, but every GitHub organization has at least one owner; re-run the collection.';

function judgeEach<T extends { login: string }>(parsed: ParsedItem<T>[], noun: string, judge: (data: T) => Verdict): CheckFinding[] {
  return parsed.map((p) =>
    p.ok
      ? toFinding(userRef(p.data.login), judge(p.data), [p.item.hash])
      : toFinding(
          refFromResourceId(p.item.resourceId, GITHUB_RESOURCE_TYPES.user),
          unknown(`The ${noun} evidence for ${p.item.resourceId} is malformed (${p.problem}); re-run the collection.`),
          [p.item.hash],
        ),
  );
}

/**
 * Runs a per-member judgement over every organization member. A malformed member is `unknown`
 * for that member only; no members at all is `unknown` on the organization (see NO_MEMBERS_REASON).
 */
export function evaluateMembers(evidence: EvidenceSet, scope: ResourceRef, judge: (member: GithubMember) => Verdict): CheckFinding[] {
  const parsed = parseItems(evidence, GITHUB_KINDS.member, githubMemberSchema);
  if (parsed.length === 0) return [toFinding(scope, unknown(NO_MEMBERS_REASON), [])];
  return judgeEach(parsed, 'member', judge);
}

export type MembersRead = { ok: true; members: GithubMember[]; hashes: string[] } | { ok: false; reason: string; evidence: string[] };

/** All members, for organization-wide counts: one unreadable member makes the count unknowable. */
export function readAllMembers(evidence: EvidenceSet): MembersRead {
  const parsed = parseItems(evidence, GITHUB_KINDS.member, githubMemberSchema);
  if (parsed.length === 0) return { ok: false, reason: NO_MEMBERS_REASON, evidence: [] };
  const broken = parsed.flatMap((p) => (p.ok ? [] : [p]));
  if (broken.length > 0) {
    const detail = broken.map((p) => `${p.item.resourceId} (${p.problem})`).join(', ');
    return { ok: false, reason: `The member evidence is malformed for ${detail}, so the members cannot be counted; re-run the collection.`, evidence: broken.map((p) => p.item.hash) };
  }
  return { ok: true, members: parsed.flatMap((p) => (p.ok ? [p.data] : [])), hashes: parsed.map((p) => p.item.hash) };
}

/** Per outside collaborator; an organization without any is `not_applicable` on the organization. */
export function evaluateOutsideCollaborators(evidence: EvidenceSet, scope: ResourceRef, judge: (collaborator: GithubOutsideCollaborator) => Verdict): CheckFinding[] {
  const parsed = parseItems(evidence, GITHUB_KINDS.outsideCollaborator, githubOutsideCollaboratorSchema);
  return orNotApplicable(judgeEach(parsed, 'outside collaborator', judge), scope, `The organization ${scope.name} has no outside collaborators.`);
}
