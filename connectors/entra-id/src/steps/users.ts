import { ENTRA_KINDS, entraUserResourceId, type CollectionError, type EntraUser, type EntraUserSignInActivity } from '@astrolabe/core';
import { z } from 'zod';
import { describeGraphError, isForbidden, isLicenceError, kindError } from '../graph-errors';
import { forEachPage } from '../graph-paging';
import type { GraphSession } from '../graph-session';
import { ENTRA_PERMISSIONS } from '../manifest';

export type Emit = (kind: string, resourceId: string, data: unknown) => void;

const USER_FIELDS = ['id', 'userPrincipalName', 'displayName', 'userType', 'accountEnabled', 'createdDateTime', 'externalUserState'];
/** Graph's largest page; with signInActivity selected Graph returns fewer per page (500 today), and the next link says so. */
const PAGE_SIZE = 999;

const nullableString = z.string().nullable().optional();
const graphUserSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  displayName: nullableString,
  userType: nullableString,
  accountEnabled: z.boolean(),
  createdDateTime: nullableString,
  externalUserState: nullableString,
  signInActivity: z
    .object({ lastSignInDateTime: nullableString, lastNonInteractiveSignInDateTime: nullableString, lastSuccessfulSignInDateTime: nullableString })
    .nullable()
    .optional(),
});
type GraphUser = z.infer<typeof graphUserSchema>;

const userType = (t: string | null | undefined): EntraUser['userType'] => (t === 'Member' || t === 'Guest' ? t : null);

function toUser(u: GraphUser): EntraUser {
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName ?? null,
    userType: userType(u.userType),
    accountEnabled: u.accountEnabled,
    createdDateTime: u.createdDateTime ?? null,
    externalUserState: u.externalUserState ?? null,
  };
}

function toSignIn(u: GraphUser): EntraUserSignInActivity {
  const s = u.signInActivity;
  return {
    userId: u.id,
    lastSignInDateTime: s?.lastSignInDateTime ?? null,
    lastNonInteractiveSignInDateTime: s?.lastNonInteractiveSignInDateTime ?? null,
    lastSuccessfulSignInDateTime: s?.lastSuccessfulSignInDateTime ?? null,
  };
}

export interface UsersOutcome {
  users: CollectionError | null;
  signInActivity: CollectionError | null;
  count: number;
}

/**
 * Every user with sign-in activity in one paged read (GET /users?$select=…,signInActivity). When
 * Graph refuses sign-in activity (no AuditLog.Read.All, or no P1/P2 licence), the users are read
 * again without it: only the sign-in kind fails, with that cause. When Graph returns sign-in
 * activity for nobody at all, it is withholding it (a lapsed licence does that): the kind fails
 * rather than claiming that no one ever signed in.
 */
export async function collectUsers(session: GraphSession, emit: Emit, signal: AbortSignal): Promise<UsersOutcome> {
  const read = (withSignIn: boolean, onPage: (users: GraphUser[]) => void) =>
    forEachPage(session.client, session.client.api('/users').select(withSignIn ? [...USER_FIELDS, 'signInActivity'] : USER_FIELDS).top(PAGE_SIZE), graphUserSchema, onPage, signal);

  let count = 0;
  let withActivity = 0;
  try {
    await read(true, (page) => {
      for (const u of page) {
        emit(ENTRA_KINDS.user, entraUserResourceId(u.id), toUser(u));
        const signIn = toSignIn(u);
        if (signIn.lastSignInDateTime ?? signIn.lastNonInteractiveSignInDateTime ?? signIn.lastSuccessfulSignInDateTime) withActivity += 1;
        emit(ENTRA_KINDS.userSignInActivity, entraUserResourceId(u.id), signIn);
      }
      count += page.length;
    });
  } catch (err) {
    if (!isLicenceError(err) && !isForbidden(err)) {
      const error = kindError(err, 'listing users', ENTRA_PERMISSIONS.users);
      return { users: error, signInActivity: error, count };
    }
    const signInError = kindError(err, 'reading sign-in activity', ENTRA_PERMISSIONS.auditLogs);
    count = 0;
    try {
      await read(false, (page) => {
        for (const u of page) emit(ENTRA_KINDS.user, entraUserResourceId(u.id), toUser(u));
        count += page.length;
      });
    } catch (again) {
      // Users themselves are refused too: the first refusal was not about sign-in activity.
      const error = kindError(again, 'listing users', ENTRA_PERMISSIONS.users);
      return { users: error, signInActivity: { ...error, message: `${error.message} (sign-in activity: ${describeGraphError(err)})` }, count };
    }
    return { users: null, signInActivity: signInError, count };
  }
  if (count > 0 && withActivity === 0) {
    return {
      users: null,
      count,
      signInActivity: {
        code: 'sign_in_activity_unavailable',
        message: `Microsoft Graph returned no sign-in activity for any of the ${count} users, which it does when the tenant's Microsoft Entra ID P1/P2 licence has lapsed or sign-in data is withheld; no account is judged on it until Graph reports sign-ins again.`,
      },
    };
  }
  return { users: null, signInActivity: null, count };
}
