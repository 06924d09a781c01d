import type { CredentialReportState } from './credential-report-actions';
import type { IamModel } from '../iam-model';
import type { QueryParams } from '../query-params';
import type { XmlStruct } from '../xml-writer';

export interface ActionContext {
  readonly model: IamModel;
  readonly params: QueryParams;
  readonly reports: CredentialReportState;
  /** The emulator's clock: the scenario's `now`, advancing in real time since start. */
  now(): Date;
  /** ARN of the principal whose access key signed the request (for GetUser and error messages). */
  readonly callerArn: string;
}

/** Returns the content of `<{Action}Result>`, or throws an IamError. */
export type ActionHandler = (ctx: ActionContext) => XmlStruct;
