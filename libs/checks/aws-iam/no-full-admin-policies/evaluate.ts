import { AWS_IAM_KINDS, defineCheck, managedPolicySchema, type CheckFinding, type EvidenceSet, type ManagedPolicy } from '@astrolabe/core';
import { fullAdminStatementLabels } from '../../src/aws-iam/policy-documents';
import { readPrincipals, type Principal } from '../../src/aws-iam/principals';
import { AWS_RESOURCE_TYPES, nameFromArn } from '../../src/aws-iam/resources';
import { parseItems } from '../../src/shared/evidence';
import { capitalize, fail, listPhrase, notApplicable, orNotApplicable, pass, toFinding, unknown } from '../../src/shared/verdict';
import metadata from './check.json';

const GRANT = 'Action "*" on Resource "*"';
/** Reasons name at most this many holders of a policy, then "and N more". */
const MAX_NAMED_HOLDERS = 5;

export const check = defineCheck(metadata, (evidence, { scope }) => {
  const { principals, unreadable } = readPrincipals(evidence);
  const findings = [
    ...managedPolicyFindings(evidence, principals),
    ...principals.flatMap(inlinePolicyFindings),
    // A principal we could not read may hold an inline "*" grant: unknown for it, not a silent pass.
    ...unreadable.map((p) =>
      toFinding(p.resource, unknown(`The IAM ${p.noun} evidence for ${p.resource.id} is malformed (${p.problem}), so its inline policies cannot be checked; re-run the collection.`), [p.item.hash]),
    ),
  ];
  return orNotApplicable(findings, scope, 'The account has no customer managed policies, attached AWS managed policies or inline policies to check.');
});

function managedPolicyFindings(evidence: EvidenceSet, principals: readonly Principal[]): CheckFinding[] {
  return parseItems(evidence, AWS_IAM_KINDS.managedPolicy, managedPolicySchema).flatMap((parsed): CheckFinding[] => {
    if (!parsed.ok) {
      const id = parsed.item.resourceId;
      const resource = { id, type: AWS_RESOURCE_TYPES.policy, name: nameFromArn(id) };
      return [toFinding(resource, unknown(`The managed policy evidence for ${id} is malformed (${parsed.problem}); re-run the collection.`), [parsed.item.hash])];
    }
    const policy = parsed.data;
    // IAM has about a thousand AWS managed policies; they become the account's concern once attached.
    if (policy.awsManaged && policy.attachmentCount === 0) return [];
    const holders = principals.filter((p) => p.attachedManagedPolicies.some((a) => a.arn === policy.arn));
    return [judgeManagedPolicy(policy, parsed.item.hash, holders)];
  });
}

function judgeManagedPolicy(policy: ManagedPolicy, hash: string, holders: readonly Principal[]): CheckFinding {
  const resource = { id: policy.arn, type: AWS_RESOURCE_TYPES.policy, name: policy.policyName };
  const label = `${policy.awsManaged ? 'AWS managed' : 'Customer managed'} policy ${policy.policyName}`;
  if (!policy.document) {
    return toFinding(resource, unknown(`IAM returned no document for the default version (${policy.defaultVersionId}) of ${label}, so its statements cannot be checked.`), [hash]);
  }
  const statements = fullAdminStatementLabels(policy.document);
  const grant = `allows ${GRANT} (${listPhrase(statements)})`;
  if (policy.attachmentCount === 0) {
    const note = statements.length > 0 ? ` It ${grant}: delete it or scope it before attaching it to anyone.` : '';
    return toFinding(resource, notApplicable(`${label} is not attached to any user, group or role.${note}`), [hash]);
  }
  if (statements.length > 0) {
    return toFinding(
      resource,
      fail(`${label} ${grant} and is attached to ${describeHolders(holders, policy.attachmentCount)}; replace "*" with the actions and resources they need, or detach it.`),
      [hash, ...holders.map((h) => h.item.hash)],
    );
  }
  return toFinding(resource, pass(`${label} has no statement that allows ${GRANT}.`), [hash]);
}

/** Inline policies have no ARN of their own, so their findings sit on the user, group or role. */
function inlinePolicyFindings(principal: Principal): CheckFinding[] {
  if (principal.inlinePolicies.length === 0) return [];
  const who = `${principal.noun} ${principal.resource.name}`;
  const offending = principal.inlinePolicies
    .map((p) => ({ name: p.name, statements: fullAdminStatementLabels(p.document) }))
    .filter((p) => p.statements.length > 0);
  if (offending.length > 0) {
    const what = listPhrase(offending.map((p) => `inline policy ${p.name} (${listPhrase(p.statements)})`));
    return [
      toFinding(principal.resource, fail(`${capitalize(what)} of ${who} ${offending.length === 1 ? 'allows' : 'allow'} ${GRANT}; replace "*" with the actions and resources it needs, or remove the policy.`), [
        principal.item.hash,
      ]),
    ];
  }
  const names = listPhrase(principal.inlinePolicies.map((p) => p.name));
  return [toFinding(principal.resource, pass(`No inline policy of ${who} (${names}) allows ${GRANT}.`), [principal.item.hash])];
}

function describeHolders(holders: readonly Principal[], attachmentCount: number): string {
  if (holders.length === 0) return `${attachmentCount} ${attachmentCount === 1 ? 'entity' : 'entities'}`;
  const named = holders.slice(0, MAX_NAMED_HOLDERS).map((h) => `${h.noun} ${h.resource.name}`);
  const more = Math.max(holders.length, attachmentCount) - named.length;
  return listPhrase(more > 0 ? [...named, `${more} more`] : named);
}
