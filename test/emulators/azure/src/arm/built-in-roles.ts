/**
 * Azure built-in roles the emulator serves, with their real ids and permissions (the ids are the
 * same in every tenant and cloud). Enough to tell owners, access administrators, writers and
 * readers apart; a scenario adds anything else as a custom role.
 */
export interface BuiltInAzureRole {
  readonly id: string;
  readonly roleName: string;
  readonly description: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
  readonly createdOn: string;
  readonly updatedOn: string;
}

export const BUILT_IN_AZURE_ROLES: readonly BuiltInAzureRole[] = [
  {
    id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    description: 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
    createdOn: '2015-02-02T21:55:09.8806423Z',
    updatedOn: '2021-11-11T20:13:45.8978856Z',
  },
  {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    description: 'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
      'Microsoft.Purview/consents/write',
      'Microsoft.Purview/consents/delete',
      'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
      'Microsoft.Subscription/cancel/action',
      'Microsoft.Subscription/enable/action',
    ],
    dataActions: [],
    notDataActions: [],
    createdOn: '2015-02-02T21:55:09.8806423Z',
    updatedOn: '2024-04-10T15:57:29.6045296Z',
  },
  {
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
    createdOn: '2015-02-02T21:55:09.8806423Z',
    updatedOn: '2021-11-11T20:13:47.8628684Z',
  },
  {
    id: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    roleName: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
    createdOn: '2015-02-02T21:55:09.8806423Z',
    updatedOn: '2021-11-11T20:13:48.8004894Z',
  },
  {
    id: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    roleName: 'Role Based Access Control Administrator',
    description: 'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
    actions: ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete', '*/read', 'Microsoft.Support/*'],
    notActions: [],
    dataActions: [],
    notDataActions: [],
    createdOn: '2022-09-07T02:29:29.6592395Z',
    updatedOn: '2023-07-18T22:41:10.8640883Z',
  },
  {
    id: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    roleName: 'Storage Blob Data Reader',
    description: 'Allows for read access to Azure Storage blob containers and data',
    actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/read', 'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action'],
    notActions: [],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
    notDataActions: [],
    createdOn: '2017-12-21T00:01:24.7972312Z',
    updatedOn: '2021-11-11T20:13:55.2009087Z',
  },
];

const byId = new Map(BUILT_IN_AZURE_ROLES.map((r) => [r.id, r]));
const byName = new Map(BUILT_IN_AZURE_ROLES.map((r) => [r.roleName.toLowerCase(), r]));

/** A built-in role by name (`Owner`, any case) or id. */
export function findBuiltInAzureRole(nameOrId: string): BuiltInAzureRole | undefined {
  return byId.get(nameOrId.toLowerCase()) ?? byName.get(nameOrId.toLowerCase());
}
