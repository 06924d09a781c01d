import { z } from 'zod';
import { MEMBER_ROLES } from './permissions';

// Who may do what, and how people and machines sign in. Shared by the server (which enforces it),
// the console (which hides what a role cannot do) and the CLI.

const email = z.string().trim().toLowerCase().email().max(254);
const name = z.string().trim().min(1).max(120);
const instant = z.iso.datetime({ offset: true });
/** Long enough to resist guessing without a composition rule (NIST SP 800-63B 3.1.1.2). */
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(256);

export const loginBody = z.object({ email, password: z.string().min(1).max(256) });
export const demoLoginBody = z.object({ memberId: z.string().uuid() });

export const membershipSchema = z.object({
  workspaceId: z.string(),
  workspaceName: z.string(),
  memberId: z.string(),
  role: z.enum(MEMBER_ROLES),
  accessStartsAt: z.string().nullable(),
  accessEndsAt: z.string().nullable(),
});
export const sessionSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string() }),
  /** Send back as `x-csrf-token` on every state-changing request made with the session cookie. */
  csrfToken: z.string(),
  method: z.enum(['password', 'oidc', 'demo', 'invitation']),
  expiresAt: z.string(),
  memberships: z.array(membershipSchema),
});
export type SessionView = z.infer<typeof sessionSchema>;

/** What the sign-in page offers before anyone is signed in. */
export const signInOptionsSchema = z.object({
  password: z.boolean(),
  demo: z.object({ workspaceId: z.string(), workspaceName: z.string(), members: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.enum(MEMBER_ROLES) })) }).nullable(),
});
export const ssoDiscoveryQuery = z.object({ email });
export const ssoDiscoverySchema = z.object({ sso: z.boolean(), workspaceName: z.string().nullable(), startUrl: z.string().nullable() });

export const createTokenBody = z.object({
  name,
  role: z.enum(MEMBER_ROLES),
  /** Omit for a token that does not expire (still revocable). */
  expiresAt: instant.optional(),
});
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(MEMBER_ROLES),
  createdBy: z.object({ id: z.string(), displayName: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});
/** The token itself appears once, in the response that creates it. */
export const createdTokenSchema = apiTokenSchema.extend({ token: z.string() });

export const createInvitationBody = z.object({
  email,
  role: z.enum(MEMBER_ROLES),
  /** An auditor's engagement: access begins and ends at these instants. */
  accessStartsAt: instant.optional(),
  accessEndsAt: instant.optional(),
});
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(MEMBER_ROLES),
  invitedBy: z.object({ id: z.string(), displayName: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string(),
  accessStartsAt: z.string().nullable(),
  accessEndsAt: z.string().nullable(),
  state: z.enum(['open', 'accepted', 'expired', 'revoked']),
});
/** The link to accept appears once, in the response that creates the invitation. */
export const createdInvitationSchema = invitationSchema.extend({ acceptUrl: z.string() });
export const invitationTokenQuery = z.object({ token: z.string().min(20).max(200) });
export const invitationPreviewSchema = z.object({ workspaceName: z.string(), email: z.string(), role: z.enum(MEMBER_ROLES), hasAccount: z.boolean() });
export const acceptInvitationBody = z.object({
  token: z.string().min(20).max(200),
  /** For a new account: the name to show and a password. An existing account signs in with its password. */
  displayName: name.optional(),
  password: z.string().min(1).max(256),
});

export const ssoConfigBody = z.object({
  issuer: z.string().url().max(500),
  clientId: z.string().trim().min(1).max(200),
  /** Write-only: never returned. Omit on update to keep the stored one. */
  clientSecret: z.string().min(1).max(500).optional(),
  domains: z.array(z.string().trim().toLowerCase().regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'a domain such as example.com')).max(20),
  defaultRole: z.enum(['compliance_lead', 'engineer', 'auditor', 'viewer']).default('viewer'),
});
export const ssoConfigSchema = z.object({ issuer: z.string(), clientId: z.string(), clientSecretSet: z.boolean(), domains: z.array(z.string()), defaultRole: z.string(), redirectUri: z.string(), updatedAt: z.string() });
