import { defineCheck } from '@astrolabe/core';
import { readAllMembers } from '../../src/github/people';
import { fail, listPhrase, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

export const MIN_OWNERS = 2;
export const MAX_OWNERS = 3;

// One finding on the organization (the connection's scope): the count is a property of the whole member list.
export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readAllMembers(evidence);
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  const owners = read.members
    .filter((m) => m.role === 'admin')
    .map((m) => m.login)
    .sort();
  const org = scope.name;
  const names = listPhrase(owners);
  const verdict =
    owners.length === 0
      ? unknown(`The member list of ${org} has ${read.members.length} members but no owner, although every GitHub organization has at least one; re-run the collection.`)
      : owners.length < MIN_OWNERS
        ? fail(
            `The organization ${org} has a single owner (${names}): if that account is lost or taken over, nobody else can administer or recover the organization. Promote a second trusted member with 2FA to owner (People → member → Change role → Owner).`,
          )
        : owners.length > MAX_OWNERS
          ? fail(
              `The organization ${org} has ${owners.length} owners (${names}); make those who do not need full control members again (People → Change role → Member) so that only ${MIN_OWNERS} or ${MAX_OWNERS} remain.`,
            )
          : pass(`The organization ${org} has ${owners.length} owners (${names}), within the ${MIN_OWNERS}–${MAX_OWNERS} that keep continuity without spreading full control.`);
  return [toFinding(scope, verdict, read.hashes)];
});
