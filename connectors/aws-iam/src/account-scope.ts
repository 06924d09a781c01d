import type { GetAccountAuthorizationDetailsResponse } from '@aws-sdk/client-iam';
import { accountIdFromArn, accountRootArn, type ResourceRef } from '@astrolabe/core';

/**
 * An ARN of the account from a GetAccountAuthorizationDetails page. Users, groups and roles
 * always live in the caller's account; policies are skipped because AWS-managed ones carry
 * `aws` instead of an account id.
 */
export function authorizationDetailsArn(page: Pick<GetAccountAuthorizationDetailsResponse, 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList'>): string | undefined {
  return page.UserDetailList?.[0]?.Arn ?? page.GroupDetailList?.[0]?.Arn ?? page.RoleDetailList?.[0]?.Arn;
}

/** The connection's scope (the account, keyed by its root ARN) from any ARN of the account. */
export function accountScope(arn: string): ResourceRef | null {
  const accountId = accountIdFromArn(arn);
  return accountId ? { id: accountRootArn(accountId), type: 'aws:account', name: accountId } : null;
}
