import { AWS_IAM_KINDS, defineCheck, iamUserSchema, type IamUser } from '@astrolabe/core';
import { nameFromArn, userRef } from '../../src/aws-iam/resources';
import { parseItems } from '../../src/shared/evidence';
import { fail, listPhrase, orNotApplicable, pass, toFinding, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { scope }) => {
  const findings = parseItems(evidence, AWS_IAM_KINDS.user, iamUserSchema).map((parsed) =>
    parsed.ok
      ? toFinding(userRef(parsed.data.arn, parsed.data.userName), judge(parsed.data), [parsed.item.hash])
      : toFinding(
          userRef(parsed.item.resourceId, nameFromArn(parsed.item.resourceId)),
          unknown(`The IAM user evidence for ${parsed.item.resourceId} is malformed (${parsed.problem}); re-run the collection.`),
          [parsed.item.hash],
        ),
  );
  return orNotApplicable(findings, scope, 'The account has no IAM users.');
});

function judge(user: IamUser): Verdict {
  const direct = [
    ...user.attachedManagedPolicies.map((p) => `managed policy ${p.name}`),
    ...user.inlinePolicies.map((p) => `inline policy ${p.name}`),
  ];
  if (direct.length > 0) {
    return fail(
      `${user.userName} has ${direct.length === 1 ? 'a policy' : `${direct.length} policies`} attached directly (${listPhrase(direct)}); grant these permissions through a group and remove them from the user.`,
    );
  }
  const groups = user.groups.length > 0 ? `gets permissions only from groups (${listPhrase(user.groups)})` : 'has no directly attached or inline policies';
  return pass(`${user.userName} ${groups}.`);
}
