import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, type PasswordPolicy as SdkPasswordPolicy } from '@aws-sdk/client-iam';
import { AWS_IAM_KINDS, type AccountSummary, type PasswordPolicy } from '@astrolabe/core';
import { awsErrorCode, callIam, IamCallError } from '../iam-errors';
import { ACCOUNT_RESOURCE, type CollectStep } from './collect-step';

export const accountSummaryStep: CollectStep = {
  title: 'account summary',
  kinds: [AWS_IAM_KINDS.accountSummary],
  async run(io) {
    const out = await callIam('GetAccountSummary', () => io.client.send(new GetAccountSummaryCommand({}), { abortSignal: io.signal }));
    const data: AccountSummary = { summaryMap: { ...out.SummaryMap } };
    return [{ kind: AWS_IAM_KINDS.accountSummary, resourceId: ACCOUNT_RESOURCE, data }];
  },
};

/** Only the fields IAM returned, so evidence says what AWS said and nothing it did not. */
function passwordPolicyData(p: SdkPasswordPolicy): NonNullable<PasswordPolicy['policy']> {
  const entries = {
    minimumPasswordLength: p.MinimumPasswordLength,
    requireSymbols: p.RequireSymbols,
    requireNumbers: p.RequireNumbers,
    requireUppercaseCharacters: p.RequireUppercaseCharacters,
    requireLowercaseCharacters: p.RequireLowercaseCharacters,
    allowUsersToChangePassword: p.AllowUsersToChangePassword,
    expirePasswords: p.ExpirePasswords,
    maxPasswordAge: p.MaxPasswordAge,
    passwordReusePrevention: p.PasswordReusePrevention,
    hardExpiry: p.HardExpiry,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

/** NoSuchEntity means the account has no custom password policy: a valid observation, not a failure. */
export const passwordPolicyStep: CollectStep = {
  title: 'password policy',
  kinds: [AWS_IAM_KINDS.passwordPolicy],
  async run(io) {
    let data: PasswordPolicy;
    try {
      const out = await callIam('GetAccountPasswordPolicy', () => io.client.send(new GetAccountPasswordPolicyCommand({}), { abortSignal: io.signal }));
      data = out.PasswordPolicy ? { present: true, policy: passwordPolicyData(out.PasswordPolicy) } : { present: false, policy: null };
    } catch (err) {
      if (!(err instanceof IamCallError) || awsErrorCode(err.cause) !== 'NoSuchEntity') throw err;
      data = { present: false, policy: null };
    }
    return [{ kind: AWS_IAM_KINDS.passwordPolicy, resourceId: ACCOUNT_RESOURCE, data }];
  },
};
