import type { ResourceRef } from '@astrolabe/core';

/** Resource types of aws-iam findings; the console groups and filters by them. */
export const AWS_RESOURCE_TYPES = {
  account: 'aws:account',
  user: 'aws:iam:user',
  group: 'aws:iam:group',
  role: 'aws:iam:role',
  policy: 'aws:iam:policy',
  serverCertificate: 'aws:iam:server-certificate',
} as const;

/** Last path segment of an ARN (`arn:aws:iam::1:user/ops/alice` → `alice`), the name IAM shows. */
export function nameFromArn(arn: string): string {
  const tail = arn.split(':').slice(5).join(':');
  const segments = tail.split('/');
  return segments[segments.length - 1] || arn;
}

/** True for an account root principal ARN in any partition (`arn:aws-us-gov:iam::1…:root`). */
export function isRootArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(arn);
}

export function userRef(arn: string, name: string = nameFromArn(arn)): ResourceRef {
  return { id: arn, type: AWS_RESOURCE_TYPES.user, name };
}
