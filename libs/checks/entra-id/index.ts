import type { CheckDefinition } from '@astrolabe/core';
import { check as adminPortalsMfa } from './admin-portals-mfa/evaluate';
import { check as globalAdminCount } from './global-admin-count/evaluate';
import { check as mfaEnforced } from './mfa-enforced/evaluate';
import { check as staleGuests } from './stale-guests/evaluate';
import { check as staleUsers90d } from './stale-users-90d/evaluate';
import { check as userMfaRegistered } from './user-mfa-registered/evaluate';

/**
 * Microsoft Entra ID checks: authentication first (MFA enforced, on admin portals, each user able
 * to do it), then privileged access (Global Administrators), then account lifecycle (stale members
 * and guests).
 */
export const entraIdChecks: CheckDefinition[] = [mfaEnforced, adminPortalsMfa, userMfaRegistered, globalAdminCount, staleUsers90d, staleGuests];
