import { AWS_IAM_KINDS, defineCheck, serverCertificateSchema, type CheckFinding, type ServerCertificate } from '@astrolabe/core';
import { AWS_RESOURCE_TYPES, nameFromArn } from '../../src/aws-iam/resources';
import { ageOf, daysSince, isoDay } from '../../src/shared/dates';
import { parseItems } from '../../src/shared/evidence';
import { fail, orNotApplicable, pass, toFinding, unknown, type Verdict } from '../../src/shared/verdict';
import metadata from './check.json';

export const check = defineCheck(metadata, (evidence, { now, scope }) => {
  const findings = parseItems(evidence, AWS_IAM_KINDS.serverCertificate, serverCertificateSchema).map((parsed): CheckFinding => {
    if (!parsed.ok) {
      const id = parsed.item.resourceId;
      const resource = { id, type: AWS_RESOURCE_TYPES.serverCertificate, name: nameFromArn(id) };
      return toFinding(resource, unknown(`The server certificate evidence for ${id} is malformed (${parsed.problem}); re-run the collection.`), [parsed.item.hash]);
    }
    const cert = parsed.data;
    const resource = { id: cert.arn, type: AWS_RESOURCE_TYPES.serverCertificate, name: cert.name };
    return toFinding(resource, judge(cert, now), [parsed.item.hash]);
  });
  return orNotApplicable(findings, scope, 'IAM stores no server certificates in this account.');
});

function judge(cert: ServerCertificate, now: Date): Verdict {
  const expiration = new Date(cert.expiration);
  if (Number.isNaN(expiration.getTime())) {
    return unknown(`Server certificate ${cert.name} has an unreadable expiration date ("${cert.expiration}"); re-run the collection.`);
  }
  if (expiration.getTime() <= now.getTime()) {
    return fail(
      `Server certificate ${cert.name} expired ${ageOf(expiration, now)}; make sure no load balancer or CloudFront distribution uses it, then delete it with aws iam delete-server-certificate --server-certificate-name ${cert.name}.`,
    );
  }
  const days = daysSince(now, expiration);
  return pass(`Server certificate ${cert.name} is valid until ${isoDay(expiration)} (${days} ${days === 1 ? 'day' : 'days'} left).`);
}
