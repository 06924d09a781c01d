import { AWS_IAM_KINDS } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { ROOT_ARN, context, serverCertificate } from '../../src/testing/aws-iam-fixtures';
import { evidenceBuilder } from '../../src/testing/evidence-builder';
import { describeUnavailableEvidence } from '../../src/testing/unavailable-evidence';
import { check } from './evaluate';

const withCerts = (...certs: ReturnType<typeof serverCertificate>[]) => {
  const builder = evidenceBuilder().collected(AWS_IAM_KINDS.serverCertificate);
  for (const cert of certs) builder.add(AWS_IAM_KINDS.serverCertificate, cert.arn, cert);
  return builder;
};

describe('aws-iam.expired-certificates-removed', () => {
  it('fails an expired certificate and passes a valid one, per certificate ARN', () => {
    const old = serverCertificate('legacy-elb', '2026-02-01T00:00:00Z');
    const fresh = serverCertificate('www', '2027-01-01T00:00:00Z');
    const builder = withCerts(old, fresh);
    const findings = check.evaluate(builder.build(), context());
    expect(findings.map((f) => [f.resource.id, f.resource.type, f.status])).toEqual([
      [old.arn, 'aws:iam:server-certificate', 'fail'],
      [fresh.arn, 'aws:iam:server-certificate', 'pass'],
    ]);
    expect(findings[0]?.reason).toMatch(/^Server certificate legacy-elb expired 120 days ago \(2026-02-01\)/);
    expect(findings[0]?.reason).toContain('aws iam delete-server-certificate --server-certificate-name legacy-elb');
    expect(findings[0]?.evidence).toEqual([builder.hashOf(AWS_IAM_KINDS.serverCertificate, old.arn)]);
    expect(findings[1]?.reason).toContain('valid until 2027-01-01');
  });

  it('treats a certificate expiring at this instant as expired, and one a second later as valid', () => {
    expect(check.evaluate(withCerts(serverCertificate('edge', '2026-06-01T12:00:00Z')).build(), context())[0]?.status).toBe('fail');
    expect(check.evaluate(withCerts(serverCertificate('edge', '2026-06-01T12:00:01Z')).build(), context())[0]?.status).toBe('pass');
  });

  it('is not_applicable on the account when IAM holds no server certificates', () => {
    expect(check.evaluate(withCerts().build(), context())).toEqual([expect.objectContaining({ status: 'not_applicable', resource: expect.objectContaining({ id: ROOT_ARN }) })]);
  });

  it('answers unknown for an unreadable expiration or malformed item', () => {
    const cert = serverCertificate('odd', 'someday');
    const builder = withCerts(cert).add(AWS_IAM_KINDS.serverCertificate, 'arn:aws:iam::123456789012:server-certificate/broken', { name: 'broken' });
    const findings = check.evaluate(builder.build(), context());
    expect(findings.map((f) => f.status)).toEqual(['unknown', 'unknown']);
    expect(findings[1]?.resource).toMatchObject({ id: 'arn:aws:iam::123456789012:server-certificate/broken', name: 'broken' });
  });

  describeUnavailableEvidence(check, () => withCerts(serverCertificate('www', '2027-01-01T00:00:00Z')));
});
