import { escapeXml } from './xml-writer';

export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** An IAM error as the Query protocol reports it: HTTP status, Sender/Receiver, code, message. */
export class IamError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = 'IamError';
  }
}

export function errorXml(error: IamError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${IAM_XMLNS}">` +
    `<Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`
  );
}

export const iamErrors = {
  noSuchEntity: (message: string) => new IamError(404, 'NoSuchEntity', message),
  validation: (message: string) => new IamError(400, 'ValidationError', message),
  invalidInput: (message: string) => new IamError(400, 'InvalidInput', message),
  throttling: () => new IamError(400, 'Throttling', 'Rate exceeded'),
  serviceFailure: () => new IamError(500, 'ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.'),
  accessDenied: (caller: string, action: string, resource: string) =>
    new IamError(
      403,
      'AccessDenied',
      `User: ${caller} is not authorized to perform: iam:${action} on resource: ${resource} because no identity-based policy allows the iam:${action} action`,
    ),
  missingAuthentication: () => new IamError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'),
  invalidAction: (action: string) => new IamError(400, 'InvalidAction', `Could not find operation ${action} for version 2010-05-08`),
};
