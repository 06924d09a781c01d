import { getAccountPasswordPolicy, getAccountSummary, getUser } from './account-actions';
import type { ActionHandler } from './action-context';
import { getAccountAuthorizationDetails } from './authorization-details-action';
import { generateCredentialReport, getCredentialReport } from './credential-report-actions';
import { listEntitiesForPolicy, listServerCertificates, listVirtualMfaDevices } from './list-actions';

export type { ActionContext, ActionHandler } from './action-context';
export { CredentialReportState } from './credential-report-actions';

/** The IAM actions the emulator answers; anything else is InvalidAction, as IAM says. */
export const IAM_ACTIONS = {
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
  GetAccountSummary: getAccountSummary,
  GetAccountPasswordPolicy: getAccountPasswordPolicy,
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  ListVirtualMFADevices: listVirtualMfaDevices,
  ListServerCertificates: listServerCertificates,
  ListEntitiesForPolicy: listEntitiesForPolicy,
  GetUser: getUser,
} as const satisfies Record<string, ActionHandler>;

export type IamAction = keyof typeof IAM_ACTIONS;

export function isIamAction(action: string): action is IamAction {
  return Object.prototype.hasOwnProperty.call(IAM_ACTIONS, action);
}
