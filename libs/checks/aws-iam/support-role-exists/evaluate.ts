import { AWS_IAM_KINDS, defineCheck, supportAccessEntitiesSchema } from '@astrolabe/core';
import { readSingle } from '../../src/shared/evidence';
import { fail, listPhrase, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => {
  const read = readSingle(evidence, AWS_IAM_KINDS.supportAccessEntities, supportAccessEntitiesSchema, 'AWSSupportAccess attachment list');
  if (!read.ok) return [toFinding(scope, unknown(read.reason), read.evidence)];
  const { roles, users, groups } = read.data;
  const hashes = [read.item.hash];

  if (roles.length > 0) {
    return [toFinding(scope, pass(`AWSSupportAccess is attached to ${roles.length === 1 ? 'role' : 'roles'} ${listPhrase(roles.map((r) => r.name))}.`), hashes)];
  }
  // CIS asks for a role: support access should be assumed temporarily, not held by a person.
  const elsewhere = [...users.map((u) => `user ${u.name}`), ...groups.map((g) => `group ${g.name}`)];
  const note = elsewhere.length > 0 ? ` It is attached to ${listPhrase(elsewhere)}, but responders should assume a role instead.` : '';
  return [
    toFinding(
      scope,
      fail(`No IAM role has the AWSSupportAccess policy, so incident responders cannot open AWS Support cases through a dedicated role.${note} Create a role (for example aws-support) and attach arn:aws:iam::aws:policy/AWSSupportAccess.`),
      hashes,
    ),
  ];
});
