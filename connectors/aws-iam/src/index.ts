import { defineConnector } from '@astrolabe/core';
import { collectAwsIam } from './collect';
import { awsIamManifest, type AwsIamConfig, type AwsIamSecret } from './manifest';
import { validateAwsIam } from './validate';

/** The aws-iam connector: the manifest plus how to collect and how to validate a connection. */
export const awsIamConnector = defineConnector<AwsIamConfig, AwsIamSecret>({
  ...awsIamManifest,
  collect: collectAwsIam,
  validate: validateAwsIam,
});

export {
  awsIamConfigSchema,
  awsIamSecretSchema,
  awsIamEvidenceKinds,
  AWS_IAM_CREDENTIAL_HELP,
  type AwsIamConfig,
  type AwsIamSecret,
} from './manifest';
