import type { CheckDefinition } from '@astrolabe/core';
import { check as disabledUsersHoldNoRoles } from './disabled-users-hold-no-roles/evaluate';
import { check as environmentSeparation } from './environment-separation/evaluate';
import { check as noCustomOwnerRoles } from './no-custom-owner-roles/evaluate';
import { check as subscriptionOwnerCount } from './subscription-owner-count/evaluate';
import { check as userAccessAdminRestricted } from './user-access-admin-restricted/evaluate';

/**
 * Azure RBAC checks: who administers subscriptions (owners, access administrators, custom
 * owner-like roles), leftover access of disabled and deleted users, and environment separation.
 */
export const azureRbacChecks: CheckDefinition[] = [subscriptionOwnerCount, userAccessAdminRestricted, noCustomOwnerRoles, disabledUsersHoldNoRoles, environmentSeparation];
