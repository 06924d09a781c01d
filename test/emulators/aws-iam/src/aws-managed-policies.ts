import type { ScenarioPolicyDocument } from './scenario-schema';

export interface AwsManagedPolicyTemplate {
  name: string;
  path: string;
  versionId: string;
  description: string;
  created: string;
  updated: string;
  document: ScenarioPolicyDocument;
}

/**
 * The AWS-managed policies a scenario may attach by name. Documents are trimmed versions of the
 * real ones; what matters for the checks is preserved (AdministratorAccess is `*` on `*`,
 * PowerUserAccess is a NotAction, AWSSupportAccess grants `support:*`).
 */
const TEMPLATES: readonly AwsManagedPolicyTemplate[] = [
  {
    name: 'AdministratorAccess',
    path: '/',
    versionId: 'v1',
    description: 'Provides full access to AWS services and resources.',
    created: '2015-02-06T18:39:46Z',
    updated: '2015-02-06T18:39:46Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
  {
    name: 'PowerUserAccess',
    path: '/',
    versionId: 'v5',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    created: '2015-02-06T18:39:47Z',
    updated: '2023-07-06T22:04:00Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions'],
          Resource: '*',
        },
      ],
    },
  },
  {
    name: 'ReadOnlyAccess',
    path: '/',
    versionId: 'v118',
    description: 'Provides read-only access to AWS services and resources.',
    created: '2015-02-06T18:39:48Z',
    updated: '2024-06-01T16:12:00Z',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'iam:Get*', 'iam:List*', 's3:Get*', 's3:List*', 'rds:Describe*', 'cloudwatch:Get*'], Resource: '*' }],
    },
  },
  {
    name: 'SecurityAudit',
    path: '/',
    versionId: 'v39',
    description: 'The security audit template grants access to read security configuration metadata.',
    created: '2015-02-06T18:41:01Z',
    updated: '2024-04-01T16:10:00Z',
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:GenerateCredentialReport', 'iam:Get*', 'iam:List*', 'cloudtrail:Describe*', 'config:Describe*'], Resource: '*' }],
    },
  },
  {
    name: 'AWSSupportAccess',
    path: '/',
    versionId: 'v1',
    description: 'Allow users to access the AWS Support Center.',
    created: '2015-02-06T18:41:11Z',
    updated: '2015-02-06T18:41:11Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['support:*'], Resource: '*' }] },
  },
  {
    name: 'Billing',
    path: '/job-function/',
    versionId: 'v12',
    description: 'Grants permissions for billing and cost management.',
    created: '2016-11-10T17:33:18Z',
    updated: '2023-12-01T10:00:00Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['aws-portal:*', 'budgets:*', 'ce:*', 'cur:*'], Resource: '*' }] },
  },
  {
    name: 'ViewOnlyAccess',
    path: '/job-function/',
    versionId: 'v20',
    description: 'This policy grants permissions to view resources and basic metadata across all AWS services.',
    created: '2016-11-10T17:20:15Z',
    updated: '2024-01-01T10:00:00Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 's3:ListAllMyBuckets', 'iam:List*'], Resource: '*' }] },
  },
  {
    name: 'AmazonS3FullAccess',
    path: '/',
    versionId: 'v2',
    description: 'Provides full access to all buckets via the AWS Management Console.',
    created: '2015-02-06T18:40:58Z',
    updated: '2021-09-27T20:16:37Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }] },
  },
  {
    name: 'AmazonS3ReadOnlyAccess',
    path: '/',
    versionId: 'v3',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    created: '2015-02-06T18:40:59Z',
    updated: '2023-08-10T21:31:39Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*'], Resource: '*' }] },
  },
  {
    name: 'AmazonEC2FullAccess',
    path: '/',
    versionId: 'v5',
    description: 'Provides full access to Amazon EC2 via the AWS Management Console.',
    created: '2015-02-06T18:40:15Z',
    updated: '2018-11-27T02:16:56Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:*', 'elasticloadbalancing:*', 'autoscaling:*', 'cloudwatch:*'], Resource: '*' }] },
  },
  {
    name: 'AmazonEC2ReadOnlyAccess',
    path: '/',
    versionId: 'v3',
    description: 'Provides read only access to Amazon EC2 via the AWS Management Console.',
    created: '2015-02-06T18:40:17Z',
    updated: '2020-01-16T22:00:00Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:Describe*', 'elasticloadbalancing:Describe*'], Resource: '*' }] },
  },
  {
    name: 'IAMUserChangePassword',
    path: '/',
    versionId: 'v2',
    description: 'Provides the ability for an IAM user to change their own password.',
    created: '2016-11-15T23:18:55Z',
    updated: '2016-11-15T23:18:55Z',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] },
        { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
      ],
    },
  },
  {
    name: 'AWSCodeArtifactReadOnlyAccess',
    path: '/',
    versionId: 'v1',
    description: 'Provides read only access to AWS CodeArtifact.',
    created: '2020-06-10T00:00:00Z',
    updated: '2020-06-10T00:00:00Z',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['codeartifact:Get*', 'codeartifact:List*', 'codeartifact:Read*'], Resource: '*' }] },
  },
];

export const AWS_MANAGED_POLICY_PREFIX = 'arn:aws:iam::aws:policy';

export function awsManagedPolicyArn(template: Pick<AwsManagedPolicyTemplate, 'name' | 'path'>): string {
  return `${AWS_MANAGED_POLICY_PREFIX}${template.path}${template.name}`;
}

export function findAwsManagedPolicy(nameOrArn: string): AwsManagedPolicyTemplate | undefined {
  return TEMPLATES.find((t) => t.name === nameOrArn || awsManagedPolicyArn(t) === nameOrArn);
}

export function awsManagedPolicyNames(): string[] {
  return TEMPLATES.map((t) => t.name);
}
