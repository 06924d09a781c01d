import { ConnectorError } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { classifyIamError, IamCallError, type ClassifyOptions } from './iam-errors';

const ENDPOINT = 'https://iam.amazonaws.com';
const options = (endpointAnswered: boolean): ClassifyOptions => ({ redact: (t) => t, endpoint: ENDPOINT, endpointAnswered });

// The shapes @smithy/node-http-handler rejects with once the SDK's retries are spent.
const NETWORK_FAILURES: Array<[string, Error, string]> = [
  ['a request timeout', Object.assign(new Error('@smithy/node-http-handler - the request socket timed out after 60000 ms of inactivity'), { name: 'TimeoutError' }), 'ETIMEDOUT'],
  ['a socket hang-up', Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }), 'ECONNRESET'],
  ['a connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'ECONNRESET'],
  ['a connect timeout', Object.assign(new Error('connect ETIMEDOUT 52.94.225.3:443'), { code: 'ETIMEDOUT' }), 'ETIMEDOUT'],
  ['a broken pipe', Object.assign(new Error('write EPIPE'), { name: 'TimeoutError', code: 'EPIPE' }), 'EPIPE'],
];

describe('classifyIamError for network failures', () => {
  it.each(NETWORK_FAILURES)('%s after IAM has answered fails only the kinds of that call, naming the action', (_, cause, code) => {
    const classified = classifyIamError(new IamCallError('GetAccountAuthorizationDetails', cause), options(true));
    expect(classified.kind).toBe('kind-failed');
    expect(classified.error).toEqual({ code: 'network_error', message: expect.stringContaining('iam:GetAccountAuthorizationDetails') });
    expect(classified.error.message).toContain(`(${code})`);
    expect(classified.error.message).toContain(ENDPOINT);
  });

  it.each(NETWORK_FAILURES)('%s before IAM has answered anything means the endpoint is unreachable: the run stops', (_, cause, code) => {
    const classified = classifyIamError(new IamCallError('GetAccountSummary', cause), options(false));
    expect(classified.kind).toBe('fatal');
    expect(classified.error).toBeInstanceOf(ConnectorError);
    expect(classified.error).toMatchObject({ code: 'endpoint_unreachable', message: expect.stringContaining(`${ENDPOINT} (${code})`) });
  });

  it('service errors are classified the same whether or not IAM answered before', () => {
    const denied = Object.assign(new Error('User: x is not authorized to perform: iam:ListServerCertificates on resource: *'), { name: 'AccessDenied' });
    for (const answered of [false, true]) {
      expect(classifyIamError(new IamCallError('ListServerCertificates', denied), options(answered))).toEqual({
        kind: 'kind-failed',
        error: expect.objectContaining({ code: 'access_denied', missingPermission: 'iam:ListServerCertificates' }),
      });
    }
  });
});
