import { AZURE_RBAC_KINDS, connectorPermissions } from '@astrolabe/core';
import { describe, expect, it } from 'vitest';
import { azureRbacConnector } from './index';

describe('azure-rbac manifest', () => {
  it('declares every evidence kind of the contract, and asks for Reader actions plus one Graph permission', () => {
    expect(azureRbacConnector.evidenceKinds.map((k) => k.kind).sort()).toEqual(Object.values(AZURE_RBAC_KINDS).sort());
    expect(connectorPermissions(azureRbacConnector)).toEqual([
      'Microsoft Graph Directory.Read.All (application permission)',
      'Microsoft.Authorization/roleAssignments/read',
      'Microsoft.Authorization/roleDefinitions/read',
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
    ]);
  });

  it('takes a client id and secret together or neither (DefaultAzureCredential), blank form fields as absent', () => {
    const secret = azureRbacConnector.secretSchema;
    expect(secret.parse({ clientId: '', clientSecret: ' ' })).toEqual({});
    expect(secret.safeParse({ clientId: 'c7e2a9d4-3b1f-4a6e-8d25-9f0b7c1e4a38' }).success).toBe(false);
    expect(secret.safeParse({ clientId: 'not-a-guid', clientSecret: 'x' }).success).toBe(false);
  });

  it('accepts only https endpoints and PEM certificates', () => {
    const config = azureRbacConnector.configSchema;
    expect(config.safeParse({ graphBaseUrl: 'http://graph.microsoft.com' }).success).toBe(false);
    expect(config.safeParse({ caCertificates: 'not a certificate' }).success).toBe(false);
    expect(config.parse({ tenantId: 'contoso.onmicrosoft.com', armEndpoint: 'https://management.usgovcloudapi.net' })).toMatchObject({ tenantId: 'contoso.onmicrosoft.com', subscriptionIds: [] });
  });
});
