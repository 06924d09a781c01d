import { ConnectorError } from '@astrolabe/core';
import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { AzureApiError, AzureCallError, classifyAzureError, MalformedResponseError, missingArmPermission } from './azure-errors';

const answered = { endpointAnswered: true, endpoints: 'https://management.azure.com' };
const call = (cause: unknown) => new AzureCallError('role assignments of /subscriptions/s1', 'Microsoft.Authorization/roleAssignments/read', cause);
const AUTHORIZATION_FAILED =
  "The client 'app' with object id 'oid' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/subscriptions/s1' or the scope is invalid. If access was recently granted, please refresh your credentials.";

describe('classifyAzureError', () => {
  it('names the action and scope ARM refused as the missing permission', () => {
    expect(missingArmPermission(AUTHORIZATION_FAILED)).toBe('Microsoft.Authorization/roleAssignments/read on /subscriptions/s1');
    const c = classifyAzureError(call(new RestError(AUTHORIZATION_FAILED, { statusCode: 403, code: 'AuthorizationFailed' })), answered);
    expect(c).toEqual({
      kind: 'kind-failed',
      error: { code: 'access_denied', message: `role assignments of /subscriptions/s1: access denied (AuthorizationFailed): ${AUTHORIZATION_FAILED}`, missingPermission: 'Microsoft.Authorization/roleAssignments/read on /subscriptions/s1' },
    });
  });

  it('names the Graph permission for a Graph refusal, and the read’s own permission otherwise', () => {
    const graph = classifyAzureError(new AzureCallError('directory objects', 'Microsoft Graph Directory.Read.All (application permission)', new AzureApiError('graph', 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.')), answered);
    expect(graph).toMatchObject({ kind: 'kind-failed', error: { missingPermission: 'Microsoft Graph Directory.Read.All (application permission)' } });
    const other = classifyAzureError(call(new AzureApiError('arm', 403, 'LinkedAuthorizationFailed', 'denied')), answered);
    expect(other).toMatchObject({ error: { missingPermission: 'Microsoft.Authorization/roleAssignments/read' } });
  });

  it('ends the run for a refused token, an untrusted certificate, or an endpoint that never answered', () => {
    expect(classifyAzureError(call(new RestError('expired', { statusCode: 401, code: 'ExpiredAuthenticationToken' })), answered)).toMatchObject({ kind: 'fatal', error: { code: 'credentials_invalid' } });
    expect(classifyAzureError(call(new RestError('self-signed certificate in certificate chain', { code: 'SELF_SIGNED_CERT_IN_CHAIN' })), answered)).toMatchObject({ kind: 'fatal', error: { code: 'endpoint_untrusted' } });
    const refused = new RestError('connect ECONNREFUSED 127.0.0.1:1', { code: 'ECONNREFUSED' });
    expect(classifyAzureError(call(refused), { ...answered, endpointAnswered: false })).toMatchObject({ kind: 'fatal', error: { code: 'endpoint_unreachable' } });
    // Once Azure has answered, a lost connection fails only the kinds that read through it.
    expect(classifyAzureError(call(refused), answered)).toMatchObject({ kind: 'kind-failed', error: { code: 'network_error' } });
    const fatal = new ConnectorError('no_subscriptions', 'none');
    expect(classifyAzureError(fatal, answered)).toEqual({ kind: 'fatal', error: fatal });
  });

  it('throttled after retries, malformed pages, missing things and bugs fail the kind, never the run', () => {
    expect(classifyAzureError(call(new RestError('throttled', { statusCode: 429, code: 'TooManyRequests' })), answered)).toMatchObject({ kind: 'kind-failed', error: { code: 'throttled' } });
    expect(classifyAzureError(call(new MalformedResponseError('the page has no "value" list')), answered)).toMatchObject({ error: { code: 'malformed_response', message: 'role assignments of /subscriptions/s1: the page has no "value" list' } });
    expect(classifyAzureError(call(new RestError('bad json', { statusCode: 200, code: 'PARSE_ERROR' })), answered)).toMatchObject({ error: { code: 'malformed_response' } });
    expect(classifyAzureError(call(new AzureApiError('arm', 404, 'SubscriptionNotFound', 'gone')), answered)).toMatchObject({ error: { code: 'not_found' } });
    expect(classifyAzureError(call(new TypeError('x is not a function')), { ...answered, endpointAnswered: false })).toMatchObject({ kind: 'kind-failed', error: { code: 'provider_error' } });
  });
});
