/**
 * Built-in Microsoft Entra directory roles the emulator knows, with their template ids (the same
 * in every tenant; for built-in roles the role definition id equals the template id). `admin`
 * follows the authentication methods registration report, whose `isAdmin` is true for holders of
 * an administrative role.
 */
export interface BuiltInDirectoryRole {
  readonly displayName: string;
  readonly templateId: string;
  readonly admin: boolean;
}

export const BUILT_IN_DIRECTORY_ROLES: readonly BuiltInDirectoryRole[] = [
  { displayName: 'Global Administrator', templateId: '62e90394-69f5-4237-9190-012177145e10', admin: true },
  { displayName: 'Privileged Role Administrator', templateId: 'e8611ab8-c189-46e8-94e1-60213ab1f814', admin: true },
  { displayName: 'Privileged Authentication Administrator', templateId: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', admin: true },
  { displayName: 'Security Administrator', templateId: '194ae4cb-b126-40b2-bd5b-6091b380977d', admin: true },
  { displayName: 'Conditional Access Administrator', templateId: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', admin: true },
  { displayName: 'User Administrator', templateId: 'fe930be7-5e62-47db-91af-98c3a49a38b1', admin: true },
  { displayName: 'Authentication Administrator', templateId: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', admin: true },
  { displayName: 'Helpdesk Administrator', templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8', admin: true },
  { displayName: 'Groups Administrator', templateId: 'fdd7a751-b60b-444a-984c-02652fe8fa1c', admin: true },
  { displayName: 'Application Administrator', templateId: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', admin: true },
  { displayName: 'Cloud Application Administrator', templateId: '158c047a-c907-4556-b7ef-446551a6b5f7', admin: true },
  { displayName: 'Exchange Administrator', templateId: '29232cdf-9323-42fd-ade2-1d097af3e4de', admin: true },
  { displayName: 'SharePoint Administrator', templateId: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', admin: true },
  { displayName: 'Teams Administrator', templateId: '69091246-20e8-4a56-aa4d-066075b2a7a8', admin: true },
  { displayName: 'Intune Administrator', templateId: '3a2c62db-5318-420d-8d74-23affee5d9d5', admin: true },
  { displayName: 'Billing Administrator', templateId: 'b0f54661-2d74-4c50-afa3-1ec803f12efe', admin: true },
  { displayName: 'Compliance Administrator', templateId: '17315797-102d-40b4-93e0-432062caca18', admin: true },
  { displayName: 'Global Reader', templateId: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451', admin: true },
  { displayName: 'Security Reader', templateId: '5d6b6bb7-de71-4623-b4af-96380a352509', admin: true },
  { displayName: 'Reports Reader', templateId: '4a5d8f65-41da-4de4-8968-e035b65339cf', admin: true },
  { displayName: 'Directory Readers', templateId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', admin: false },
  { displayName: 'Guest Inviter', templateId: '95e79109-95c0-4d8e-aee3-d01accf2d47b', admin: false },
];

/** A built-in role by display name (case-insensitive) or template id. */
export function findBuiltInRole(ref: string): BuiltInDirectoryRole | undefined {
  const key = ref.toLowerCase();
  return BUILT_IN_DIRECTORY_ROLES.find((r) => r.displayName.toLowerCase() === key || r.templateId === key);
}

/** Built-in authentication strengths (Conditional Access grant control), by display name. */
export const BUILT_IN_AUTHENTICATION_STRENGTHS: Readonly<Record<string, string>> = {
  'Multifactor authentication': '00000000-0000-0000-0000-000000000002',
  'Passwordless MFA': '00000000-0000-0000-0000-000000000003',
  'Phishing-resistant MFA': '00000000-0000-0000-0000-000000000004',
};

/**
 * Authentication methods as the registration report names them, and whether each can satisfy MFA
 * (email and security questions only reset passwords).
 */
export const AUTHENTICATION_METHODS = [
  'microsoftAuthenticatorPush',
  'microsoftAuthenticatorPasswordless',
  'softwareOneTimePasscode',
  'hardwareOneTimePasscode',
  'fido2SecurityKey',
  'passKeyDeviceBound',
  'windowsHelloForBusiness',
  'mobilePhone',
  'alternateMobilePhone',
  'officePhone',
  'temporaryAccessPass',
  'email',
  'securityQuestion',
] as const;
export type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];

export const NON_MFA_METHODS: ReadonlySet<AuthenticationMethod> = new Set(['email', 'securityQuestion', 'temporaryAccessPass']);
