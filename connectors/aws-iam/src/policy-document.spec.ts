import { describe, expect, it } from 'vitest';
import { decodePolicyDocument } from './policy-document';
import { parseCredentialReport } from './steps/credential-report-step';

describe('decodePolicyDocument', () => {
  const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/a b+c' }] };

  it('URL-decodes what IAM returns', () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc, null, 4)))).toEqual(doc);
  });

  it('accepts plain JSON from IAM-compatible endpoints that do not encode', () => {
    expect(decodePolicyDocument(JSON.stringify(doc))).toEqual(doc);
  });

  it('rejects a document without Statement', () => {
    expect(() => decodePolicyDocument(encodeURIComponent('{"Version":"2012-10-17"}'))).toThrow();
  });
});

describe('parseCredentialReport', () => {
  it('keeps every cell as AWS wrote it, keyed by column', () => {
    const csv = 'user,arn,password_enabled,mfa_active\n<root_account>,arn:aws:iam::111122223333:root,not_supported,true\n"a,b",arn:aws:iam::111122223333:user/a,false,false\n';
    expect(parseCredentialReport(csv)).toEqual([
      { user: '<root_account>', arn: 'arn:aws:iam::111122223333:root', password_enabled: 'not_supported', mfa_active: 'true' },
      { user: 'a,b', arn: 'arn:aws:iam::111122223333:user/a', password_enabled: 'false', mfa_active: 'false' },
    ]);
  });
});
