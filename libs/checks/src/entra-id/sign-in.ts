import type { EntraUser, EntraUserSignInActivity } from '@astrolabe/core';
import { ageOf, daysSince } from '../shared/dates';
import { fail, pass, unknown, type Verdict } from '../shared/verdict';
import { userLabel } from './resources';

/** Accounts unused for longer than this are stale (CIS Controls 5.3 uses 45 days; 90 is the common audit line). */
export const STALE_AFTER_DAYS = 90;

const date = (s: string | null): Date | null => (s === null ? null : new Date(s));

/**
 * The account's last activity: the last successful sign-in of any kind when Graph recorded it
 * (since December 2023), otherwise the later of the interactive and non-interactive sign-ins.
 */
export function lastActivity(s: EntraUserSignInActivity): Date | null {
  const successful = date(s.lastSuccessfulSignInDateTime);
  if (successful) return successful;
  const seen = [date(s.lastSignInDateTime), date(s.lastNonInteractiveSignInDateTime)].filter((d): d is Date => d !== null);
  return seen.length === 0 ? null : new Date(Math.max(...seen.map((d) => d.getTime())));
}

/**
 * Stale or not, for an enabled account: no activity for STALE_AFTER_DAYS, or never used although
 * created longer ago than that. `noun` says what the account is ("account", "guest account").
 */
export function judgeActivity(user: EntraUser, signIn: EntraUserSignInActivity, now: Date, remedy: string): Verdict {
  const who = userLabel(user);
  const last = lastActivity(signIn);
  if (last) {
    const days = daysSince(last, now);
    if (days > STALE_AFTER_DAYS) return fail(`${who} is enabled but last signed in ${ageOf(last, now)}, more than ${STALE_AFTER_DAYS} days ago. ${remedy}`);
    return pass(`${who} last signed in ${ageOf(last, now)}.`);
  }
  const pending = user.externalUserState === 'PendingAcceptance' ? ' and never accepted its invitation' : '';
  if (user.createdDateTime === null) return unknown(`${who} has never signed in${pending}, and Graph does not say when it was created, so its age is unknown.`);
  const created = new Date(user.createdDateTime);
  if (daysSince(created, now) > STALE_AFTER_DAYS) return fail(`${who} has never signed in${pending} since it was created ${ageOf(created, now)}. ${remedy}`);
  return pass(`${who} was created ${ageOf(created, now)} and has not signed in yet${pending}; it is judged once it is ${STALE_AFTER_DAYS} days old.`);
}
